"""Anchor health: an article's page served by a local server, ingested by URL, then changed
(one claim's sentence edited, a paragraph moved, one deleted), answered with 304 and with 404;
each check stores what the page says and marks each claim unchanged, moved, changed or gone."""

from functools import partial

import pytest

from articles.fetch import fetch_page
from articles.models import ArticleVersion, PageCheck, PageOutcome
from claims.anchors.check import check_article, check_articles
from claims.ingest import ingest_url
from claims.models import AnchorCheck, AnchorStatus
from tests.factories import make_claim, make_published_claim
from tests.local_site import loopback_only

pytestmark = pytest.mark.django_db

fetch = partial(fetch_page, allowed=loopback_only)

KEPT = "Police arrested 500 people at rallies in Almaty and Nur-Sultan on Sunday."
EDITED = "Turnout was 77.4 percent, the Central Election Commission said on Monday."
EDITED_NOW = "Turnout was 63.1 percent, the Central Election Commission said on Monday evening."
DELETED = "The opposition leader said the count had been rigged in at least 12 regions."
MOVED = "Observers from the OSCE reported widespread violations at polling stations."
LAST = "Tokayev won with nearly 71 percent of the vote, according to official results."
BEFORE = [KEPT, EDITED, DELETED, MOVED, LAST]
AFTER = [MOVED, KEPT, EDITED_NOW, LAST]


def page(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Rallies in Almaty</title>"
        "</head><body><article><h1>Rallies in Almaty</h1>\n"
        f"{body}</article></body></html>"
    ).encode()


def serve(site, paragraphs, etag):
    site.routes["/story"] = (
        200,
        {"ETag": etag, "Last-Modified": LAST_MODIFIED[etag]},
        page(paragraphs),
    )


LAST_MODIFIED = {'"v1"': "Sun, 09 Jun 2019 10:00:00 GMT", '"v2"': "Mon, 10 Jun 2019 08:00:00 GMT"}


@pytest.fixture
def story(site):
    serve(site, BEFORE, '"v1"')
    article = ingest_url(f"{site.url}/story", fetch=fetch).article
    claims = {quote: make_claim(article, quote) for quote in BEFORE}
    return article, claims


def marks(article) -> dict[str, str]:
    checks = AnchorCheck.objects.filter(claim__article=article).select_related("claim")
    return {check.claim.quote: check.status for check in checks}


def test_ingestion_stores_the_page_as_its_first_version_with_its_validators(story):
    article, _ = story
    (version,) = article.versions.all()
    assert version.text == article.body
    assert (version.etag, version.last_modified) == ('"v1"', LAST_MODIFIED['"v1"'])


def test_a_changed_page_is_stored_and_each_claim_is_marked(site, story):
    article, claims = story
    serve(site, AFTER, '"v2"')

    checked = check_article(article, fetch=fetch)

    assert checked.outcome == PageOutcome.CHANGED
    assert site.requests[-1].headers["If-None-Match"] == '"v1"'
    assert site.requests[-1].headers["If-Modified-Since"] == LAST_MODIFIED['"v1"']
    assert marks(article) == {
        KEPT: AnchorStatus.UNCHANGED,
        EDITED: AnchorStatus.CHANGED,
        DELETED: AnchorStatus.GONE,
        MOVED: AnchorStatus.MOVED,
        LAST: AnchorStatus.UNCHANGED,
    }
    changed = claims[EDITED].anchor_check
    changed.refresh_from_db()
    assert changed.wording == EDITED_NOW
    assert claims[EDITED].quote == EDITED  # the old wording stays the claim's quote
    assert changed.version.text[changed.start : changed.end] == EDITED_NOW
    moved = AnchorCheck.objects.get(claim=claims[MOVED])
    assert moved.version.text[moved.start : moved.end] == MOVED
    assert [v.etag for v in article.versions.order_by("fetched_at")] == ['"v1"', '"v2"']


def test_304_keeps_the_version_and_the_marks(site, story):
    article, _ = story
    serve(site, AFTER, '"v2"')
    check_article(article, fetch=fetch)
    site.routes["/story"] = (304, {"ETag": '"v2"'}, b"")

    checked = check_article(article, fetch=fetch)

    assert checked.outcome == PageOutcome.NOT_MODIFIED
    assert site.requests[-1].headers["If-None-Match"] == '"v2"'
    assert article.versions.count() == 2
    assert marks(article)[EDITED] == AnchorStatus.CHANGED
    assert PageCheck.objects.get(article=article).outcome == PageOutcome.NOT_MODIFIED


def test_the_same_text_again_is_not_stored_twice(site, story):
    article, _ = story
    serve(site, AFTER, '"v2"')
    check_article(article, fetch=fetch)
    site.routes["/story"] = (200, {"ETag": ""}, page(AFTER))  # a server that ignores validators
    assert check_article(article, fetch=fetch).outcome == PageOutcome.SAME
    serve(site, BEFORE, '"v1"')  # back as it was: the first version again
    assert check_article(article, fetch=fetch).outcome == PageOutcome.CHANGED
    assert article.versions.count() == 2
    assert set(marks(article).values()) == {AnchorStatus.UNCHANGED}
    assert ArticleVersion.objects.latest_seen(article).text == article.body


@pytest.mark.parametrize("status", [404, 410])
def test_a_page_that_is_gone_marks_every_claim_gone(site, story, status):
    article, _ = story
    site.routes["/story"] = (status, {}, b"gone")

    checked = check_article(article, fetch=fetch)

    assert checked.outcome == PageOutcome.GONE
    assert f"HTTP {status}" in PageCheck.objects.get(article=article).detail
    assert set(marks(article).values()) == {AnchorStatus.GONE}
    assert all(check.page_gone for check in AnchorCheck.objects.filter(claim__article=article))
    assert article.versions.count() == 1  # the page as it was stays


def test_a_page_that_cannot_be_fetched_changes_no_mark(site, story):
    article, _ = story
    check_article(article, fetch=fetch)
    site.routes["/story"] = (500, {}, b"oops")

    checked = check_article(article, fetch=fetch)

    assert checked.outcome == PageOutcome.FAILED
    assert "answered HTTP 500" in checked.detail
    assert set(marks(article).values()) == {AnchorStatus.UNCHANGED}


def test_the_address_guard_applies_to_checks(site, story):
    article, _ = story
    checked = check_article(article)  # the production fetcher: loopback refused
    assert checked.outcome == PageOutcome.FAILED
    assert "internal address" in checked.detail
    assert not site.requests[1:]  # only ingestion's fetch reached the server
