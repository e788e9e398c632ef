"""Hostile input gets a 400 naming the field, never a 500: numbers out of range, NUL
characters and half surrogate pairs, texts too long, numbers sent for text; a ClaimReview
import stores each valid review and says plainly why each refused one was refused."""

import json

import pytest

from articles.models import Article
from claims.ingest import IngestError, ingest_text
from claims.models import STATEMENT_MAX, Claim, ExternalReview
from tests.api_support import API, call, make_newsroom

pytestmark = pytest.mark.django_db

TOO_BIG_VERSION = 10**30
TOO_BIG_ETAG = '"99999999999999999999999999"'


@pytest.fixture
def newsroom(editor, reviewer):
    return make_newsroom(editor=editor, reviewer=reviewer)


@pytest.fixture
def desk(editor_client):
    """The editor's client, answering a server error as a response rather than raising it."""
    editor_client.raise_request_exception = False
    return editor_client


def writes(newsroom):
    claim, verdict = newsroom.detected, newsroom.in_progress.verdict
    return {
        "claim PATCH": ("PATCH", f"{API}/claims/{claim.pk}/", {"statement": "Turnout was 5%"}),
        "verdict PATCH": ("PATCH", f"{API}/verdicts/{verdict.pk}/", {"summary": "Wrong"}),
        "chain PUT": ("PUT", f"{API}/claims/{claim.pk}/chain/", {"links": []}),
    }


@pytest.mark.parametrize("write", ["claim PATCH", "verdict PATCH", "chain PUT"])
def test_a_version_beyond_any_record_is_a_400_naming_version(desk, newsroom, write):
    method, url, body = writes(newsroom)[write]
    response = call(desk, method, url, {**body, "version": TOO_BIG_VERSION})
    assert response.status_code == 400, response.content
    assert "version" in response.json()


@pytest.mark.parametrize("write", ["claim PATCH", "verdict PATCH", "chain PUT"])
def test_an_if_match_beyond_any_version_is_a_400_naming_if_match(desk, newsroom, write):
    method, url, body = writes(newsroom)[write]
    response = call(desk, method, url, body, **{"If-Match": TOO_BIG_ETAG})
    assert response.status_code == 400, response.content
    assert "If-Match" in response.json()


def test_an_id_beyond_the_database_range_is_refused(desk, newsroom):
    claim = newsroom.detected
    too_big = f'{{"claimant": 99999999999999999999999, "version": {claim.version}}}'
    assert call(desk, "PATCH", f"{API}/claims/{claim.pk}/", too_big).status_code == 400
    assert desk.get(f"{API}/claims/99999999999999999999999/").status_code == 404


def test_a_statement_longer_than_the_limit_is_refused_and_nothing_changes(desk, newsroom):
    claim = newsroom.detected
    long = {"statement": "x" * 2_000_000, "version": claim.version}
    response = call(desk, "PATCH", f"{API}/claims/{claim.pk}/", long)
    assert response.status_code == 400
    assert f"no more than {STATEMENT_MAX}" in response.json()["statement"][0]
    claim.refresh_from_db()
    assert len(claim.statement) < 100


def test_the_admin_form_refuses_a_statement_longer_than_the_limit(desk, newsroom):
    claim = newsroom.detected
    page = desk.get(f"/admin/claims/claim/{claim.pk}/change/")
    assert f'maxlength="{STATEMENT_MAX}"' in page.content.decode()


def test_the_model_refuses_a_statement_longer_than_the_limit(newsroom):
    from django.core.exceptions import ValidationError

    claim = newsroom.detected
    claim.statement = "x" * (STATEMENT_MAX + 1)
    with pytest.raises(ValidationError) as refused:
        claim.full_clean()
    assert "statement" in refused.value.message_dict


def test_an_ingested_title_longer_than_the_limit_is_refused_and_nothing_stored():
    with pytest.raises(IngestError, match="The title has 5,000 characters; the limit is 500"):
        ingest_text("Turnout was 77 percent, the commission said.", title="T" * 5000)
    with pytest.raises(IngestError, match="The byline contains NUL"):
        ingest_text("Turnout was 77 percent, the commission said.", byline="A\x00B")
    assert not Article.objects.exists()


def test_a_number_sent_as_article_text_is_refused(desk):
    response = call(desk, "POST", f"{API}/articles/", {"text": 12345})
    assert response.status_code == 400
    assert "text" in response.json()


def test_a_number_sent_as_a_statement_is_refused(desk, newsroom):
    claim = newsroom.detected
    response = call(desk, "PATCH", f"{API}/claims/{claim.pk}/", {"statement": 5, "version": 1})
    assert response.status_code == 400
    assert "statement" in response.json()


@pytest.mark.parametrize(
    "address",
    [
        "/admin/claims/claim/?status=%00",
        "/admin/claims/claim/?claimant=%00",
        "/admin/claims/claim/?source=%00",
        "/admin/claims/claim/?article=x%00",
        "/admin/claims/claim/?kind=%00",
        "/admin/autocomplete/?app_label=claims&model_name=claim&field_name=claimant&term=%00",
    ],
)
def test_a_nul_character_in_an_admin_filter_is_a_400_saying_so(desk, newsroom, address):
    response = desk.get(address)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_a_nul_character_in_an_api_filter_is_a_400_naming_the_parameter(desk):
    response = desk.get(f"{API}/claims/?claimant=%00")
    assert response.status_code == 400
    assert response.json() == {"claimant": ["Null characters are not allowed."]}


def test_half_a_surrogate_pair_in_a_statement_is_refused(desk, newsroom):
    claim = newsroom.detected
    body = f'{{"statement": "Turnout \\ud800 was 5%", "version": {claim.version}}}'
    response = call(desk, "PATCH", f"{API}/claims/{claim.pk}/", body)
    assert response.status_code == 400
    assert "statement" in response.json()


def review(number: int, claim_reviewed: str, **fields) -> dict:
    return {
        "@type": "ClaimReview",
        "url": f"https://factcheck.example.org/{number}",
        "claimReviewed": claim_reviewed,
        "author": {"name": "Example Checks"},
        **fields,
    }


def import_reviews(client, document: str):
    response = call(client, "POST", f"{API}/claimreview/import/", document)
    assert response.status_code == 200, response.content
    return response.json()


def test_one_review_with_half_a_surrogate_pair_spoils_nothing_else(desk):
    document = json.dumps(
        [
            review(1, "Almaty has three million people"),
            review(2, "Turnout \ud800 was 95 percent"),
        ]
    )
    report = import_reviews(desk, document)
    assert [item["outcome"] for item in report["items"]] == ["imported", "skipped"]
    assert "surrogate" in report["items"][1]["reason"]
    assert ExternalReview.objects.get().url == "https://factcheck.example.org/1"


def test_a_rating_too_large_for_a_number_is_refused_with_a_plain_reason(desk):
    rating = {"ratingValue": "RATING"}
    document = json.dumps([review(3, "Almaty has three million people", reviewRating=rating)])
    report = import_reviews(desk, document.replace('"RATING"', "1e400"))
    [item] = report["items"]
    assert item["outcome"] == "skipped"
    assert "too large" in item["reason"]
    assert not any(word in item["reason"] for word in ("SQL", "CHECK", "constraint", "json"))


def test_an_imported_claim_longer_than_a_statement_may_be_is_refused(desk):
    document = json.dumps([review(4, "x" * 1_000_000)])
    [item] = import_reviews(desk, document)["items"]
    assert item["outcome"] == "skipped"
    assert f"the limit is {STATEMENT_MAX:,}" in item["reason"]
    assert not Claim.objects.filter(statement__startswith="xxxx").exists()
