"""Readers of the API (anonymous or logged in without a role) get published claims without the
desk's working data: who is assigned, which actions are open, links to unpublished claims."""

import pytest

from claims.models import Claim
from tests.api_support import API, as_user, make_newsroom
from tests.factories import make_checked_claim

pytestmark = pytest.mark.django_db

READERS = ["anonymous", "outsider"]
STAFF = ["reviewer", "editor"]


@pytest.fixture
def newsroom(editor, reviewer):
    return make_newsroom(editor=editor, reviewer=reviewer)


@pytest.fixture
def client_as(client, request):
    def log_in(role):
        return as_user(client, None if role == "anonymous" else request.getfixturevalue(role))

    return log_in


def mark_duplicate(claim: Claim, original: Claim) -> None:
    Claim.objects.filter(pk=claim.pk).update(duplicate_of=original)


@pytest.mark.parametrize("role", READERS)
def test_readers_never_receive_the_assignee_or_the_available_actions(client_as, newsroom, role):
    client = client_as(role)
    detail = client.get(f"{API}/claims/{newsroom.published.pk}/").json()
    listed = client.get(f"{API}/claims/").json()["results"][0]
    for claim in (detail, listed):
        assert claim["id"] == newsroom.published.pk
        assert claim["status"] == "published"
        assert "assignee" not in claim
    assert "available_actions" not in detail


@pytest.mark.parametrize("role", STAFF)
def test_staff_still_see_the_assignee_and_their_actions(client_as, newsroom, reviewer, role):
    detail = client_as(role).get(f"{API}/claims/{newsroom.published.pk}/").json()
    assert detail["assignee"] == reviewer.pk
    assert "available_actions" in detail


@pytest.mark.parametrize("role", READERS)
def test_a_duplicate_link_to_an_unpublished_claim_is_hidden_from_readers(client_as, newsroom, role):
    mark_duplicate(newsroom.published, newsroom.in_progress)
    client = client_as(role)
    detail = client.get(f"{API}/claims/{newsroom.published.pk}/").json()
    listed = client.get(f"{API}/claims/").json()["results"][0]
    assert detail["duplicate_of"] is None
    assert listed["duplicate_of"] is None


@pytest.mark.parametrize("role", READERS)
def test_a_duplicate_link_to_a_published_claim_is_shown_to_readers(
    client_as, newsroom, editor, reviewer, role
):
    original = make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77%")
    mark_duplicate(newsroom.published, original)
    detail = client_as(role).get(f"{API}/claims/{newsroom.published.pk}/").json()
    assert detail["duplicate_of"] == original.pk


def test_staff_see_a_duplicate_link_to_an_unpublished_claim(client_as, newsroom):
    mark_duplicate(newsroom.published, newsroom.in_progress)
    detail = client_as("editor").get(f"{API}/claims/{newsroom.published.pk}/").json()
    assert detail["duplicate_of"] == newsroom.in_progress.pk


@pytest.mark.parametrize(("role", "found"), [("anonymous", 0), ("outsider", 0), ("editor", 1)])
def test_only_staff_can_filter_claims_by_assignee(client_as, newsroom, reviewer, role, found):
    response = client_as(role).get(
        f"{API}/claims/", {"assignee": reviewer.pk, "status": "published"}
    )
    assert response.status_code == 200
    assert response.json()["count"] == found


def test_the_schema_documents_staff_only_fields_as_optional(client):
    schema = client.get("/api/schema/", headers={"accept": "application/json"}).json()
    components = schema["components"]["schemas"]
    claim, detail = components["Claim"], components["ClaimDetail"]
    assert "assignee" in claim["properties"]
    assert "assignee" not in claim["required"]
    assert "Staff only" in claim["properties"]["assignee"]["description"]
    assert "available_actions" in detail["properties"]
    assert "available_actions" not in detail["required"]
    assert {"id", "status", "duplicate_of"} <= set(claim["properties"])
    assert claim["properties"]["duplicate_of"]["nullable"] is True


def test_anonymous_api_reads_never_load_a_session(client, newsroom):
    for url in (f"{API}/claims/", f"{API}/claims/{newsroom.published.pk}/", f"{API}/ratings/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.wsgi_request.session.accessed, url
