"""``POST /api/v1/claims/{id}/transitions/``: the workflow through the API, with the workflow's
own refusals answered as 403 (role), 409 (state) and 400 (something missing)."""

import pytest

from claims.models import ClaimEvent, Correction
from tests.api_support import API, as_user, call
from tests.factories import make_claim, make_evidence, make_published_claim, make_verdict

pytestmark = pytest.mark.django_db


def transition(client, claim, action, **fields):
    payload = {"action": action, **fields}
    return call(client, "POST", f"{API}/claims/{claim.pk}/transitions/", payload)


def test_a_claim_goes_from_detected_to_published_through_the_api(client, editor, editor2, reviewer):
    claim = make_claim()
    as_user(client, editor)
    assert transition(client, claim, "triage").json()["status"] == "queued"
    assigned = transition(client, claim, "assign", assignee=reviewer.username)
    assert assigned.json()["assignee"] == reviewer.pk
    make_verdict(claim, reviewer)
    assert transition(as_user(client, reviewer), claim, "submit").json()["status"] == "in_review"
    published = transition(as_user(client, editor2), claim, "publish", comment="Checked twice.")
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert published.json()["page_url"].endswith(claim.get_absolute_url())
    actions = list(ClaimEvent.objects.filter(claim=claim).values_list("action", flat=True))
    assert actions == ["triage", "assign", "submit", "publish"]


def test_a_reviewer_cannot_publish_and_is_told_why(client, editor, reviewer):
    claim = make_claim()
    response = transition(as_user(client, reviewer), claim, "triage")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only an editor can triage.", "code": "forbidden"}


def test_an_action_the_claims_state_does_not_allow_is_a_conflict(client, editor):
    response = transition(as_user(client, editor), make_claim(), "publish")
    assert response.status_code in (400, 409)
    claim = make_claim()
    response = transition(client, claim, "retract", note="Wrong.")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "published" in response.json()["detail"]


def test_dismissing_needs_a_reason(client, editor):
    response = transition(as_user(client, editor), make_claim(), "dismiss")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_assigning_names_the_missing_assignee(client, editor):
    response = transition(as_user(client, editor), make_claim(), "assign")
    assert response.status_code == 400
    assert "assignee" in response.json()


def test_fields_an_action_does_not_use_are_refused(client, editor):
    response = transition(as_user(client, editor), make_claim(), "triage", rating="false")
    assert response.status_code == 400
    assert "rating" in response.json()


def test_an_unknown_action_is_refused_naming_the_field(client, editor):
    response = transition(as_user(client, editor), make_claim(), "approve")
    assert response.status_code == 400
    assert "action" in response.json()


def test_a_correction_is_drafted_then_approved_by_a_second_editor(
    client, editor, editor2, reviewer
):
    claim = make_published_claim(editor=editor, reviewer=reviewer)
    response = transition(
        as_user(client, editor2), claim, "correct", note="New official count.", rating="true"
    )
    assert response.status_code == 200, response.content
    assert response.json()["verdict"]["rating"] == "mostly-true"
    assert not Correction.objects.filter(claim=claim).exists()

    refused = transition(client, claim, "approve_correction")
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "You drafted this correction; another editor must approve it."
    )

    response = transition(as_user(client, editor), claim, "approve_correction")
    assert response.status_code == 200, response.content
    assert response.json()["verdict"]["rating"] == "true"
    correction = Correction.objects.get(claim=claim)
    assert (correction.note, correction.approved_by) == ("New official count.", editor)
    assert correction.changes["rating"] == ["Mostly true", "True"]


def test_a_correction_can_change_the_evidence(client, editor, editor2, reviewer):
    claim = make_published_claim(editor=editor, reviewer=reviewer)
    evidence = make_evidence(claim, title="Protocol", excerpt="Turnout 5.1%.")
    response = transition(
        as_user(client, editor2),
        claim,
        "correct",
        note="The protocol says 4.9%.",
        evidence=[{"id": evidence.pk, "excerpt": "Turnout 4.9%."}],
    )
    assert response.status_code == 200, response.content
    transition(as_user(client, editor), claim, "approve_correction")
    evidence.refresh_from_db()
    assert evidence.excerpt == "Turnout 4.9%."


def test_a_transition_based_on_a_stale_version_is_refused(client, editor):
    claim = make_claim()
    based_on = claim.version
    transition(as_user(client, editor), claim, "triage")
    response = transition(client, claim, "dismiss", comment="Not checkable.", version=based_on)
    assert response.status_code == 409
    claim.refresh_from_db()
    assert claim.status == "queued"
    assert response.json()["current_version"] == claim.version
