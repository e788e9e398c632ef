"""Strangers cannot fill the page cache: headers and parameters that change nothing a reader
sees share one stored entry (counted in a Redis of the test's own)."""

import pytest

from tests.factories import make_checked_claim
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(REDIS_SERVER is None, reason="needs the redis-server binary"),
]

MADE_UP_ACCEPTS = [
    *(f"application/x-made-up-{n}, text/html;q=0.{n % 9 + 1}" for n in range(20)),
    *(f"application/json;q=0.{n % 9 + 1}, image/x-{n}" for n in range(20)),
    *(f"*/*;q=0.{n % 9 + 1}, x/y-{n}" for n in range(10)),
]


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = server.caches
    yield server
    server.kill()


@pytest.fixture
def checked(editor, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77%")


def test_fifty_accept_headers_on_a_claim_page_store_one_entry(client, redis_server, checked):
    for accept in MADE_UP_ACCEPTS:
        response = client.get(checked.get_absolute_url(), headers={"accept": accept})
        assert response["Content-Type"].startswith("text/html")
    assert len(redis_server.page_keys()) == 1


def test_fifty_accept_headers_on_an_api_record_store_one_entry_per_representation(
    client, redis_server, checked
):
    url = f"/api/v1/claims/{checked.pk}/"
    for accept in MADE_UP_ACCEPTS:
        response = client.get(url, headers={"accept": accept})
        assert response.status_code == 200
        wanted = "text/html" if "text/html" in accept else "application/json"
        assert response["Content-Type"].startswith(wanted), accept
    assert len(redis_server.page_keys()) == 2  # JSON and the browsable API


def test_an_accept_header_for_nothing_the_site_serves_stores_nothing_more(
    client, redis_server, checked
):
    client.get(f"/api/v1/claims/{checked.pk}/", headers={"accept": "image/png"})
    assert redis_server.page_keys() == []


def test_fifty_tracking_values_on_the_home_page_share_one_entry(client, redis_server, checked):
    for n in range(50):
        response = client.get(f"/?utm_source=campaign-{n}&fbclid=IwAR{n}")
        assert response.status_code == 200
    assert client.get("/?utm_medium=email").served_from_page_cache
    assert len(redis_server.page_keys()) == 1


def test_tracking_parameters_on_a_filtered_list_keep_the_filter_and_its_entry(
    client, redis_server, checked
):
    plain = client.get("/claims/?q=turnout")
    tracked = client.get("/claims/?q=turnout&utm_campaign=spring")
    assert tracked.served_from_page_cache
    assert tracked.content == plain.content
    assert "spring" not in tracked.content.decode()
    assert len(redis_server.page_keys()) == 1


def test_made_up_parameters_on_any_public_page_share_its_entry(client, redis_server, checked):
    pages = [
        checked.get_absolute_url(),
        checked.article.get_absolute_url(),
        checked.claimant.get_absolute_url(),
        "/",
        "/claims/",
        "/corrections/",
        "/methodology/",
        "/feeds/claims.rss",
        "/sitemap.xml",
        "/claimreview.json",
    ]
    for url in pages:
        for n in range(5):
            response = client.get(f"{url}?made_up={n}")
            assert response.status_code == 200, url
            assert f"made_up={n}" not in response.content.decode()
    assert len(redis_server.page_keys()) == len(pages)


def test_made_up_parameters_on_an_api_record_are_refused(client, redis_server, checked):
    response = client.get(f"/api/v1/claims/{checked.pk}/?made_up=1")
    assert response.status_code == 400
    assert "made_up" in response.json()
    assert redis_server.page_keys() == []


def test_a_first_render_writes_its_tags_tokens_in_one_round_trip(client, redis_server, checked):
    """Tags shown for the first time get their tokens together (one MSET), not one write per
    tag, which cost a full render a round trip to Redis for each claim, source and related
    claim it shows: each SET is then a stored value (the page, the footer's links)."""
    redis = redis_server.client()
    values_before = stored_values(redis)
    redis.config_resetstat()
    assert client.get(checked.get_absolute_url()).status_code == 200
    written = stored_values(redis) - values_before
    assert len(redis_server.page_keys()) == 1
    assert redis.info("commandstats")["cmdstat_set"]["calls"] == len(written)


def stored_values(redis) -> set[bytes]:
    """Every key but the tags' tokens and the generation."""
    return {
        key
        for key in redis.keys("*")
        if b"public-page-tag:" not in key and not key.endswith(b"public-pages:generation")
    }
