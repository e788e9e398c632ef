"""Who may do what to a claim, and when: the transitions, their roles and states, four eyes,
who may edit a claim, and what waits for whom."""

from dataclasses import dataclass

from django.db.models import Q

from claims.models import (
    Action,
    Attribution,
    Claim,
    ClaimStatus,
    CorrectionDraft,
    Verdict,
)
from claims.versions import changed_by, newer_version_summary
from core.errors import Refused
from core.roles import is_editor, is_reviewer

S = ClaimStatus
A = Action


class TransitionRefused(Refused):
    """A workflow action that this person may not take now. ``code`` says why, for the API."""


EDITABLE_BY_ASSIGNEE = {S.IN_PROGRESS}
EDITABLE_BY_EDITOR = {S.DETECTED, S.QUEUED, S.IN_PROGRESS, S.IN_REVIEW}


def can_edit_claim(user, claim: Claim) -> bool:
    """May this person change the claim's statement, chain, evidence and verdict draft now?

    Published verdicts change only through a correction (``correct``, then approval).
    """
    if is_editor(user):
        return claim.status in EDITABLE_BY_EDITOR
    return (
        is_reviewer(user) and claim.assignee_id == user.pk and claim.status in EDITABLE_BY_ASSIGNEE
    )


def awaiting_approval(user) -> Q:
    """Submitted verdicts this editor may approve: four eyes, so not the ones they wrote."""
    return Q(status=S.IN_REVIEW) & ~Q(verdict__author_id=user.pk)


def corrections_awaiting_approval(user) -> Q:
    """Draft corrections and retractions this editor may approve: not their own drafts."""
    return Q(status=S.PUBLISHED, correction_draft__isnull=False) & ~Q(
        correction_draft__drafted_by_id=user.pk
    )


def needs_action(user) -> Q:
    """The claims waiting for this person: editors triage, and approve verdicts and corrections
    they did not write; everyone works on what is assigned to them."""
    waiting = Q(assignee_id=user.pk, status=S.IN_PROGRESS)
    if is_editor(user):
        waiting |= (
            Q(status=S.DETECTED) | awaiting_approval(user) | corrections_awaiting_approval(user)
        )
    return waiting


def edit_refusal(user, claim: Claim) -> str | None:
    """Why this person may not edit the claim now, or None if they may (for the admin page)."""
    if can_edit_claim(user, claim):
        return None
    if claim.status == S.PUBLISHED:
        return (
            "Published verdicts change only through a correction (“Draft a correction”), "
            "which a second editor approves."
        )
    if claim.status in {S.DISMISSED, S.RETRACTED}:
        return f"This claim is {claim.get_status_display().lower()}; it is closed."
    if is_reviewer(user):
        return "Reviewers edit only the claims assigned to them, while they are in progress."
    return "Only editors and the assigned reviewer can edit this claim."


# --- the transitions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[ClaimStatus]
    target: ClaimStatus | None  # None: the status does not change (or the action decides)
    arguments: tuple[str, ...] = ("comment",)  # what the person gives, by parameter name

    @property
    def name(self) -> str:
        return self.action.value

    @property
    def label(self) -> str:
        return self.action.label


CORRECTION_ARGUMENTS = ("note", "rating", "summary", "body", "evidence")
TRANSITIONS = {
    t.action: t
    for t in [
        Transition(A.TRIAGE, frozenset({S.DETECTED}), S.QUEUED),
        Transition(A.DISMISS, frozenset({S.DETECTED, S.QUEUED}), S.DISMISSED),
        Transition(
            A.ASSIGN, frozenset({S.QUEUED, S.IN_PROGRESS}), S.IN_PROGRESS, ("assignee", "comment")
        ),
        Transition(A.SUBMIT, frozenset({S.IN_PROGRESS}), S.IN_REVIEW),
        Transition(A.REQUEST_CHANGES, frozenset({S.IN_REVIEW}), S.IN_PROGRESS),
        Transition(A.PUBLISH, frozenset({S.IN_REVIEW}), S.PUBLISHED, ("comment", "publish_at")),
        Transition(A.CORRECT, frozenset({S.PUBLISHED}), None, CORRECTION_ARGUMENTS),
        Transition(A.CLARIFY, frozenset({S.PUBLISHED}), None, CORRECTION_ARGUMENTS),
        Transition(A.RETRACT, frozenset({S.PUBLISHED}), None, ("note",)),
        Transition(A.APPROVE_CORRECTION, frozenset({S.PUBLISHED}), None),
        Transition(A.WITHDRAW_CORRECTION, frozenset({S.PUBLISHED}), None),
    ]
}
DRAFTING = {A.CORRECT, A.CLARIFY, A.RETRACT}


def _require_role(actor, claim: Claim, action: Action) -> None:
    if action != A.SUBMIT:
        if not is_editor(actor):
            raise TransitionRefused(f"Only an editor can {action.label.lower()}.")
    elif not (is_editor(actor) or (is_reviewer(actor) and claim.assignee_id == actor.pk)):
        raise TransitionRefused("Only the assigned reviewer or an editor can submit this claim.")


def _require_state(claim: Claim, action: Action) -> None:
    transition = TRANSITIONS[action]
    if claim.status not in transition.sources:
        allowed = " or ".join(ClaimStatus(s).label.lower() for s in sorted(transition.sources))
        raise TransitionRefused(
            f"Cannot {action.label.lower()}: the claim is "
            f"{claim.get_status_display().lower()}; it must be {allowed}.",
            code="conflict",
        )


def require_seen(instance, seen: int | None) -> None:
    """The person acts on what they read: refuse if the claim (or a finding) changed since they
    read version ``seen`` of it (stale read)."""
    if seen is None or seen == instance.version:
        return
    raise TransitionRefused(
        f"{newer_version_summary(instance, seen, instance.version)}. Please look at it again "
        "before you go on.",
        code="stale",
        current_version=instance.version,
        changed_by=changed_by(instance, instance.version),
    )


def _verdict_of(claim: Claim) -> Verdict | None:
    return Verdict.objects.filter(claim=claim).select_related("rating", "author").first()


def _draft_of(claim: Claim) -> CorrectionDraft | None:
    return CorrectionDraft.objects.filter(claim=claim).first()


def _require_verdict_to_submit(claim: Claim) -> None:
    verdict = _verdict_of(claim)
    if verdict is None or verdict.rating_id is None or not verdict.summary.strip():
        raise TransitionRefused(
            "Write a verdict with a rating and a summary before submitting it for review.",
            code="invalid",
        )


def _require_verdict_to_publish(actor, claim: Claim) -> None:
    verdict = _verdict_of(claim)
    if verdict is None or verdict.rating_id is None:
        raise TransitionRefused("There is no verdict with a rating to publish.", code="invalid")
    require_four_eyes(actor, verdict, "verdict")
    unconfirmed = unconfirmed_sources(claim)
    if unconfirmed:
        names = ", ".join(f"“{source.name}”" for source in unconfirmed)
        raise TransitionRefused(
            f"Confirm or merge {names} first: it was created from the article's text and no "
            "editor has checked who it is.",
            code="invalid",
        )


def require_four_eyes(actor, draft, noun: str) -> None:
    """The approver of ``draft`` (a verdict, a link check: anything with an author and a
    history) is neither its author nor anyone who edited it."""
    if draft.author_id == actor.pk:
        raise TransitionRefused(f"You wrote this {noun}; another editor must approve it.")
    if draft.history.filter(history_user_id=actor.pk).exists():
        # Editing a draft makes one its co-author: four eyes means someone else approves.
        raise TransitionRefused(f"You edited this {noun}; another editor must approve it.")


def unconfirmed_sources(claim: Claim) -> list:
    """The claimant and relays of ``claim`` that no editor has confirmed yet."""
    chain = Attribution.objects.filter(claim=claim, source__isnull=False).select_related("source")
    sources = [claim.claimant] if claim.claimant_id else []
    sources += [link.source for link in chain]
    return list({source.pk: source for source in sources if not source.confirmed}.values())


def _require_draft_state(actor, claim: Claim, action: Action) -> None:
    draft = _draft_of(claim)
    if action in DRAFTING and draft is not None:
        raise TransitionRefused(
            f"A draft {draft.get_kind_display().lower()} is already waiting for approval; "
            "approve or withdraw it first.",
            code="conflict",
        )
    if action in {A.APPROVE_CORRECTION, A.WITHDRAW_CORRECTION} and draft is None:
        raise TransitionRefused("There is no draft correction waiting.", code="conflict")
    if action == A.APPROVE_CORRECTION and draft.drafted_by_id == actor.pk:
        raise TransitionRefused(
            f"You drafted this {draft.get_kind_display().lower()}; another editor must approve it."
        )


def refusal(actor, claim: Claim, action: str) -> str | None:
    """Why ``actor`` may not take ``action`` on ``claim`` now, or None if they may."""
    if action not in A.values:
        return f"Unknown action “{action}”."
    try:
        _check(actor, claim, A(action))
    except TransitionRefused as refused:
        return refused.message
    return None


def _check(actor, claim: Claim, action: Action, *, seen: int | None = None) -> None:
    """Who you are first, then whether you read the claim as it is, then its state, then what
    the action needs."""
    _require_role(actor, claim, action)
    require_seen(claim, seen)
    _require_state(claim, action)
    if action == A.SUBMIT:
        _require_verdict_to_submit(claim)
    elif action == A.PUBLISH:
        _require_verdict_to_publish(actor, claim)
    elif action in DRAFTING | {A.APPROVE_CORRECTION, A.WITHDRAW_CORRECTION}:
        _require_draft_state(actor, claim, action)


def available_actions(actor, claim: Claim) -> list[Transition]:
    """The transitions this person may take on this claim now (for buttons and the API)."""
    return [t for t in TRANSITIONS.values() if refusal(actor, claim, t.action) is None]


def blocked_actions(actor, claim: Claim) -> list[tuple[Transition, str]]:
    """Transitions this person could take in this state but cannot yet, with the reason
    (no verdict to submit yet; four eyes), so the page can say what is missing."""
    blocked = []
    for transition in TRANSITIONS.values():
        try:
            _require_role(actor, claim, transition.action)
            _require_state(claim, transition.action)
        except TransitionRefused:
            continue
        reason = refusal(actor, claim, transition.action)
        if reason:
            blocked.append((transition, reason))
    return blocked
