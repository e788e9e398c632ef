"""Anchor health: an article's page served by a local server, ingested by URL, then changed
(one claim's sentence edited, a paragraph moved, one deleted), answered with 304 and with 404;
each check stores what the page says and marks each claim unchanged, moved, changed or gone."""

import itertools
import re
import time
from functools import partial
from io import StringIO

import pytest
from django.contrib.admin import helpers
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.fetch import fetch_page
from articles.models import ArticleVersion, PageCheck, PageOutcome
from claims.anchors.check import check_article, check_articles
from claims.ingest import ingest_url
from claims.models import AnchorCheck, AnchorStatus
from core import purges
from tests.factories import make_article, make_claim, make_published_claim
from tests.local_site import local_site, loopback_only

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


@pytest.fixture
def published_story(story, editor, reviewer, site):
    article, claims = story
    published = {
        quote: make_published_claim(editor=editor, reviewer=reviewer, claim=claims[quote])
        for quote in (EDITED, DELETED, MOVED)
    }
    serve(site, AFTER, '"v2"')
    check_article(article, fetch=fetch)
    return published, claims


def test_the_claim_page_tells_readers_the_article_now_says_something_else(client, published_story):
    published, _ = published_story
    body = client.get(published[EDITED].get_absolute_url()).content.decode()
    assert "The article has since been edited: it now says" in body
    assert "<del>77.4</del>" in body
    assert "<ins>63.1</ins>" in body
    assert "<ins>evening.</ins>" in body or "<ins>Monday evening.</ins>" in body


def test_the_claim_page_says_when_the_passage_is_gone_and_is_silent_when_it_moved(
    client, published_story, site
):
    published, _ = published_story
    gone = client.get(published[DELETED].get_absolute_url()).content.decode()
    assert "this passage was no longer in the article" in gone
    moved = client.get(published[MOVED].get_absolute_url()).content.decode()
    assert "has since been edited" not in moved

    site.routes["/story"] = (404, {}, b"")
    check_article(published[MOVED].article, fetch=fetch)
    body = client.get(published[MOVED].get_absolute_url()).content.decode()
    assert "The article is no longer online" in body


def test_an_unpublished_claims_new_wording_is_not_shown_to_readers(client, published_story):
    _, claims = published_story
    assert client.get(claims[EDITED].get_absolute_url()).status_code == 200  # published
    hidden = claims[KEPT]  # detected, never published
    assert client.get(hidden.get_absolute_url()).status_code == 404


QUEUE = reverse("admin:claims_claim_changelist")


def listed(client, query: str) -> set[int]:
    response = client.get(f"{QUEUE}?queue=all&{query}")
    assert response.status_code == 200
    return {claim.pk for claim in response.context["cl"].result_list}


def test_the_claim_queue_filters_on_what_the_last_check_found(editor_client, published_story):
    _, claims = published_story
    unchecked = make_claim()
    assert listed(editor_client, "anchor=edited") == {claims[EDITED].pk, claims[DELETED].pk}
    assert listed(editor_client, "anchor=moved") == {claims[MOVED].pk}
    assert listed(editor_client, "anchor=unchanged") == {claims[KEPT].pk, claims[LAST].pk}
    assert listed(editor_client, "anchor=unchecked") == {unchecked.pk}


def test_the_admin_claim_page_shows_the_mark_and_the_new_wording(editor_client, published_story):
    _, claims = published_story
    url = reverse("admin:claims_claim_change", args=[claims[EDITED].pk])
    body = editor_client.get(url).content.decode()
    assert "Changed" in body
    assert "it now says:" in body
    assert "<ins>63.1</ins>" in body
    url = reverse("admin:claims_claim_change", args=[claims[KEPT].pk])
    assert "the passage is as it was" in editor_client.get(url).content.decode()


def test_the_article_page_lists_the_versions_and_checks_the_page_on_demand(
    editor_client, story, django_capture_on_commit_callbacks
):
    article, _ = story
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert "Not checked since it was stored." in editor_client.get(change).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_article_check_page", args=[article.pk])
        )

    assert response["Location"] == change
    body = editor_client.get(change).content.decode()
    assert "Page check queued for 1 article(s)" in body
    # The task ran with the production fetcher: the address guard refused the loopback server.
    assert "Could not check" in body
    assert "internal address" in body
    (original,) = article.versions.all()
    version_page = reverse("admin:articles_articleversion_change", args=[original.pk])
    assert version_page in body
    assert EDITED in editor_client.get(version_page).content.decode()  # the page as it was


def test_the_article_list_action_checks_the_selected_pages(
    editor_client, story, django_capture_on_commit_callbacks
):
    article, _ = story
    no_url = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_article_changelist"),
            {
                "action": "check_pages_again",
                helpers.ACTION_CHECKBOX_NAME: [article.pk, no_url.pk],
            },
            follow=True,
        )
    messages = [str(m) for m in response.context["messages"]]
    assert "Page check queued for 1 article(s)" in messages[0]
    assert "1 article(s) have no URL to check." in messages[1]
    assert PageCheck.objects.get(article=article).outcome == PageOutcome.FAILED
    assert not PageCheck.objects.filter(article=no_url).exists()


def test_the_command_reports_progress_and_skips_recent_checks(story):
    article, _ = story
    out = StringIO()
    call_command("check_anchors", "--interval", "0", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"[1/1] {article.url}: could not check:")
    assert "internal address" in lines[0]
    assert lines[-1] == "Checked 1 page(s): 1 could not check. Claims: none."

    out = StringIO()
    call_command("check_anchors", "--older-than", "1h", stdout=out)
    assert out.getvalue().strip() == "No page to check."


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--older-than", "soon"], "give a number and m, h or d"),
        (["--interval", "-1"], "cannot be negative"),
        (["--article", "999999"], "No article with a URL has the id(s) [999999]"),
    ],
)
def test_the_command_refuses_bad_options(db, arguments, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("check_anchors", *arguments)


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


def test_a_stored_claim_page_shows_the_notice_as_soon_as_the_check_finds_the_edit(
    client, story, editor, reviewer, site, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(purges, "PENDING_RECHECK", 3600)  # as tests/test_public_caching.py
    article, claims = story
    with django_capture_on_commit_callbacks(execute=True):
        claim = make_published_claim(editor=editor, reviewer=reviewer, claim=claims[EDITED])
        check_article(article, fetch=fetch)
    url = claim.get_absolute_url()
    assert "has since been edited" not in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 0  # the page is stored for readers

    serve(site, AFTER, '"v2"')
    with django_capture_on_commit_callbacks(execute=True):
        check_article(article, fetch=fetch)

    assert "has since been edited" in client.get(url).content.decode()


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
