"""The claims list through the API as it grows: a reader's whole list takes its total from the
tally the database keeps (claims.api.pagination), a narrowed list counts its matches, and
whether a duplicate's original is published is asked for the page's claims only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import page_tags
from tests.api_support import API, as_user
from tests.factories import empty_caches, make_claim_in_review, make_published_claim

pytestmark = pytest.mark.django_db


def listed(client, url: str) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json(), [query["sql"] for query in queries.captured_queries]


def counts(queries: list[str]) -> list[str]:
    return [sql for sql in queries if sql.startswith("SELECT COUNT(")]


@pytest.fixture
def three_published(editor, reviewer):
    return [make_published_claim(editor=editor, reviewer=reviewer) for _ in range(3)]


def after_a_purge() -> None:
    """Every cache empty, as a publish leaves the lists: retired, with a new token."""
    empty_caches()
    page_tags.purge([])


def test_a_readers_whole_list_never_counts_its_claims(client, three_published):
    after_a_purge()
    first, queries = listed(client, f"{API}/claims/?page_size=2")
    assert first["count"] == 3
    assert counts(queries) == []
    second, queries = listed(client, f"{API}/claims/?page=2&page_size=2")
    assert second["count"] == 3
    assert [claim["id"] for claim in first["results"] + second["results"]] == sorted(
        (claim.pk for claim in three_published), reverse=True
    )
    assert counts(queries) == []


def test_a_publish_shows_in_the_readers_total_at_once(
    client, editor, reviewer, three_published, django_capture_on_commit_callbacks
):
    after_a_purge()
    assert listed(client, f"{API}/claims/")[0]["count"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        make_published_claim(editor=editor, reviewer=reviewer)
    assert listed(client, f"{API}/claims/?page_size=10")[0]["count"] == 4


def test_a_narrowed_or_staff_list_counts_its_own_matches(client, editor, reviewer, three_published):
    make_claim_in_review(editor=editor, reviewer=reviewer)
    empty_caches()
    rated, queries = listed(client, f"{API}/claims/?status=published")
    assert rated["count"] == 3
    assert len(counts(queries)) == 1
    everything, queries = listed(as_user(client, editor), f"{API}/claims/")
    assert everything["count"] == 4
    assert len(counts(queries)) == 1


def test_the_readers_list_asks_about_duplicates_for_its_page_only(client, three_published):
    """As a subquery of the list, PostgreSQL may answer "is the original published" by hashing
    every published claim; the page's own duplicates are looked up instead (none here)."""
    empty_caches()
    _, queries = listed(client, f"{API}/claims/")
    page_query = next(sql for sql in queries if 'FROM "claims_claim"' in sql and "LIMIT" in sql)
    assert "EXISTS" not in page_query
