"""Finding a claim's quote again in a later text (claims.anchors.locate), case by case: pure
Python, no database, no server."""

import pytest

from claims.anchors.locate import Anchor, Mark, Relocator

ONE = "Police arrested 500 people at rallies in Almaty on Sunday, the ministry said."
TWO = "Turnout was 77.4 percent, the Central Election Commission said on Monday."
THREE = "The opposition called the vote rigged and promised new protests next week."
FOUR = "Tokayev won with nearly 71 percent of the vote, according to official results."


def text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def anchor(body: str, quote: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(quote, start + 1)
    end = start + len(quote)
    return Anchor(start, end, body[max(0, start - 32) : start], body[end : end + 32])


def find(before: str, after: str, quote: str, occurrence: int = 0):
    return Relocator(before, after).find(anchor(before, quote, occurrence))


BEFORE = text(ONE, TWO, THREE, FOUR)


def test_the_same_text_leaves_every_passage_unchanged_where_it_was():
    for quote in (ONE, TWO, THREE, FOUR, "the ministry said."):
        found = find(BEFORE, BEFORE, quote)
        assert (found.mark, found.start) == (Mark.UNCHANGED, BEFORE.index(quote))


def test_a_paragraph_added_or_removed_before_it_leaves_a_passage_unchanged():
    after = text("An editor's note added at the top of the page.", ONE, TWO, FOUR)
    found = find(BEFORE, after, FOUR)
    assert found.mark == Mark.UNCHANGED
    assert after[found.start : found.end] == FOUR


def test_an_edit_elsewhere_in_its_paragraph_leaves_a_passage_unchanged():
    before = text(f"{ONE} {TWO}", THREE)
    after = text(f"{ONE} Turnout was 63 percent, officials said.", THREE)
    assert find(before, after, ONE).mark == Mark.UNCHANGED


def test_a_paragraph_taken_elsewhere_is_moved_and_the_others_are_not():
    after = text(FOUR, ONE, TWO, THREE)
    assert find(BEFORE, after, FOUR).mark == Mark.MOVED
    assert {find(BEFORE, after, q).mark for q in (ONE, TWO, THREE)} == {Mark.UNCHANGED}


def test_a_sentence_taken_into_another_paragraph_is_moved():
    after = text(f"{ONE} {FOUR}", TWO, THREE)
    found = find(BEFORE, after, FOUR)
    assert found.mark == Mark.MOVED
    assert after[found.start : found.end] == FOUR


@pytest.mark.parametrize(
    "now",
    [
        "Turnout was 63.1 percent, the Central Election Commission said on Monday.",
        "Turnout was 77.4 percent, the election commission said on Monday evening.",
        "Officially, turnout was 77.4 percent, the Central Election Commission said on Monday.",
    ],
)
def test_a_reworded_sentence_is_changed_with_its_new_wording(now):
    after = text(ONE, now, THREE, FOUR)
    found = find(BEFORE, after, TWO)
    assert found.mark == Mark.CHANGED
    assert found.wording == after[found.start : found.end]
    assert found.wording.endswith("Monday.") or found.wording.endswith("evening.")
    assert found.wording in now
    assert len(found.wording) >= len(now) - len("Officially, ")


def test_a_reworded_sentence_that_also_moved_is_changed():
    now = "Turnout was 63.1 percent, the Central Election Commission said on Monday."
    after = text(ONE, THREE, FOUR, now)
    found = find(BEFORE, after, TWO)
    assert (found.mark, found.wording) == (Mark.CHANGED, now)


def test_a_deleted_paragraph_is_gone_even_beside_a_sentence_with_the_same_words():
    alike = "The opposition said it would protest next week."
    after = text(ONE, TWO, alike, FOUR)
    found = find(BEFORE, after, THREE)
    assert found.mark == Mark.GONE
    assert found.start is None


def test_a_replaced_paragraph_is_gone():
    after = text(ONE, TWO, "Weather: sunny in Astana, with rain expected tomorrow.", FOUR)
    assert find(BEFORE, after, THREE).mark == Mark.GONE


def test_a_quote_said_twice_is_found_where_its_context_is():
    repeated = "Officials denied it."
    before = text(f"{ONE} {repeated}", f"{THREE} {repeated}")
    after = text(f"{FOUR} {THREE} {repeated}", f"{ONE} {repeated}")
    found = find(before, after, repeated, occurrence=1)
    assert found.mark == Mark.MOVED
    assert after[found.start - len(THREE) - 1 : found.start - 1] == THREE


def test_an_empty_page_leaves_everything_gone():
    assert find(BEFORE, "", ONE).mark == Mark.GONE
