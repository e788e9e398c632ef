"""Reading lists through the API: filters, full-text search, ordering and pages that never
shuffle, ClaimReview export and the "also checked by" list."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import ExternalReview
from core.page_cache import purge_public_pages
from tests.api_support import API, as_user
from tests.factories import (
    make_checked_claim,
    make_claim,
    make_published_claim,
    make_source,
    rating,
)

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def two_checks(editor, reviewer):
    with time_machine.travel(datetime(2019, 6, 11, tzinfo=UTC), tick=False):
        true_claim = make_checked_claim(
            editor=editor,
            reviewer=reviewer,
            statement="Turnout was 77.5 percent according to the commission",
            rating=rating("true"),
        )
    with time_machine.travel(datetime(2019, 7, 1, tzinfo=UTC), tick=False):
        false_claim = make_published_claim(
            editor=editor,
            reviewer=reviewer,
            claim=make_claim(statement="Opposition candidates were barred", checkworthiness=0.9),
            rating=rating("false"),
        )
    return true_claim, false_claim


def test_claims_filter_by_rating_claimant_and_publication_date(client, two_checks):
    true_claim, false_claim = two_checks
    assert ids(client.get(f"{API}/claims/?rating=false")) == [false_claim.pk]
    claimant = true_claim.claimant_id
    assert ids(client.get(f"{API}/claims/?claimant={claimant}")) == [true_claim.pk]
    assert ids(client.get(f"{API}/claims/?published_after=2019-06-20")) == [false_claim.pk]
    assert ids(client.get(f"{API}/claims/?published_before=2019-06-20")) == [true_claim.pk]
    assert ids(client.get(f"{API}/claims/?min_checkworthiness=0.5")) == [false_claim.pk]
    assert ids(client.get(f"{API}/claims/?topic=elections")) == [true_claim.pk]


def test_the_source_filter_finds_sources_anywhere_in_the_chain(client, two_checks):
    true_claim, _ = two_checks
    relay = true_claim.chain.get(position=1).source
    assert ids(client.get(f"{API}/claims/?source={relay.pk}")) == [true_claim.pk]


def test_full_text_search_finds_published_claims_by_a_few_words(client, two_checks):
    true_claim, _ = two_checks
    assert ids(client.get(f"{API}/claims/?q=turnout commission")) == [true_claim.pk]


def test_claims_order_by_a_field_and_then_always_by_id(client, two_checks):
    true_claim, false_claim = two_checks
    assert ids(client.get(f"{API}/claims/?ordering=published_at")) == [
        true_claim.pk,
        false_claim.pk,
    ]
    assert ids(client.get(f"{API}/claims/?ordering=-published_at")) == [
        false_claim.pk,
        true_claim.pk,
    ]


def test_pages_have_a_ceiling_and_a_deterministic_order(client, editor):
    for n in range(5):
        make_source(f"Outlet {n}")
    first = client.get(f"{API}/sources/?page_size=2&ordering=country").json()
    second = client.get(f"{API}/sources/?page_size=2&ordering=country&page=2").json()
    names = [s["name"] for s in first["results"] + second["results"]]
    assert len(set(names)) == 4
    assert len(client.get(f"{API}/sources/?page_size=1000").json()["results"]) == 5
    assert "page=2" in first["next"]


@pytest.mark.parametrize("endpoint", ["claims", "verdicts", "evidence", "articles", "sources"])
def test_a_list_costs_the_same_queries_however_long_it_is(client, editor, reviewer, endpoint):
    def queries_for_list() -> int:
        purge_public_pages()  # the database's work, not the stored answer
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/{endpoint}/").status_code == 200
        return len(captured)

    make_checked_claim(editor=editor, reviewer=reviewer)
    few = queries_for_list()
    for _ in range(3):
        make_checked_claim(editor=editor, reviewer=reviewer)
    assert queries_for_list() == few


def test_a_published_claims_claimreview_is_the_one_its_page_carries(client, two_checks):
    true_claim, _ = two_checks
    review = client.get(f"{API}/claims/{true_claim.pk}/claimreview/").json()
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"http://testserver{true_claim.get_absolute_url()}"
    assert review["reviewRating"]["alternateName"] == "True"


def test_the_claimreview_address_works_without_its_trailing_slash(client, two_checks):
    true_claim, _ = two_checks
    response = client.get(f"{API}/claims/{true_claim.pk}/claimreview", follow=True)
    assert response.status_code == 200
    assert response.json()["@type"] == "ClaimReview"


def test_an_unpublished_claim_has_no_claimreview_even_for_staff(client, editor):
    claim = make_claim()
    response = as_user(client, editor).get(f"{API}/claims/{claim.pk}/claimreview/")
    assert response.status_code == 404


def test_a_claims_detail_lists_who_else_checked_it(client, two_checks):
    true_claim, _ = two_checks
    ExternalReview.objects.create(
        claim=true_claim,
        publisher_name="Example Check",
        url="https://factcheck.example.com/turnout",
        rating_text="Half true",
        rating_value=0.5,
    )
    detail = client.get(f"{API}/claims/{true_claim.pk}/").json()
    assert detail["external_reviews"] == [
        {
            "publisher": None,
            "publisher_name": "Example Check",
            "url": "https://factcheck.example.com/turnout",
            "claim_reviewed": "",
            "rating_text": "Half true",
            "rating_value": 0.5,
            "published_on": None,
        }
    ]
