"""Public pages are cached for anonymous readers, answer conditional requests, and are purged
when a verdict is published, corrected or retracted; logged-in people always get a fresh page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from claims import workflow
from claims.models import Verdict
from core import page_cache, page_tags, purges
from sources.models import SourceAlias
from tests.factories import (
    make_checked_claim,
    make_claim,
    make_correction,
    make_published_claim,
    make_source,
    make_verdict,
)

pytestmark = pytest.mark.django_db

PUBLIC_URLS = ["/", "/claims/", "/corrections/", "/methodology/", "/feeds/claims.rss"]


@pytest.fixture
def checked(editor, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # published, and purged
        return make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77%")


@pytest.fixture(autouse=True)
def pending_purges_looked_for_once(monkeypatch):
    """The one query a stored page may cost is the look for pending purges, at most every
    PENDING_RECHECK seconds per process: here once, when the fixtures' purges are applied
    (tests/test_faults_redis.py looks again as a new process would)."""
    monkeypatch.setattr(purges, "PENDING_RECHECK", 3600)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run workflow actions as if their transaction committed (the purge runs on commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_anonymous_pages_are_publicly_cacheable_with_validators(client, checked, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["ETag"]
    assert response["Last-Modified"]


def test_a_second_anonymous_request_is_served_from_the_cache_without_queries(client, checked):
    url = checked.get_absolute_url()
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 0
    assert second.content == first.content


def test_conditional_requests_get_304_not_modified(client, checked):
    url = checked.get_absolute_url()
    first = client.get(url)
    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag.content == b""


def test_logged_in_people_get_a_fresh_private_page(client, checked, outsider):
    client.get(checked.get_absolute_url())  # cached for anonymous readers
    client.force_login(outsider)
    response = client.get(checked.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_publishing_a_claim_clears_the_cached_list(client, editor, reviewer, on_commit):
    claim = make_claim(statement="Freshly published statement")
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer)
    workflow.submit(claim, actor=reviewer)
    assert "Freshly published statement" not in client.get("/claims/").content.decode()
    with on_commit():
        workflow.publish(claim, actor=editor)
    assert "Freshly published statement" in client.get("/claims/").content.decode()


def test_correcting_a_verdict_clears_the_cached_claim_page(
    client, checked, editor, editor2, on_commit
):
    url = checked.get_absolute_url()
    client.get(url)
    with on_commit():
        make_correction(
            checked,
            drafter=editor,
            approver=editor2,
            note="Wrong figure.",
            summary="Corrected text.",
        )
    assert "Corrected text." in client.get(url).content.decode()


def test_retracting_a_verdict_clears_every_cached_page(client, checked, editor, editor2, on_commit):
    url = checked.get_absolute_url()
    for page in (url, "/", "/claimreview.json"):
        client.get(page)
    with on_commit():
        make_correction(
            checked, drafter=editor, approver=editor2, action="retract", note="Withdrawn."
        )
    assert "This fact check was retracted" in client.get(url).content.decode()
    assert checked.statement not in client.get("/").content.decode()
    assert checked.statement not in client.get("/claimreview.json").content.decode()


def test_steps_that_change_nothing_public_keep_the_cache(client, checked, editor, on_commit):
    client.get("/")
    client.get(checked.get_absolute_url())
    with on_commit():
        workflow.triage(make_claim(), actor=editor)
    assert client.get("/").served_from_page_cache
    assert client.get(checked.get_absolute_url()).served_from_page_cache


@pytest.mark.parametrize(
    "url", ["/", "/methodology/", "/no-such-page/", "/claims/999999-missing/", "/articles/999999/"]
)
def test_an_anonymous_visitor_never_loads_a_session_not_even_on_a_404(client, checked, url):
    response = client.get(url)
    assert not response.wsgi_request.session.accessed
    assert "Newsroom" not in response.content.decode()


def test_staff_still_get_the_newsroom_link_and_unpublished_previews(client, editor, reviewer):
    draft = make_claim()
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Newsroom" in response.content.decode()


def test_a_stored_page_is_answered_before_the_rest_of_the_stack(client, checked):
    url = checked.get_absolute_url()
    client.get(url)
    second = client.get(url)
    assert second.served_from_page_cache
    assert not hasattr(second.wsgi_request, "user")  # no middleware after the cache ran


def test_tracking_parameters_get_the_stored_claim_page_without_queries(client, checked):
    url = checked.get_absolute_url()
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        shared = client.get(f"{url}?utm_source=facebook&fbclid=IwAR0abc")
    assert len(queries) == 0
    assert shared.served_from_page_cache
    assert shared.content == first.content


def test_a_stored_list_never_answers_a_filtered_or_later_page_of_it(client, editor, reviewer):
    for number in range(21):
        make_published_claim(
            editor=editor,
            reviewer=reviewer,
            claim=make_claim(statement=f"Listed claim number {number:02}"),
        )
    first_page = client.get("/claims/").content.decode()
    second_page = client.get("/claims/?page=2").content.decode()
    assert "Listed claim number 00" in second_page
    assert "Listed claim number 00" not in first_page


def test_a_made_up_query_never_shows_in_the_page_other_readers_get(client, checked):
    url = checked.get_absolute_url()
    client.get(f"{url}?q=Call+this+number+now")
    assert "Call this number now" not in client.get(url).content.decode()


def test_anonymous_api_reads_are_stored_and_purged_on_publish(
    client, checked, editor, reviewer, on_commit
):
    client.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as queries:
        stored = client.get("/api/v1/claims/")
    assert len(queries) == 0
    assert "public" in stored["Cache-Control"]
    claim = make_claim(statement="Published after the list was stored")
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer)
    workflow.submit(claim, actor=reviewer)
    with on_commit():
        workflow.publish(claim, actor=editor)
    assert claim.statement in client.get("/api/v1/claims/").content.decode()


def test_staff_api_answers_are_never_stored_nor_served_stored_ones(client, checked, editor):
    draft = make_claim(statement="An unpublished draft statement")
    token = Token.objects.create(user=editor)
    as_editor = {"authorization": f"Token {token.key}"}
    assert draft.statement in client.get("/api/v1/claims/", headers=as_editor).content.decode()
    anonymous = client.get("/api/v1/claims/")
    assert draft.statement not in anonymous.content.decode()
    assert draft.statement in client.get("/api/v1/claims/", headers=as_editor).content.decode()


def test_the_browsable_api_and_json_are_stored_apart(client, checked):
    html = client.get("/api/v1/claims/", headers={"accept": "text/html"})
    json = client.get("/api/v1/claims/", headers={"accept": "application/json"})
    assert html["Content-Type"].startswith("text/html")
    assert json["Content-Type"] == "application/json"


def test_a_purge_in_another_process_reaches_this_one_when_it_checks_its_copy_again(
    client, checked, monkeypatch
):
    url = checked.get_absolute_url()
    client.get(url)
    Verdict.objects.filter(claim=checked).update(summary="Changed without this process knowing")
    token = page_tags.new_token()  # what page_tags.purge does in another process
    cache.set_many({page_tags.TOKEN_PREFIX + page_tags.tag_for(checked): token})
    cache.set(page_tags.GENERATION_KEY, token)
    assert client.get(url).served_from_page_cache  # within RECHECK: this process's copy
    monkeypatch.setattr(page_cache, "RECHECK", 0)
    fresh = client.get(url)
    assert not getattr(fresh, "served_from_page_cache", False)
    assert "Changed without this process knowing" in fresh.content.decode()


def served_from_cache(client, url: str) -> bool:
    return getattr(client.get(url), "served_from_page_cache", False)


def test_a_retraction_purges_the_pages_that_show_the_claim_and_keeps_the_others(
    client, checked, editor, editor2, reviewer, on_commit
):
    with on_commit():
        other = make_checked_claim(editor=editor, reviewer=reviewer, statement="Inflation fell")
        same_claimant = make_published_claim(
            editor=editor,
            reviewer=reviewer,
            claim=make_claim(checked.article, claimant=checked.claimant, statement="Wages rose"),
        )
    shows_it = [
        checked.get_absolute_url(),
        checked.article.get_absolute_url(),
        checked.claimant.get_absolute_url(),
        same_claimant.get_absolute_url(),  # lists it among related claims
        f"/api/v1/claims/{checked.pk}/",
        "/",
        "/claims/",
        "/feeds/claims.rss",
        "/sitemap.xml",
    ]
    shows_other = [
        other.get_absolute_url(),
        other.article.get_absolute_url(),
        other.claimant.get_absolute_url(),
        f"/api/v1/claims/{other.pk}/",
    ]
    for url in shows_it + shows_other:
        client.get(url)
    assert checked.statement in client.get(same_claimant.get_absolute_url()).content.decode()
    with on_commit():
        make_correction(checked, drafter=editor, approver=editor2, action="retract", note="No.")
    assert [url for url in shows_it if served_from_cache(client, url)] == []
    assert [url for url in shows_other if not served_from_cache(client, url)] == []
    assert checked.statement not in client.get(same_claimant.get_absolute_url()).content.decode()


def test_publishing_a_claim_purges_the_pages_of_the_sources_it_is_about(
    client, editor, reviewer, on_commit
):
    nazarbayev = make_source("Nursultan Nazarbayev", kind="person")
    SourceAlias.objects.create(source=nazarbayev, text="Elbasy")
    bystander = make_source("Dariga Nazarbayeva", kind="person")
    for source in (nazarbayev, bystander):
        client.get(source.get_absolute_url())
    assert served_from_cache(client, nazarbayev.get_absolute_url())
    with on_commit():
        about = make_published_claim(
            editor=editor, reviewer=reviewer, claim=make_claim(statement="Elbasy chose him")
        )
    assert not served_from_cache(client, nazarbayev.get_absolute_url())
    assert served_from_cache(client, bystander.get_absolute_url())
    assert about.statement in client.get(nazarbayev.get_absolute_url()).content.decode()
