"""Every change of a claim's status, and every rule about who may make it.

The admin's buttons, the API's transition endpoint and any page call these functions; nothing
else writes ``Claim.status``. A refused transition raises ``TransitionRefused`` with a message a
person understands. Each transition locks the claim's row, so two people acting at once cannot
both succeed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import Claim, ClaimEvent, ClaimStatus, Correction, CorrectionKind, Verdict
from claims.public.purge import purge_after
from claims.search import refresh_search_document
from claims.tasks import refresh_public_pages_at
from core.errors import Refused
from core.roles import is_editor, is_reviewer, is_staff_member

S = ClaimStatus


class TransitionRefused(Refused):
    """A workflow action that this person may not take now. ``code`` says why, for the API."""


EDITABLE_BY_ASSIGNEE = {S.IN_PROGRESS}
EDITABLE_BY_EDITOR = {S.DETECTED, S.QUEUED, S.IN_PROGRESS, S.IN_REVIEW}


def can_edit_claim(user, claim: Claim) -> bool:
    """May this person change the claim's statement, chain, evidence and verdict draft now?

    Published verdicts change only through ``correct``.
    """
    if is_editor(user):
        return claim.status in EDITABLE_BY_EDITOR
    return (
        is_reviewer(user) and claim.assignee_id == user.pk and claim.status in EDITABLE_BY_ASSIGNEE
    )


def needs_action(user) -> Q:
    """The claims waiting for this person: editors triage, and approve verdicts they did not
    write; everyone works on what is assigned to them."""
    waiting = Q(assignee_id=user.pk, status=S.IN_PROGRESS)
    if is_editor(user):
        waiting |= Q(status=S.DETECTED) | (Q(status=S.IN_REVIEW) & ~Q(verdict__author_id=user.pk))
    return waiting


def edit_refusal(user, claim: Claim) -> str | None:
    """Why this person may not edit the claim now, or None if they may (for the admin page)."""
    if can_edit_claim(user, claim):
        return None
    if claim.status == S.PUBLISHED:
        return "Published verdicts change only through a correction (the “Correct” button)."
    if claim.status in {S.DISMISSED, S.RETRACTED}:
        return f"This claim is {claim.get_status_display().lower()}; it is closed."
    if is_reviewer(user):
        return "Reviewers edit only the claims assigned to them, while they are in progress."
    return "Only editors and the assigned reviewer can edit this claim."


# --- the transitions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[ClaimStatus]
    target: ClaimStatus | None  # None: the status does not change (a correction)


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("triage", "Triage", frozenset({S.DETECTED}), S.QUEUED),
        Transition("dismiss", "Dismiss", frozenset({S.DETECTED, S.QUEUED}), S.DISMISSED),
        Transition("assign", "Assign", frozenset({S.QUEUED, S.IN_PROGRESS}), S.IN_PROGRESS),
        Transition("submit", "Submit for review", frozenset({S.IN_PROGRESS}), S.IN_REVIEW),
        Transition("request_changes", "Request changes", frozenset({S.IN_REVIEW}), S.IN_PROGRESS),
        Transition("publish", "Approve and publish", frozenset({S.IN_REVIEW}), S.PUBLISHED),
        Transition("correct", "Correct", frozenset({S.PUBLISHED}), None),
        Transition("retract", "Retract", frozenset({S.PUBLISHED}), S.RETRACTED),
    ]
}


def _require_editor(user, action: str) -> None:
    if not is_editor(user):
        raise TransitionRefused(f"Only an editor can {TRANSITIONS[action].label.lower()}.")


def _require_state(claim: Claim, action: str) -> None:
    transition = TRANSITIONS[action]
    if claim.status not in transition.sources:
        allowed = " or ".join(ClaimStatus(s).label.lower() for s in sorted(transition.sources))
        raise TransitionRefused(
            f"Cannot {transition.label.lower()} a claim that is "
            f"{claim.get_status_display().lower()}; it must be {allowed}.",
            code="conflict",
        )


def _verdict_of(claim: Claim) -> Verdict | None:
    return Verdict.objects.filter(claim=claim).select_related("rating", "author").first()


def _require_role(actor, claim: Claim, action: str) -> None:
    if action != "submit":
        _require_editor(actor, action)
    elif not (is_editor(actor) or (is_reviewer(actor) and claim.assignee_id == actor.pk)):
        raise TransitionRefused("Only the assigned reviewer or an editor can submit this claim.")


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
    if verdict.author_id == actor.pk:
        raise TransitionRefused("You wrote this verdict; another editor must approve it.")
    if verdict.history.filter(history_user_id=actor.pk).exists():
        # Editing a draft makes one its co-author: four eyes means someone else approves.
        raise TransitionRefused("You edited this verdict; another editor must approve it.")


def refusal(actor, claim: Claim, action: str) -> str | None:
    """Why ``actor`` may not take ``action`` on ``claim`` now, or None if they may."""
    if action not in TRANSITIONS:
        return f"Unknown action “{action}”."
    try:
        _check(actor, claim, action)
    except TransitionRefused as refused:
        return refused.message
    return None


def _check(actor, claim: Claim, action: str) -> None:
    """Who you are first, then the claim's state, then what the action needs."""
    _require_role(actor, claim, action)
    _require_state(claim, action)
    if action == "submit":
        _require_verdict_to_submit(claim)
    elif action == "publish":
        _require_verdict_to_publish(actor, claim)


def available_actions(actor, claim: Claim) -> list[Transition]:
    """The transitions this person may take on this claim now (for buttons and the API)."""
    return [t for t in TRANSITIONS.values() if refusal(actor, claim, t.name) is None]


def blocked_actions(actor, claim: Claim) -> list[tuple[Transition, str]]:
    """Transitions this person could take in this state but cannot yet, with the reason
    (no verdict to submit yet; four eyes), so the page can say what is missing."""
    blocked = []
    for transition in TRANSITIONS.values():
        try:
            _require_role(actor, claim, transition.name)
            _require_state(claim, transition.name)
        except TransitionRefused:
            continue
        reason = refusal(actor, claim, transition.name)
        if reason:
            blocked.append((transition, reason))
    return blocked


CHANGE_REASON_MAX = 100  # simple_history's history_change_reason column; events keep it whole


def _change_reason(text: str) -> str:
    return text if len(text) <= CHANGE_REASON_MAX else text[: CHANGE_REASON_MAX - 1] + "…"


def _transition(
    claim: Claim,
    *,
    action: str,
    actor: AbstractBaseUser,
    comment: str = "",
    required_comment: str = "",
    apply: Callable[[Claim], None] | None = None,
) -> Claim:
    """Lock the claim, check the rules, apply the change and record the event, or refuse.

    ``required_comment`` names what the comment must say when the action needs one; it is
    checked after role and state so that people hear first whether they may act at all.
    """
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        _check(actor, locked, action)
        if required_comment and not comment:
            raise TransitionRefused(f"Please give {required_comment}.", code="invalid")
        from_status = locked.status
        target = TRANSITIONS[action].target
        if apply:
            apply(locked)
        if target is not None:
            locked.status = target
            locked.status_changed_at = timezone.now()
        locked._change_reason = _change_reason(f"{action}: {comment}" if comment else action)
        locked._history_user = actor
        locked.save()
        refresh_search_document(locked)  # a verdict written or corrected is searchable at once
        ClaimEvent.objects.create(
            claim=locked,
            action=action,
            from_status=from_status,
            to_status=locked.status,
            actor=actor,
            comment=comment,
        )
        transaction.on_commit(lambda: purge_after(action))
    _refresh(claim, locked)
    return claim


def _refresh(claim: Claim, current: Claim) -> None:
    for field in ("status", "status_changed_at", "assignee_id", "version", "updated_at"):
        setattr(claim, field, getattr(current, field))


def triage(claim: Claim, *, actor, comment: str = "") -> Claim:
    """Accept a detected claim into the queue of claims worth checking."""
    return _transition(claim, action="triage", actor=actor, comment=comment)


def dismiss(claim: Claim, *, actor, reason: str) -> Claim:
    """Set a claim aside as not worth checking; the reason is kept in the history."""
    return _transition(
        claim,
        action="dismiss",
        actor=actor,
        comment=reason,
        required_comment="a reason for dismissing the claim",
    )


def assign(claim: Claim, *, actor, assignee, comment: str = "") -> Claim:
    """Give a queued claim to a reviewer (or reassign one in progress)."""

    def set_assignee(locked: Claim) -> None:
        if assignee is None or not is_staff_member(assignee):
            raise TransitionRefused(
                "Claims can only be assigned to a reviewer or an editor.", code="invalid"
            )
        if assignee.pk == locked.assignee_id:
            raise TransitionRefused(
                f"The claim is already assigned to {assignee.get_username()}.", code="conflict"
            )
        locked.assignee = assignee

    note = comment or (f"assigned to {assignee.get_username()}" if assignee else "")
    return _transition(claim, action="assign", actor=actor, comment=note, apply=set_assignee)


def submit(claim: Claim, *, actor, comment: str = "") -> Claim:
    """Send the drafted verdict to an editor for approval."""
    return _transition(claim, action="submit", actor=actor, comment=comment)


def request_changes(claim: Claim, *, actor, comment: str) -> Claim:
    """Send a submitted verdict back to its reviewer with what to fix."""
    return _transition(
        claim,
        action="request_changes",
        actor=actor,
        comment=comment,
        required_comment="a comment saying what needs to change",
    )


def publish(claim: Claim, *, actor, comment: str = "", publish_at: datetime | None = None) -> Claim:
    """Approve the verdict (four eyes: never its own author) and make it public, now or at
    ``publish_at``: until then the public querysets treat it as unpublished, and a task
    refreshes the public pages when the time comes."""
    now = timezone.now()

    def approve(locked: Claim) -> None:
        if publish_at is not None and publish_at <= now:
            raise TransitionRefused(
                "The publication time has passed: choose a later one, or none to publish now.",
                code="invalid",
            )
        verdict = Verdict.objects.select_for_update().get(claim=locked)
        verdict.approved_by = actor
        verdict.published_at = publish_at or verdict.published_at or now
        verdict._change_reason = (
            f"scheduled for {publish_at:%Y-%m-%d %H:%M %Z}" if publish_at else "published"
        )
        verdict._history_user = actor
        verdict.save()
        if publish_at is not None:
            transaction.on_commit(partial(refresh_public_pages_at, publish_at))

    note = comment or (f"to go public at {publish_at:%Y-%m-%d %H:%M %Z}" if publish_at else "")
    return _transition(claim, action="publish", actor=actor, comment=note, apply=approve)


VERDICT_PUBLIC_FIELDS = ("rating", "summary", "body")


def correct(claim: Claim, *, actor, note: str, **changes) -> Claim:
    """Change a published verdict's rating, summary or body, with a public correction note."""
    note = (note or "").strip()
    unknown = set(changes) - set(VERDICT_PUBLIC_FIELDS)
    if unknown:
        raise TransitionRefused(
            f"A correction cannot change {', '.join(sorted(unknown))}.", code="invalid"
        )

    def apply_correction(locked: Claim) -> None:
        verdict = Verdict.objects.select_for_update().get(claim=locked)
        diff = {}
        for field, new in changes.items():
            old = getattr(verdict, field)
            if old != new:
                diff[field] = [str(old or ""), str(new or "")]
                setattr(verdict, field, new)
        if not diff:
            raise TransitionRefused(
                "Nothing changed, so there is nothing to correct.", code="invalid"
            )
        verdict._change_reason = _change_reason(f"correction: {note}")
        verdict._history_user = actor
        verdict.save()
        Correction.objects.create(
            claim=locked, kind=CorrectionKind.CORRECTION, note=note, changes=diff, created_by=actor
        )

    return _transition(
        claim,
        action="correct",
        actor=actor,
        comment=note,
        required_comment="a correction note saying what changed and why",
        apply=apply_correction,
    )


def retract(claim: Claim, *, actor, note: str) -> Claim:
    """Withdraw a published verdict; the public page shows the note instead."""
    note = (note or "").strip()

    def record(locked: Claim) -> None:
        Correction.objects.create(
            claim=locked, kind=CorrectionKind.RETRACTION, note=note, created_by=actor
        )

    return _transition(
        claim,
        action="retract",
        actor=actor,
        comment=note,
        required_comment="a public note explaining the retraction",
        apply=record,
    )
