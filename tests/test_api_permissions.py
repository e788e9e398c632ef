"""Who may read and change what through /api/v1/: the permission matrix over endpoints × roles
× methods, and the rule that nothing unpublished ever reaches a reader."""

import pytest
from rest_framework.authtoken.models import Token

from tests.api_support import API, Newsroom, as_user, call, make_newsroom

pytestmark = pytest.mark.django_db

# Outsiders (logged in, no role) are refused any write before the object is looked up, so a
# write reveals nothing about unpublished claims either.
ROLES = ["anonymous", "outsider", "reviewer", "reviewer2", "editor", "superuser"]


@pytest.fixture
def newsroom(editor, reviewer):
    return make_newsroom(editor=editor, reviewer=reviewer)


@pytest.fixture
def user_of(request):
    def get(role):
        return None if role == "anonymous" else request.getfixturevalue(role)

    return get


def statuses(expected: str) -> list:
    """Expected status codes, one per role in ROLES order."""
    return [
        pytest.param(role, int(status), id=role)
        for role, status in zip(ROLES, expected.split(), strict=True)
    ]


# --- writes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    statuses("401 403 200 403 200 200"),
)
def test_editing_a_claim_in_progress_needs_the_assignee_or_an_editor(
    client, newsroom, user_of, role, status
):
    claim = newsroom.in_progress
    payload = {"statement": "Turnout in Almaty was 12 percent", "version": claim.version}
    response = call(as_user(client, user_of(role)), "PATCH", f"{API}/claims/{claim.pk}/", payload)
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("role", "status"),
    statuses("401 403 403 403 403 403"),
)
def test_nobody_edits_a_published_claim_outside_a_correction(
    client, newsroom, user_of, role, status
):
    claim = newsroom.published
    payload = {"statement": "Something else", "version": claim.version}
    response = call(as_user(client, user_of(role)), "PATCH", f"{API}/claims/{claim.pk}/", payload)
    assert response.status_code == status, response.content
    claim.refresh_from_db()
    assert claim.statement == "Tokayev won with nearly 71% of the vote"


@pytest.mark.parametrize(
    ("role", "status"),
    statuses("401 403 201 403 201 201"),
)
def test_adding_evidence_follows_the_claim_edit_rule(client, newsroom, user_of, role, status):
    payload = {
        "claim": newsroom.in_progress.pk,
        "url": "https://example.org/a",
        "stance": "supports",
    }
    response = call(as_user(client, user_of(role)), "POST", f"{API}/evidence/", payload)
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("role", "status"),
    statuses("401 403 200 403 200 200"),
)
def test_editing_a_draft_verdict_follows_the_claim_edit_rule(
    client, newsroom, user_of, role, status
):
    verdict = newsroom.in_progress.verdict
    payload = {"summary": "Invented figure", "version": verdict.version}
    url = f"{API}/verdicts/{verdict.pk}/"
    response = call(as_user(client, user_of(role)), "PATCH", url, payload)
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("role", "status"),
    statuses("401 403 403 403 201 201"),
)
@pytest.mark.parametrize("endpoint", ["sources", "ratings"])
def test_only_editors_manage_sources_and_ratings(client, db, user_of, role, status, endpoint):
    payload = {
        "sources": {"name": "Central Election Commission", "kind": "government"},
        "ratings": {
            "label": "Pants on fire",
            "slug": "pants",
            "colour": "#aa0000",
            "definition": "Ridiculous.",
        },
    }[endpoint]
    response = call(as_user(client, user_of(role)), "POST", f"{API}/{endpoint}/", payload)
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("role", "status"),
    statuses("401 403 201 201 201 201"),
)
def test_staff_send_articles(client, db, user_of, role, status):
    payload = {"text": f"The commission said turnout was 77.5 percent ({role})."}
    response = call(as_user(client, user_of(role)), "POST", f"{API}/articles/", payload)
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("role", "status"),
    statuses("401 403 403 403 200 200"),
)
def test_only_editors_triage(client, newsroom, user_of, role, status):
    url = f"{API}/claims/{newsroom.detected.pk}/transitions/"
    response = call(as_user(client, user_of(role)), "POST", url, {"action": "triage"})
    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("role", "status"),
    statuses("401 403 403 403 200 200"),
)
def test_only_editors_import_claimreviews(client, db, user_of, role, status):
    review = {
        "@type": "ClaimReview",
        "url": f"https://factcheck.example.com/{role}",
        "claimReviewed": "The moon is made of cheese",
        "author": {"name": "Example Check"},
        "reviewRating": {"alternateName": "False"},
    }
    response = call(as_user(client, user_of(role)), "POST", f"{API}/claimreview/import/", review)
    assert response.status_code == status, response.content


def test_a_token_authenticates_api_writes(client, newsroom, editor):
    token = Token.objects.create(user=editor)
    url = f"{API}/claims/{newsroom.detected.pk}/transitions/"
    response = call(client, "POST", url, {"action": "triage"}, authorization=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["status"] == "queued"


def test_an_anonymous_write_is_told_how_to_authenticate(client, newsroom):
    response = call(client, "POST", f"{API}/claims/{newsroom.detected.pk}/transitions/", {})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


# --- reads ------------------------------------------------------------------------------------


LISTS = ["claims", "verdicts", "evidence", "articles", "sources", "ratings"]


def every_response(client, newsroom) -> list:
    """Every list, and the detail of every unpublished object, as a client sees them."""
    unpublished = [newsroom.in_progress, newsroom.detected]
    urls = [f"{API}/{name}/?page_size=100" for name in LISTS]
    urls += [f"{API}/claims/{claim.pk}/" for claim in unpublished]
    urls += [
        f"{API}/claims/{claim.pk}/{action}/"
        for claim in unpublished
        for action in ("chain", "claimreview")
    ]
    urls += [f"{API}/verdicts/{newsroom.in_progress.verdict.pk}/"]
    urls += [f"{API}/articles/{newsroom.in_progress.article_id}/"]
    urls += [f"{API}/sources/{newsroom.hidden_source.pk}/"]
    urls += [f"{API}/evidence/{e.pk}/" for e in newsroom.in_progress.evidence.all()]
    urls += [f"{API}/claims/?q=secretly", f"{API}/claims/?status=in_progress"]
    return [client.get(url) for url in urls]


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_readers_never_receive_anything_unpublished(client, newsroom, user_of, role):
    responses = every_response(as_user(client, user_of(role)), newsroom)
    for response in responses:
        assert response.status_code in (200, 404), response.content
        body = response.content.decode()
        for secret in (
            Newsroom.SECRET_STATEMENT,
            Newsroom.SECRET_SUMMARY,
            "Secret evidence",
            "Anonymous Telegram channel",
            "Voters in Shymkent",
        ):
            assert secret not in body, (response.request["PATH_INFO"], secret)


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_readers_see_the_published_fact_check(client, newsroom, user_of, role):
    client = as_user(client, user_of(role))
    claims = client.get(f"{API}/claims/").json()["results"]
    assert [claim["id"] for claim in claims] == [newsroom.published.pk]
    assert claims[0]["verdict"]["rating"] == "mostly-true"
    assert client.get(f"{API}/verdicts/").json()["count"] == 1
    assert client.get(f"{API}/evidence/").json()["count"] == 2


@pytest.mark.parametrize("role", ["reviewer", "editor"])
def test_staff_see_every_claim_and_draft(client, newsroom, user_of, role):
    client = as_user(client, user_of(role))
    assert client.get(f"{API}/claims/").json()["count"] == 3
    draft = client.get(f"{API}/verdicts/{newsroom.in_progress.verdict.pk}/").json()
    assert draft["summary"] == Newsroom.SECRET_SUMMARY
    assert client.get(f"{API}/sources/{newsroom.hidden_source.pk}/").status_code == 200


def test_a_claims_detail_lists_the_actions_the_user_may_take(client, newsroom, editor):
    detail = as_user(client, editor).get(f"{API}/claims/{newsroom.detected.pk}/").json()
    assert detail["available_actions"] == ["triage", "dismiss"]
