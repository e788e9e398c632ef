"""The editorial workflow: who may take which transition from which state, and what it records.

The matrix below is the specification of DESIGN section 3 written out by hand: every role ×
transition × state either succeeds (and lands in the expected state) or is refused with the
exact message a person reads.
"""

import pytest

from claims import workflow
from claims.corrections import EvidenceEdit
from claims.models import Action, ClaimEvent, ClaimStatus, Correction, CorrectionKind
from claims.workflow import TransitionRefused
from core import roles
from tests.factories import (
    make_claim,
    make_correction,
    make_evidence,
    make_user,
    make_verdict,
    rating,
)

pytestmark = pytest.mark.django_db

S = ClaimStatus
ALL_STATES = list(ClaimStatus)
A = Action
ACTIONS = list(Action)
ROLES = ["editor", "assigned_reviewer", "other_reviewer", "superuser", "outsider"]

ROLE_REFUSALS = {action: f"Only an editor can {action.label.lower()}." for action in ACTIONS} | {
    A.SUBMIT: "Only the assigned reviewer or an editor can submit this claim."
}
ALLOWED_ROLES = {
    action: {"editor", "superuser", "assigned_reviewer"}
    if action == A.SUBMIT
    else {"editor", "superuser"}
    for action in ACTIONS
}
AFTER_PUBLICATION = {A.CORRECT, A.CLARIFY, A.RETRACT, A.APPROVE_CORRECTION, A.WITHDRAW_CORRECTION}
STATE_REFUSALS = {
    A.TRIAGE: ({S.DETECTED}, "Cannot triage: the claim is {}; it must be detected."),
    A.DISMISS: (
        {S.DETECTED, S.QUEUED},
        "Cannot dismiss: the claim is {}; it must be detected or queued.",
    ),
    A.ASSIGN: (
        {S.QUEUED, S.IN_PROGRESS},
        "Cannot assign: the claim is {}; it must be in progress or queued.",
    ),
    A.SUBMIT: (
        {S.IN_PROGRESS},
        "Cannot submit for review: the claim is {}; it must be in progress.",
    ),
    A.REQUEST_CHANGES: (
        {S.IN_REVIEW},
        "Cannot request changes: the claim is {}; it must be in review.",
    ),
    A.PUBLISH: (
        {S.IN_REVIEW},
        "Cannot approve and publish: the claim is {}; it must be in review.",
    ),
} | {
    action: (
        {S.PUBLISHED},
        f"Cannot {action.label.lower()}: the claim is {{}}; it must be published.",
    )
    for action in AFTER_PUBLICATION
}
# Drafting a correction or a retraction leaves the claim published until a second editor
# approves; with no draft waiting, there is nothing to approve or withdraw.
TARGETS = {
    A.TRIAGE: S.QUEUED,
    A.DISMISS: S.DISMISSED,
    A.ASSIGN: S.IN_PROGRESS,
    A.SUBMIT: S.IN_REVIEW,
    A.REQUEST_CHANGES: S.IN_PROGRESS,
    A.PUBLISH: S.PUBLISHED,
    A.CORRECT: S.PUBLISHED,
    A.CLARIFY: S.PUBLISHED,
    A.RETRACT: S.PUBLISHED,
}
NO_DRAFT = "There is no draft correction waiting."


# claim_in() assigns the claim to the reviewer on its way to these states.
ASSIGNED_STATES = {S.IN_PROGRESS, S.IN_REVIEW, S.PUBLISHED, S.RETRACTED}


def expected_refusal(role: str, action: str, state: ClaimStatus) -> str | None:
    if role == "assigned_reviewer" and state not in ASSIGNED_STATES:
        role = "other_reviewer"
    if role not in ALLOWED_ROLES[action]:
        return ROLE_REFUSALS[action]
    allowed_states, message = STATE_REFUSALS[action]
    if state not in allowed_states:
        return message.format(state.label.lower())
    if action in {A.APPROVE_CORRECTION, A.WITHDRAW_CORRECTION}:
        return NO_DRAFT
    return None


def claim_in(state: ClaimStatus, *, editor, reviewer, approver):
    """A claim brought to ``state`` through the workflow; its verdict is ``reviewer``'s."""
    claim = make_claim()
    if state == S.DETECTED:
        return claim
    if state == S.DISMISSED:
        return workflow.dismiss(claim, actor=editor, comment="Opinion, not checkable.")
    workflow.triage(claim, actor=editor)
    if state == S.QUEUED:
        return claim
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer)
    if state == S.IN_PROGRESS:
        return claim
    workflow.submit(claim, actor=reviewer)
    if state == S.IN_REVIEW:
        return claim
    workflow.publish(claim, actor=approver)
    if state == S.PUBLISHED:
        return claim
    return make_correction(
        claim,
        drafter=approver,
        approver=make_user(group=roles.EDITOR_GROUP),
        action=A.RETRACT,
        note="The figure was misread.",
    )


ARGUMENTS = {
    A.DISMISS: {"comment": "Not a factual claim."},
    A.REQUEST_CHANGES: {"comment": "Cite the commission's own table."},
    A.CORRECT: {"note": "The summary misstated the figure.", "summary": "It was 70.96%."},
    A.CLARIFY: {"note": "A typo.", "summary": "It was 70.96 percent."},
    A.RETRACT: {"note": "The source turned out to be forged."},
}


def perform(action: str, claim, actor, *, other_reviewer):
    arguments = ARGUMENTS.get(action, {"assignee": other_reviewer} if action == A.ASSIGN else {})
    return workflow.perform(action, claim, actor=actor, **arguments)


@pytest.fixture
def people(editor, editor2, reviewer, reviewer2, superuser, outsider):
    return {
        "editor": editor,
        "approver": editor2,
        "assigned_reviewer": reviewer,
        "other_reviewer": reviewer2,
        "superuser": superuser,
        "outsider": outsider,
    }


def outcome(action: str, claim, actor, people) -> tuple[str, str | None]:
    """Try the action; (resulting status, refusal message or None). Refusals change nothing."""
    events_before = ClaimEvent.objects.filter(claim=claim).count()
    try:
        perform(action, claim, actor, other_reviewer=people["other_reviewer"])
    except TransitionRefused as refused:
        claim.refresh_from_db()
        assert ClaimEvent.objects.filter(claim=claim).count() == events_before
        return claim.status, refused.message
    claim.refresh_from_db()
    event = ClaimEvent.objects.filter(claim=claim).latest("id")
    assert (event.action, event.actor) == (action, actor)
    return claim.status, None


@pytest.mark.parametrize("state", ALL_STATES, ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_transition_matrix(people, role, state):
    """Each action from this state as this person: the exact refusal, or the expected new state.

    Refused actions leave the claim as it was, so one claim serves them all; each allowed action
    gets a fresh claim in the same state.
    """

    def fresh_claim():
        return claim_in(
            state,
            editor=people["approver"],
            reviewer=people["assigned_reviewer"],
            approver=people["approver"],
        )

    actor = people[role]
    claim = fresh_claim()
    expected, actual = {}, {}
    for action in ACTIONS:
        refusal = expected_refusal(role, action, state)
        expected[action] = (state, refusal) if refusal else (TARGETS[action], None)
        offered = action in {t.name for t in workflow.available_actions(actor, claim)}
        assert workflow.refusal(actor, claim, action) == refusal, action
        assert offered is (refusal is None), action
        actual[action] = outcome(action, claim if refusal else fresh_claim(), actor, people)
    assert actual == expected


@pytest.fixture
def in_review_by_editor(editor, editor2):
    """A claim whose verdict an editor wrote as its assignee, now waiting for approval."""
    claim = claim_in(S.QUEUED, editor=editor2, reviewer=editor, approver=editor2)
    workflow.assign(claim, actor=editor2, assignee=editor)
    make_verdict(claim, editor)
    return workflow.submit(claim, actor=editor)


def test_editor_cannot_approve_a_verdict_they_wrote(in_review_by_editor, editor):
    with pytest.raises(TransitionRefused, match="You wrote this verdict; another editor must"):
        workflow.publish(in_review_by_editor, actor=editor)


def test_another_editor_can_approve_it(in_review_by_editor, editor, editor2):
    workflow.publish(in_review_by_editor, actor=editor2)
    in_review_by_editor.verdict.refresh_from_db()
    assert in_review_by_editor.status == S.PUBLISHED
    assert in_review_by_editor.verdict.approved_by == editor2
    assert in_review_by_editor.verdict.published_at is not None


def test_superuser_cannot_approve_a_verdict_they_wrote(editor, superuser):
    claim = claim_in(S.QUEUED, editor=editor, reviewer=superuser, approver=editor)
    workflow.assign(claim, actor=editor, assignee=superuser)
    make_verdict(claim, superuser)
    workflow.submit(claim, actor=superuser)

    assert workflow.refusal(superuser, claim, "publish") == (
        "You wrote this verdict; another editor must approve it."
    )
    with pytest.raises(TransitionRefused):
        workflow.publish(claim, actor=superuser)


def test_submitting_needs_a_rating_and_a_summary(editor, reviewer):
    claim = claim_in(S.QUEUED, editor=editor, reviewer=reviewer, approver=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer, rating=None, summary="")

    with pytest.raises(TransitionRefused) as refused:
        workflow.submit(claim, actor=reviewer)
    assert refused.value.message == (
        "Write a verdict with a rating and a summary before submitting it for review."
    )
    assert refused.value.code == "invalid"


@pytest.mark.parametrize(
    ("action", "state", "arguments", "message"),
    [
        (
            "dismiss",
            S.DETECTED,
            {"comment": "  "},
            "Please give a reason for dismissing the claim.",
        ),
        (
            "request_changes",
            S.IN_REVIEW,
            {"comment": ""},
            "Please give a comment saying what needs to change.",
        ),
        (
            "correct",
            S.PUBLISHED,
            {"note": "", "summary": "New"},
            "Please give a public note saying what the correction changes and why.",
        ),
        (
            "retract",
            S.PUBLISHED,
            {"note": ""},
            "Please give a public note saying what the retraction changes and why.",
        ),
    ],
)
def test_actions_that_need_words_refuse_without_them(
    editor, editor2, reviewer, action, state, arguments, message
):
    claim = claim_in(state, editor=editor2, reviewer=reviewer, approver=editor2)
    with pytest.raises(TransitionRefused) as refused:
        getattr(workflow, action)(claim, actor=editor, **arguments)
    assert refused.value.message == message
    claim.refresh_from_db()
    assert claim.status == state


def test_a_reviewer_hears_they_may_not_dismiss_before_being_asked_for_a_reason(reviewer):
    with pytest.raises(TransitionRefused, match=r"Only an editor can dismiss\."):
        workflow.dismiss(make_claim(), actor=reviewer, comment="")


def test_claims_are_assigned_only_to_reviewers_and_editors(editor, outsider):
    claim = claim_in(S.QUEUED, editor=editor, reviewer=None, approver=editor)
    with pytest.raises(TransitionRefused, match="only be assigned to a reviewer or an editor"):
        workflow.assign(claim, actor=editor, assignee=outsider)


def test_assigning_to_the_current_assignee_is_refused(editor, reviewer):
    claim = claim_in(S.IN_PROGRESS, editor=editor, reviewer=reviewer, approver=editor)
    with pytest.raises(TransitionRefused, match="already assigned to rosa"):
        workflow.assign(claim, actor=editor, assignee=reviewer)


def published_claim(editor, reviewer):
    return claim_in(S.PUBLISHED, editor=editor, reviewer=reviewer, approver=editor)


def test_a_correction_waits_for_a_second_editor_and_readers_see_the_old_verdict(
    editor, editor2, reviewer
):
    claim = published_claim(editor2, reviewer)

    workflow.correct(claim, actor=editor, note="We misread the table.", rating=rating("true"))

    assert not Correction.objects.filter(claim=claim).exists()
    claim.verdict.refresh_from_db()
    assert claim.verdict.rating.slug == "mostly-true"
    assert claim.correction_draft.drafted_by == editor


def test_the_author_of_a_correction_cannot_approve_it(editor, editor2, reviewer):
    claim = published_claim(editor2, reviewer)
    workflow.correct(claim, actor=editor, note="We misread the table.", rating=rating("true"))

    with pytest.raises(TransitionRefused) as refused:
        workflow.approve_correction(claim, actor=editor)
    assert refused.value.message == "You drafted this correction; another editor must approve it."
    claim.verdict.refresh_from_db()
    assert claim.verdict.rating.slug == "mostly-true"


def test_an_approved_correction_changes_the_verdict_and_records_a_public_note(
    editor, editor2, reviewer
):
    claim = published_claim(editor2, reviewer)
    workflow.correct(claim, actor=editor, note="We misread the table.", rating=rating("true"))

    workflow.approve_correction(claim, actor=editor2)

    correction = Correction.objects.get(claim=claim)
    assert correction.kind == CorrectionKind.CORRECTION
    assert correction.note == "We misread the table."
    assert correction.changes == {"rating": ["Mostly true", "True"]}
    assert (correction.created_by, correction.approved_by) == (editor, editor2)
    claim.verdict.refresh_from_db()
    assert claim.verdict.rating.slug == "true"
    assert claim.verdict.corrected_at is not None
    assert claim.verdict.history.first().history_user == editor2
    assert not hasattr(type(claim).objects.get(pk=claim.pk), "correction_draft")


def test_a_correction_can_fix_the_evidence(editor, editor2, reviewer):
    claim = published_claim(editor2, reviewer)
    evidence = make_evidence(claim, title="Commission table", excerpt="Turnout was 5.1%.")
    edit = EvidenceEdit(id=evidence.pk, excerpt="Turnout was 4.9%.")

    make_correction(claim, drafter=editor, approver=editor2, summary="4.9%.", evidence=[edit])

    evidence.refresh_from_db()
    assert evidence.excerpt == "Turnout was 4.9%."
    assert Correction.objects.get(claim=claim).changes["evidence"] == [
        ["Commission table: Turnout was 5.1%.", "Commission table: Turnout was 4.9%."]
    ]


def test_a_clarification_cannot_change_the_rating(editor, editor2, reviewer):
    claim = published_claim(editor2, reviewer)
    with pytest.raises(TransitionRefused, match="A clarification cannot change the rating"):
        workflow.clarify(claim, actor=editor, note="Typo.", rating=rating("true"))


def test_a_clarification_is_approved_like_a_correction(editor, editor2, reviewer):
    claim = published_claim(editor2, reviewer)
    make_correction(
        claim, drafter=editor, approver=editor2, action=A.CLARIFY, note="Typo.", summary="Fixed."
    )
    assert Correction.objects.get(claim=claim).kind == CorrectionKind.CLARIFICATION


def test_a_correction_that_changes_nothing_is_refused(editor, editor2, reviewer):
    claim = published_claim(editor2, reviewer)
    with pytest.raises(TransitionRefused, match="Nothing changed"):
        workflow.correct(
            claim,
            actor=editor,
            note="Typo.",
            summary=claim.verdict.summary,
            rating=rating("mostly-true"),
        )
    assert not hasattr(type(claim).objects.get(pk=claim.pk), "correction_draft")


def test_only_one_draft_waits_at_a_time(editor, editor2, reviewer):
    claim = published_claim(editor2, reviewer)
    workflow.correct(claim, actor=editor, note="First.", summary="One.")
    with pytest.raises(TransitionRefused, match="A draft correction is already waiting"):
        workflow.retract(claim, actor=editor2, note="Second.")


def test_a_withdrawn_draft_leaves_no_trace_readers_see(editor, editor2, reviewer):
    claim = published_claim(editor2, reviewer)
    workflow.correct(claim, actor=editor, note="First.", summary="One.")
    workflow.withdraw_correction(claim, actor=editor, comment="Wrong claim.")
    assert not Correction.objects.filter(claim=claim).exists()
    assert claim.events.latest("id").action == A.WITHDRAW_CORRECTION


def test_a_retraction_needs_a_second_editor_then_takes_the_claim_off_the_site(
    editor, editor2, reviewer
):
    claim = published_claim(editor2, reviewer)
    workflow.retract(claim, actor=editor, note="The document was forged.")
    assert claim in type(claim).objects.published()

    workflow.approve_correction(claim, actor=editor2)

    assert claim not in type(claim).objects.published()
    assert Correction.objects.get(claim=claim).kind == CorrectionKind.RETRACTION


def test_each_transition_records_who_and_why_in_the_claim_history(editor):
    claim = make_claim()
    workflow.dismiss(claim, actor=editor, comment="An opinion.")

    record = claim.history.first()
    assert record.history_user == editor
    assert record.history_change_reason == "dismiss: An opinion."
    event = claim.events.get()
    assert (event.comment, event.from_status, event.to_status) == (
        "An opinion.",
        S.DETECTED,
        S.DISMISSED,
    )


def test_transitions_refresh_the_callers_copy(editor, reviewer):
    claim = make_claim()
    version = claim.version
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    assert (claim.status, claim.assignee_id) == (S.IN_PROGRESS, reviewer.pk)
    assert claim.version != version


@pytest.mark.parametrize("state", ALL_STATES, ids=str)
def test_who_may_edit_a_claim_in_each_state(people, state):
    claim = claim_in(
        state,
        editor=people["approver"],
        reviewer=people["assigned_reviewer"],
        approver=people["approver"],
    )
    editable = {
        role
        for role in ["editor", "superuser", "assigned_reviewer", "other_reviewer", "outsider"]
        if workflow.can_edit_claim(people[role], claim)
    }
    expected = {
        S.DETECTED: {"editor", "superuser"},
        S.QUEUED: {"editor", "superuser"},
        S.IN_PROGRESS: {"editor", "superuser", "assigned_reviewer"},
        S.IN_REVIEW: {"editor", "superuser"},
        S.PUBLISHED: set(),
        S.DISMISSED: set(),
        S.RETRACTED: set(),
    }[state]
    assert editable == expected


def test_an_inactive_editor_has_no_role(editor):
    editor.is_active = False
    editor.save()
    fresh = type(editor).objects.get(pk=editor.pk)
    assert not roles.is_editor(fresh)
    assert workflow.refusal(fresh, make_claim(), "triage") == "Only an editor can triage."


def test_a_user_with_no_role_is_neither_editor_nor_reviewer():
    nobody = make_user("nobody")
    assert not roles.is_editor(nobody)
    assert not roles.is_reviewer(nobody)


def test_blocked_actions_say_what_is_missing(editor, reviewer):
    claim = claim_in(S.QUEUED, editor=editor, reviewer=reviewer, approver=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)

    assert [(t.name, reason) for t, reason in workflow.blocked_actions(reviewer, claim)] == [
        ("submit", "Write a verdict with a rating and a summary before submitting it for review.")
    ]


def test_blocked_actions_include_four_eyes(in_review_by_editor, editor):
    blocked = {
        t.name: reason for t, reason in workflow.blocked_actions(editor, in_review_by_editor)
    }
    assert blocked == {"publish": "You wrote this verdict; another editor must approve it."}


def test_an_editor_who_edited_the_draft_cannot_approve_it(editor, editor2, reviewer):
    claim = claim_in(S.IN_REVIEW, editor=editor2, reviewer=reviewer, approver=editor2)
    verdict = claim.verdict
    verdict.summary = "Tightened by the editor."
    verdict._history_user = editor
    verdict.save()

    assert workflow.refusal(editor, claim, "publish") == (
        "You edited this verdict; another editor must approve it."
    )
    workflow.publish(claim, actor=editor2)
    assert claim.status == S.PUBLISHED
