"""Taking a transition: lock the claim, check the rules, apply the change, record the event,
purge the public pages on commit; and the transitions up to publication."""

from collections.abc import Callable
from datetime import datetime
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from claims.models import (
    Action,
    Claim,
    ClaimEvent,
    ClaimStatus,
    Verdict,
)
from claims.public.purge import purge_after
from claims.signals import claim_published
from claims.tasks import go_public_at
from claims.workflow.rules import TRANSITIONS, TransitionRefused, _check
from core.roles import is_staff_member

S = ClaimStatus
A = Action


CHANGE_REASON_MAX = 100  # simple_history's history_change_reason column; events keep it whole


def _change_reason(text: str) -> str:
    return text if len(text) <= CHANGE_REASON_MAX else text[: CHANGE_REASON_MAX - 1] + "…"


def _transition(
    claim: Claim,
    *,
    action: Action,
    actor: AbstractBaseUser,
    seen: int | None = None,
    comment: str = "",
    required_comment: str = "",
    apply: Callable[[Claim], None] | None = None,
) -> Claim:
    """Lock the claim, check the rules, apply the change and record the event, or refuse.

    ``required_comment`` names what the comment must say when the action needs one; it is
    checked after role and state so that people hear first whether they may act at all.
    ``apply`` may change the claim's status itself (an approved retraction).
    """
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        _check(actor, locked, action, seen=seen)
        if required_comment and not comment:
            raise TransitionRefused(f"Please give {required_comment}.", code="invalid")
        from_status = locked.status
        if apply:
            apply(locked)
            locked.refresh_from_db(fields=["version"])  # its verdict's changes moved it (0013)
        target = TRANSITIONS[action].target
        locked.status = target or locked.status
        if locked.status != from_status:
            locked.status_changed_at = timezone.now()
        locked._change_reason = _change_reason(f"{action}: {comment}" if comment else action)
        locked._history_user = actor
        locked.save()
        ClaimEvent.objects.create(
            claim=locked,
            action=action,
            from_status=from_status,
            to_status=locked.status,
            actor=actor,
            comment=comment,
        )
        purge_after(action, locked)
    _refresh(claim, locked)
    return claim


def _refresh(claim: Claim, current: Claim) -> None:
    for field in ("status", "status_changed_at", "assignee_id", "version", "updated_at"):
        setattr(claim, field, getattr(current, field))


def triage(claim: Claim, *, actor, comment: str = "", seen: int | None = None) -> Claim:
    """Accept a detected claim into the queue of claims worth checking."""
    return _transition(claim, action=A.TRIAGE, actor=actor, comment=comment, seen=seen)


def dismiss(claim: Claim, *, actor, comment: str = "", seen: int | None = None) -> Claim:
    """Set a claim aside as not worth checking; the reason is kept in the history."""
    return _transition(
        claim,
        action=A.DISMISS,
        actor=actor,
        comment=comment,
        seen=seen,
        required_comment="a reason for dismissing the claim",
    )


def assign(claim: Claim, *, actor, assignee, comment: str = "", seen: int | None = None) -> Claim:
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
    return _transition(
        claim, action=A.ASSIGN, actor=actor, comment=note, seen=seen, apply=set_assignee
    )


def submit(claim: Claim, *, actor, comment: str = "", seen: int | None = None) -> Claim:
    """Send the drafted verdict to an editor for approval."""
    return _transition(claim, action=A.SUBMIT, actor=actor, comment=comment, seen=seen)


def request_changes(claim: Claim, *, actor, comment: str = "", seen: int | None = None) -> Claim:
    """Send a submitted verdict back to its reviewer with what to fix."""
    return _transition(
        claim,
        action=A.REQUEST_CHANGES,
        actor=actor,
        comment=comment,
        seen=seen,
        required_comment="a comment saying what needs to change",
    )


def publish(
    claim: Claim,
    *,
    actor,
    comment: str = "",
    seen: int | None = None,
    publish_at: datetime | None = None,
) -> Claim:
    """Approve the verdict (four eyes: never its own author) and make it public, now or at
    ``publish_at``: until then the public querysets treat it as unpublished, and a task makes
    it public (pages refreshed, readers told) when the time comes."""
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
        verdict._change_reason = f"scheduled for {when(publish_at)}" if publish_at else "published"
        verdict._history_user = actor
        verdict.save()
        if publish_at is None:
            transaction.on_commit(lambda: claim_published.send(sender=Claim, claim=locked))
        else:
            transaction.on_commit(partial(go_public_at, locked.pk, publish_at))

    note = comment or (f"to go public at {when(publish_at)}" if publish_at else "")
    return _transition(claim, action=A.PUBLISH, actor=actor, comment=note, seen=seen, apply=approve)


def when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}"
