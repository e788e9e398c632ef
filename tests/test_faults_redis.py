"""Redis stopped and started under a running site: what readers and editors see.

Each test runs its own redis-server (tests/redis_server.py) and stops it mid-test. Where an
editor changes something the change really commits (transactional tests), so its purge runs
exactly as in production.
"""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from claims import workflow
from claims.models import Claim, ClaimStatus
from tests.factories import forget_process_memory, make_checked_claim
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs the redis-server binary"),
]
commits = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RETRACTED = "This fact check was retracted"


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = server.caches
    yield server
    server.kill()


@pytest.fixture
def checked(editor, reviewer):
    return make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77%")


def public_urls(claim: Claim) -> list[str]:
    return [
        claim.get_absolute_url(),
        claim.article.get_absolute_url(),
        claim.claimant.get_absolute_url(),
        "/",
        "/claims/",
        "/claims/?q=turnout",
        "/corrections/",
        "/methodology/",
        "/feeds/claims.rss",
        "/feeds/claims.atom",
        "/sitemap.xml",
        "/claimreview.json",
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        "/api/v1/sources/",
        "/api/v1/ratings/",
    ]


def approve_in_the_admin(client, editor, claim):
    """The second editor approves the retraction the first one proposed."""
    client.force_login(editor)
    url = reverse("admin:claims_claim_transition", args=[claim.pk, "approve_correction"])
    response = client.post(url, {}, follow=True)
    client.logout()
    return response


@commits
@pytest.mark.parametrize("reader", ["this process", "another process"])
def test_a_retraction_made_while_redis_is_down_shows_once_it_is_back(
    client, redis_server, checked, editor, editor2, reader
):
    workflow.retract(checked, actor=editor, note="The figure was wrong.")  # proposed
    shown = [checked.get_absolute_url(), "/", "/feeds/claims.rss", f"/api/v1/claims/{checked.pk}/"]
    for url in shown:
        client.get(url)
        assert client.get(url).served_from_page_cache
    redis_server.stop()

    # The second editor's approval succeeds, with a warning that the cache is purged later.
    done = approve_in_the_admin(client, editor2, checked)
    assert done.status_code == 200
    assert "The page cache is unreachable" in done.content.decode()
    assert Claim.objects.get(pk=checked.pk).status == ClaimStatus.RETRACTED
    # Readers meanwhile get pages from the database.
    assert RETRACTED in client.get(checked.get_absolute_url()).content.decode()

    redis_server.start()
    assert redis_server.page_keys()  # the stale copies came back with Redis
    if reader == "another process":
        forget_process_memory()
    page = client.get(checked.get_absolute_url())
    assert not getattr(page, "served_from_page_cache", False)
    assert RETRACTED in page.content.decode()
    assert checked.statement not in client.get("/").content.decode()
    assert checked.statement not in client.get("/feeds/claims.rss").content.decode()
    assert client.get(f"/api/v1/claims/{checked.pk}/").status_code == 404  # no longer public
    assert client.get("/healthz").json()["status"] == "ok"  # the purge was applied


def test_with_redis_down_every_page_and_api_read_answers_from_the_database(
    client, redis_server, checked
):
    redis_server.stop()
    for url in public_urls(checked):
        assert client.get(url).status_code == 200, url
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert "cache: ConnectionError" in health.json()["reason"]


@commits
def test_with_redis_down_editors_log_in_and_write_through_the_api(
    client, redis_server, checked, editor, editor2
):
    workflow.retract(checked, actor=editor2, note="The figure was wrong.")  # proposed
    redis_server.stop()
    login = client.post(
        "/admin/login/",
        {"username": editor.username, "password": "correct horse battery staple"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert login.status_code == 302  # sessions live in the database
    assert client.get("/admin/claims/claim/").status_code == 200
    client.logout()
    token = {"authorization": f"Token {Token.objects.create(user=editor).key}"}
    retracted = client.post(
        f"/api/v1/claims/{checked.pk}/transitions/",
        {"action": "approve_correction"},
        content_type="application/json",
        headers=token,
    )
    assert retracted.status_code == 200
    assert retracted.json()["status"] == "retracted"
    assert "The page cache is unreachable" in retracted["Warning"]


def test_with_redis_down_the_api_throttle_counts_in_each_process(
    client, redis_server, checked, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "3/minute"},
    }
    redis_server.stop()
    answers = [client.get(f"/api/v1/claims/?page_size={size}").status_code for size in range(1, 6)]
    assert answers == [200, 200, 200, 429, 429]
