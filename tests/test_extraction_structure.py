"""News page structure is not content: headings, captions, embedded posts, timestamps, link
lists, promotions and graphic pointers are boilerplate and never proposed (issue 15)."""

import pytest

from claims.extraction import extract, normalize_text
from claims.extraction.boilerplate import classify_line, find_boilerplate

PROSE = "Police arrested 500 people at rallies in Almaty on Sunday, the ministry said."


def _kinds(text: str) -> dict[str, str]:
    return {b.text: b.kind for b in find_boilerplate(text)}


@pytest.mark.parametrize(
    "heading",
    [
        "2. Never urged Ukraine to investigate Joe Biden",
        "3) The economy grew faster than under Obama",
        "Trump impeachment: what we know so far",
        "Why the vote matters",
        "Kazakhstan's new president",
        "Mon 18 Nov 2019 10.32 GMT",
    ],
)
def test_a_line_standing_alone_that_does_not_end_like_a_sentence_is_a_heading(heading):
    text = f"{PROSE}\n\n{heading}\n\n{PROSE}\n"
    assert _kinds(text) == {heading: "heading"}
    sentences = extract(text)
    assert [s.boilerplate for s in sentences if heading in s.text] == ["heading"]
    assert not any(s.is_claim for s in sentences if heading in s.text)


def test_a_wrapped_line_inside_a_paragraph_is_not_a_heading():
    text = "Police arrested 500 people\nat rallies in Almaty and\nNur-Sultan on Sunday.\n"
    assert find_boilerplate(text) == []
    assert find_boilerplate(normalize_text(text).text) == []


@pytest.mark.parametrize(
    "line",
    [
        "Police arrested 500 people at rallies, the ministry said",  # in a paragraph
        "Here is what the minister said:",
        "“We will not give up,” she said.",
    ],
)
def test_sentences_and_introductions_are_not_headings(line):
    assert find_boilerplate(f"{PROSE}\n{line}\n{PROSE}") == []
    if line.endswith((".", ":")):
        assert find_boilerplate(f"{PROSE}\n\n{line}\n\n{PROSE}") == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("— Robert Maguire (@RobertMaguire_) November 18, 2019", "embed"),
        ("— Jane Doe (@jdoe) March 3, 2021", "embed"),
        (
            "A post shared by Kim Kardashian West (@kimkardashian) on Nov 18, 2019 at 9:01am PST",
            "embed",
        ),
        ("The crowd outside the court right now pic.twitter.com/AbC123xyz", "embed"),
        ("2 hours ago", "timestamp"),
        ("35 minutes ago", "timestamp"),
        ("Updated 10:32 AM ET, Mon November 18, 2019", "timestamp"),
        ("Published 3:14 p.m. ET Nov. 18, 2019", "timestamp"),
        ("(Graphic: Kazakhstan's election results - here)", "graphic"),
        ("Factbox: Who is running in Kazakhstan's election", "graphic"),
        ("More AP NBA: https://apnews.com/NBA and https://twitter.com/AP_Sports", "links"),
        ("Full coverage: www.example.com/kazakhstan", "links"),
        ("• Trump's week in review", "links"),
        (
            "FILE PHOTO: U.S. President Donald Trump speaks in Washington, U.S., November 18, "
            "2019. REUTERS/Jonathan Ernst/File Photo",
            "caption",
        ),
        ("Image caption Protesters gathered in Almaty on Sunday", "caption"),
        ("President Tokayev votes in Nur-Sultan. (AP Photo/Vladimir Tretyakov)", "caption"),
        ("Sign up for our morning newsletter and get the news in your inbox.", "promo"),
        ("Get the CNN app for iOS and Android", "promo"),
        ("Share this story", "promo"),
        ("Related: Five things to know about Kazakhstan", "related"),
    ],
)
def test_page_furniture_is_recognised_by_form(line, kind):
    assert classify_line(line) == kind
    text = f"{PROSE}\n\n{line}\n\n{PROSE}\n"
    (furniture,) = [s for s in extract(text) if s.boilerplate]
    assert furniture.text == line
    assert not furniture.is_claim


@pytest.mark.parametrize(
    "line",
    [
        "posted a video in 2019 of the rally in Almaty where police",
        "photo of the president was taken before the vote, and",
        "try to build apps for the city government, which",
        "more than 500 people were detained: police said",
        "Apple's App Store removed the app on Monday, officials said.",
        "A week ago, police arrested 500 people.",
    ],
)
def test_prose_lines_that_resemble_furniture_are_left_alone(line):
    assert classify_line(line) is None


def test_an_embedded_post_between_paragraphs_is_never_proposed():
    raw = (
        f"{PROSE}\n"
        "Thousands of people marched in Almaty on Sunday pic.twitter.com/AbC123xyz\n"
        "— Robert Maguire (@RobertMaguire_) November 18, 2019\n"
        f"{PROSE}\n"
    )
    sentences = extract(normalize_text(raw).text)
    assert [s.boilerplate for s in sentences] == [None, "embed", "embed", None]
    assert [s.is_claim for s in sentences if s.boilerplate] == [False, False]
