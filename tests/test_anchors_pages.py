"""Anchor health as editors and readers see it: the claim queue's filter, the mark on the
claim's admin page, the article page's versions and button, the list action, the command, and
the notice on a published claim's public page (never on an unpublished one's). The page and
its changes: tests/anchor_story.py."""

import re
from io import StringIO

import pytest
from django.contrib.admin import helpers
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import PageCheck, PageOutcome
from claims.anchors.check import check_article
from core import purges
from tests.anchor_story import (
    AFTER,
    DELETED,
    EDITED,
    KEPT,
    LAST,
    MOVED,
    fetch,
    make_story,
    serve,
)
from tests.factories import make_article, make_claim, make_published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(site):
    return make_story(site)


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
