"""The page cache on the production cache backend (django-redis): stored and answered when
Redis is up; only slower, never broken, when it is down."""

import pytest
from django.test import override_settings

from core.page_cache import process_copies, purge_public_pages

REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
}
REDIS_NOBODY_LISTENS_ON = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@override_settings(CACHES=REDIS)
def test_a_public_page_is_stored_in_redis_and_answered_from_it(client, db):
    purge_public_pages()
    assert not getattr(client.get("/methodology/"), "served_from_page_cache", False)
    process_copies.forget()  # what this process kept: the answer must come from Redis
    again = client.get("/methodology/")
    assert again.status_code == 200
    assert again.served_from_page_cache


@pytest.mark.parametrize("url", ["/", "/methodology/"])
@override_settings(CACHES=REDIS_NOBODY_LISTENS_ON)
def test_a_public_page_answers_when_redis_is_unreachable(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not getattr(response, "served_from_page_cache", False)
