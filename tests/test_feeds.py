"""RSS and Atom feeds, the ClaimReview DataFeed and the sitemap."""

import html
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.factories import make_checked_claim, make_claim, make_correction

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def checked(editor, reviewer):
    return make_checked_claim(
        editor=editor, reviewer=reviewer, statement="Tokayev won with nearly 71% of the vote"
    )


def xml_of(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_rss_feed_has_an_item_per_published_verdict(client, checked):
    make_claim(statement="Still being checked")
    items = xml_of(client, "/feeds/claims.rss").findall("./channel/item")
    assert [item.findtext("title") for item in items] == [
        "Mostly true: Tokayev won with nearly 71% of the vote"
    ]
    item = items[0]
    assert item.findtext("link") == f"http://testserver{checked.get_absolute_url()}"
    assert item.findtext("description") == f"<p>{checked.verdict.summary}</p>"
    assert item.findtext("category") == "Mostly true"


def test_a_corrected_verdict_comes_back_as_a_new_item_that_says_so(
    client, checked, editor, editor2, django_capture_on_commit_callbacks
):
    before = xml_of(client, "/feeds/claims.atom").find(f"{ATOM}entry")
    with django_capture_on_commit_callbacks(execute=True):
        make_correction(
            checked,
            drafter=editor,
            approver=editor2,
            note="We misread the table.",
            summary="70.96%.",
        )
    after = xml_of(client, "/feeds/claims.atom").find(f"{ATOM}entry")
    assert after.findtext(f"{ATOM}title") == (
        "Corrected: Mostly true: Tokayev won with nearly 71% of the vote"
    )
    assert "Correction: We misread the table." in after.findtext(f"{ATOM}summary")
    assert after.findtext(f"{ATOM}id") != before.findtext(f"{ATOM}id")
    assert after.findtext(f"{ATOM}updated") > before.findtext(f"{ATOM}updated")


def test_retracted_verdicts_leave_the_feeds(client, checked, editor, editor2):
    make_correction(checked, drafter=editor, approver=editor2, action="retract", note="Withdrawn.")
    assert xml_of(client, "/feeds/claims.rss").findall("./channel/item") == []
    assert xml_of(client, "/feeds/claims.atom").findall(f"{ATOM}entry") == []


def test_claimreview_json_is_a_datafeed_of_every_published_review(client, checked):
    make_claim(statement="Still being checked")
    response = client.get("/claimreview.json")
    feed = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert feed["@type"] == "DataFeed"
    assert [r["claimReviewed"] for r in feed["dataFeedElement"]] == [checked.statement]
    assert feed["dataFeedElement"][0]["@type"] == "ClaimReview"
    assert feed["dateModified"] == feed["dataFeedElement"][0]["dateModified"]


def test_sitemap_lists_published_claims_their_article_and_sources_and_the_fixed_pages(
    client, checked
):
    hidden = make_claim(statement="Still being checked")
    urls = {
        loc.text
        for loc in xml_of(client, "/sitemap.xml").iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }
    expected = [
        checked.get_absolute_url(),
        checked.article.get_absolute_url(),
        checked.claimant.get_absolute_url(),
        "/",
        "/methodology/",
        "/corrections/",
    ]
    assert {f"http://testserver{path}" for path in expected} <= urls
    assert f"http://testserver{hidden.get_absolute_url()}" not in urls
    assert f"http://testserver{hidden.article.get_absolute_url()}" not in urls


@pytest.mark.parametrize("url", ["/feeds/claims.rss", "/feeds/claims.atom"])
def test_feed_readers_show_apostrophes_and_ampersands_as_written(client, editor, reviewer, url):
    make_checked_claim(
        editor=editor,
        reviewer=reviewer,
        statement="Kazakhstan's turnout was 77% & rising",
        summary="The CEC's figure <b>is</b> right.",
    )
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.bozo_exception
    entry = feed.entries[0]
    assert entry.title == "Mostly true: Kazakhstan's turnout was 77% & rising"
    assert html_text(entry.summary) == "The CEC's figure <b>is</b> right."


@pytest.mark.parametrize("url", ["/feeds/claims.rss", "/feeds/claims.atom"])
def test_feed_entry_ids_are_absolute(client, checked, url):
    entry = feedparser.parse(client.get(url).content).entries[0]
    assert entry.id.startswith(("tag:", "http://", "https://")), entry.id
    assert entry.link == f"http://testserver{checked.get_absolute_url()}"


def html_text(fragment: str) -> str:
    """What a feed reader shows of an HTML summary: the text, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()
