"""The admin and the API are two doors to one workflow: every action, from every state, by each
role, gets the same answer through both (the same new state, or the same refusal word for word),
stale reads included.

The admin path is what a browser does: open the action's page from the claim page (which
carries the claim's version the person read), submit the form as rendered. The API path posts
to the transition endpoint with the version the client read.
"""

import pytest
from django.contrib import messages
from django.urls import reverse

from claims import workflow
from claims.models import Action, ClaimStatus
from tests.api_support import API, call
from tests.factories import make_claim, make_verdict
from tests.html_forms import form_data
from tests.test_workflow import ARGUMENTS, claim_in

pytestmark = pytest.mark.django_db

S = ClaimStatus
ROLES = ["editor", "assigned_reviewer"]


def through_admin(client, actor, claim, action, *, people, seen=None) -> tuple[str, str | None]:
    """Take ``action`` as a browser would from the claim page, which carries the version read
    there (the current one, unless ``seen`` says otherwise); (new status, refusal or None)."""
    client.force_login(actor)
    if seen is None:
        seen = type(claim).objects.values_list("version", flat=True).get(pk=claim.pk)
    url = reverse("admin:claims_claim_transition", args=[claim.pk, action])
    page = client.get(f"{url}?seen={seen or ''}", follow=True)
    if page.redirect_chain:
        return _status(claim), _refusal(page)
    data = form_data(page.content.decode(), "transition_form")
    data.update(_admin_arguments(action, people))
    response = client.post(url, data, follow=True)
    if response.redirect_chain:
        return _status(claim), _refusal(response)
    return _status(claim), " ".join(response.context["form"].non_field_errors())


def through_api(client, actor, claim, action, *, people, seen=None) -> tuple[str, str | None]:
    """Read the claim, then post the action with the version read (or ``seen``)."""
    client.force_login(actor)
    url = f"{API}/claims/{claim.pk}/"
    if seen is None:
        seen = call(client, "get", url).json()["version"]
    body = {"action": action, "version": seen, **_api_arguments(action, people)}
    response = call(client, "post", f"{url}transitions/", body)
    return _status(claim), None if response.status_code == 200 else response.json()["detail"]


def _admin_arguments(action, people) -> dict:
    arguments = {name: [value] for name, value in ARGUMENTS.get(action, {}).items()}
    if action == Action.ASSIGN:
        arguments["assignee"] = [str(people["other_reviewer"].pk)]
    return arguments


def _api_arguments(action, people) -> dict:
    if action == Action.ASSIGN:
        return {"assignee": people["other_reviewer"].get_username()}
    return ARGUMENTS.get(action, {})


def _status(claim) -> str:
    claim.refresh_from_db()
    return claim.status


def _refusal(response) -> str | None:
    """The admin's error message after a redirect, or None when it reported success."""
    errors = [m for m in response.context["messages"] if m.level >= messages.ERROR]
    return " ".join(str(message) for message in errors) or None


@pytest.fixture
def people(editor, editor2, reviewer, reviewer2):
    return {
        "editor": editor,
        "approver": editor2,
        "assigned_reviewer": reviewer,
        "other_reviewer": reviewer2,
    }


def fresh(state, people):
    return claim_in(
        state,
        editor=people["approver"],
        reviewer=people["assigned_reviewer"],
        approver=people["approver"],
    )


@pytest.mark.parametrize("state", list(S), ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_admin_and_api_answer_every_action_alike(client, people, role, state):
    """A refused action leaves the claim as it was, so both doors try it on one claim; an
    allowed one gets a fresh claim in this state for each door."""
    actor = people[role]
    shared = fresh(state, people)
    for action in Action:
        refused = workflow.refusal(actor, shared, action) is not None
        claims = [shared, shared] if refused else [fresh(state, people), fresh(state, people)]
        outcomes = [
            door(client, actor, claim, action, people=people)
            for door, claim in zip((through_admin, through_api), claims, strict=True)
        ]
        assert outcomes[0] == outcomes[1], (action, outcomes)
        assert (outcomes[0][1] is not None) is refused, (action, outcomes)


@pytest.fixture
def in_review(editor, reviewer):
    claim = make_claim()
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer)
    return workflow.submit(claim, actor=reviewer)


@pytest.mark.parametrize("door", [through_admin, through_api])
def test_a_verdict_rewritten_after_it_was_read_is_not_approved(
    client, people, editor, editor2, in_review, door
):
    """editor2 reads the claim; editor rewrites its verdict; editor2 approves what they read."""
    seen = in_review.version
    client.force_login(editor)
    rewrite = {"rating": "true", "summary": "SWAPPED after review"}
    verdict_url = f"{API}/verdicts/{in_review.verdict.pk}/"
    response = call(client, "patch", verdict_url, {**rewrite, "version": in_review.verdict.version})
    assert response.status_code == 200, response.content

    status, refusal = door(client, editor2, in_review, Action.PUBLISH, seen=seen, people=people)

    assert status == S.IN_REVIEW
    assert refusal.startswith("erin changed this verdict on ")
    assert "summary is now “SWAPPED after review”" in refusal
    in_review.verdict.refresh_from_db()
    assert in_review.verdict.published_at is None


def test_the_api_names_who_changed_the_claim_in_its_409(client, people, editor, editor2, in_review):
    seen = in_review.version
    workflow.request_changes(in_review, actor=editor, comment="Cite the table.")
    client.force_login(editor2)
    response = call(
        client,
        "post",
        f"{API}/claims/{in_review.pk}/transitions/",
        {"action": "publish", "version": seen},
    )
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["changed_by"], body["current_version"]) == (
        "stale",
        "erin",
        in_review.version,
    )
