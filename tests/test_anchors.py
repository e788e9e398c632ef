"""Anchor health: an article's page served by a local server, ingested by URL, then changed
(one claim's sentence edited, a paragraph moved, one deleted), answered with 304 and with 404;
each check stores what the page says and marks each claim unchanged, moved, changed or gone.
What editors and readers see of it: tests/test_anchors_pages.py."""

import itertools
import time

import pytest

from articles.models import ArticleVersion, PageCheck, PageOutcome
from claims.anchors.check import check_article, check_articles
from claims.ingest import ingest_url
from claims.models import AnchorCheck, AnchorStatus
from tests.anchor_story import (
    AFTER,
    BEFORE,
    DELETED,
    EDITED,
    EDITED_NOW,
    KEPT,
    LAST,
    LAST_MODIFIED,
    MOVED,
    fetch,
    make_story,
    marks,
    page,
    serve,
)
from tests.factories import make_claim
from tests.local_site import local_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(site):
    return make_story(site)


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


def test_304_keeps_the_version_and_the_marks_and_marks_claims_added_since(site, story):
    article, _ = story
    serve(site, AFTER, '"v2"')
    check_article(article, fetch=fetch)
    site.routes["/story"] = (304, {"ETag": '"v2"'}, b"")

    noticed = AnchorCheck.objects.get(claim__quote=EDITED).since
    added = make_claim(article, "Tokayev won with nearly 71 percent of the vote")

    checked = check_article(article, fetch=fetch)

    assert checked.outcome == PageOutcome.NOT_MODIFIED
    assert site.requests[-1].headers["If-None-Match"] == '"v2"'
    assert article.versions.count() == 2
    edited = AnchorCheck.objects.get(claim__quote=EDITED)
    assert (edited.status, edited.since) == (AnchorStatus.CHANGED, noticed)
    assert edited.checked_at > noticed
    assert AnchorCheck.objects.get(claim=added).status == AnchorStatus.UNCHANGED  # new claim
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


def test_each_host_is_asked_once_per_interval_and_each_page_once_per_run(site):
    """Two hosts (127.0.0.1 and 127.0.0.2): one host's pages are spaced by the interval; the
    other host's page does not wait for them; an article listed twice is fetched once."""
    with local_site("127.0.0.2") as other:
        articles = []
        for number, server in [(1, site), (2, site), (3, site), (4, other)]:
            server.routes[f"/story-{number}"] = (200, {}, page([*BEFORE, f"Story {number}."]))
            articles.append(ingest_url(f"{server.url}/story-{number}", fetch=fetch).article)
        site.requests.clear()
        other.requests.clear()
        timed = []

        checked = check_articles(
            [*articles, articles[0]],
            fetch=fetch,
            interval=0.3,
            report=lambda result: timed.append((result.article.url, time.monotonic())),
        )

    assert len(checked) == 4
    assert sorted(r.path for r in site.requests) == ["/story-1", "/story-2", "/story-3"]
    assert [r.path for r in other.requests] == ["/story-4"]
    first_host = [at for url, at in timed if url.startswith(site.url)]
    assert all(later - earlier >= 0.3 for earlier, later in itertools.pairwise(first_host))
    other_host = next(at for url, at in timed if url.startswith(other.url))
    assert other_host < first_host[1]  # not held up behind the first host's pauses


@pytest.mark.parametrize(
    ("served", "reason"),
    [
        (b"<html><body><p>Police \x00arrested people at rallies.</p></body></html>", "NUL"),
        (b"<html><body><nav>Home</nav></body></html>", "No article text"),
        (b"<html><body><p>\xff\xfe broken bytes</p></body></html>", "not valid utf-8"),
    ],
)
def test_a_page_that_cannot_be_read_is_reported_and_changes_nothing(site, story, served, reason):
    article, _ = story
    check_article(article, fetch=fetch)
    site.routes["/story"] = (200, {}, served)

    checked = check_article(article, fetch=fetch)

    assert checked.outcome == PageOutcome.FAILED
    assert reason in checked.detail
    assert article.versions.count() == 1
    assert set(marks(article).values()) == {AnchorStatus.UNCHANGED}


def test_a_passage_edited_again_keeps_the_latest_wording_and_when_it_was_noticed(site, story):
    article, claims = story
    serve(site, AFTER, '"v2"')
    check_article(article, fetch=fetch)
    first = AnchorCheck.objects.get(claim=claims[EDITED])
    again = EDITED_NOW.replace("63.1", "64.0")
    site.routes["/story"] = (200, {"ETag": '"v3"'}, page([MOVED, KEPT, again, LAST]))

    check_article(article, fetch=fetch)

    latest = AnchorCheck.objects.get(claim=claims[EDITED])
    assert (latest.status, latest.wording) == (AnchorStatus.CHANGED, again)
    assert latest.since > first.since
    assert AnchorCheck.objects.get(claim=claims[KEPT]).since < latest.since  # still unchanged
    assert article.versions.count() == 3
