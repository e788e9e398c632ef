"""Every change of a link check, and who may make it: findings on the links of a claim's
attribution chain go from draft through a second editor's approval to publication.

The roles and the four-eyes rule are those of ``claims.workflow``; the admin and the API call
these functions and nothing else changes a link check's status. A refusal raises
``workflow.TransitionRefused``. Each action is recorded in the finding's history and, as an
event, on its claim's timeline.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from claims import workflow
from claims.models import Attribution, Claim, ClaimEvent, ClaimStatus, LinkCheck
from claims.models import LinkCheckStatus as L
from claims.public.purge import purge_claims_on_commit
from claims.signals import link_check_published
from claims.workflow import TransitionRefused
from claims.workflow.rules import require_seen
from core.roles import is_editor

CLOSED = {ClaimStatus.DISMISSED, ClaimStatus.RETRACTED}
CHANGE_REASON_MAX = 100  # simple_history's history_change_reason column


@dataclass(frozen=True)
class LinkAction:
    name: str
    label: str
    sources: frozenset[L]
    target: L
    needs_comment: str = ""  # what the comment must say, when the action needs one

    @property
    def event(self) -> str:
        """The action's name on the claim's timeline (ClaimEvent.action)."""
        return f"{self.name}_link_check"


ACTIONS = {
    action.name: action
    for action in [
        LinkAction("submit", "Submit for approval", frozenset({L.DRAFT}), L.SUBMITTED),
        LinkAction(
            "request_changes",
            "Request changes",
            frozenset({L.SUBMITTED}),
            L.DRAFT,
            needs_comment="a comment saying what needs to change",
        ),
        LinkAction("publish", "Approve and publish", frozenset({L.SUBMITTED}), L.PUBLISHED),
        LinkAction(
            "withdraw",
            "Withdraw",
            frozenset({L.PUBLISHED}),
            L.DRAFT,
            needs_comment="a reason for withdrawing the finding",
        ),
    ]
}
PUBLIC_ACTIONS = {"publish", "withdraw"}


# --- who may write findings -------------------------------------------------------------------


def may_check_links(user, claim: Claim) -> bool:
    """Editors check the links of any open claim, a published one included (a finding has its
    own publication); reviewers those of the claims they may edit."""
    if claim.status in CLOSED:
        return False
    return is_editor(user) or workflow.can_edit_claim(user, claim)


def edit_refusal(user, attribution: Attribution, check: LinkCheck | None = None) -> str | None:
    """Why ``user`` may not write this finding now, or None if they may."""
    claim = attribution.claim
    if claim.status in CLOSED:
        return f"This claim is {claim.get_status_display().lower()}; its links are not checked."
    if not may_check_links(user, claim):
        return "Only editors, and reviewers on the claims assigned to them, check links."
    if check is not None and check.pk and check.status != L.DRAFT:
        return (
            f"This finding is {check.get_status_display().lower()}: send it back to draft "
            "(“Request changes” or “Withdraw”) to edit it."
        )
    return None


def save_draft(check: LinkCheck, *, actor, reason: str = "") -> LinkCheck:
    """Record a new finding or an edit of a draft one, validated, with who made it."""
    refusal = edit_refusal(actor, check.attribution, check)
    if refusal:
        raise TransitionRefused(refusal)
    if check.author_id is None:
        check.author = actor
    check.full_clean()
    check._history_user = actor
    check._change_reason = _change_reason(reason or ("edited" if check.pk else "recorded"))
    check.save()
    return check


# --- the actions ------------------------------------------------------------------------------


def _require_role(actor, check: LinkCheck, action: str) -> None:
    claim = check.attribution.claim
    if action == "submit":
        if not may_check_links(actor, claim):
            raise TransitionRefused("Only editors and the claim's reviewer can submit findings.")
        if not (is_editor(actor) or check.author_id == actor.pk):
            raise TransitionRefused("Only an editor or the finding's author can submit it.")
    elif not is_editor(actor):
        raise TransitionRefused(f"Only an editor can {ACTIONS[action].label.lower()}.")


def _require_state(check: LinkCheck, action: str) -> None:
    if check.status not in ACTIONS[action].sources:
        allowed = " or ".join(L(s).label.lower() for s in sorted(ACTIONS[action].sources))
        raise TransitionRefused(
            f"Cannot {ACTIONS[action].label.lower()} a finding that is "
            f"{check.get_status_display().lower()}; it must be {allowed}.",
            code="conflict",
        )
    if check.attribution.claim.status in CLOSED:
        raise TransitionRefused("The claim is closed; its links are not checked.", code="conflict")


def _check(actor, check: LinkCheck, action: str) -> None:
    _require_role(actor, check, action)
    _require_state(check, action)
    if action == "publish":
        workflow.require_four_eyes(actor, check, "finding")


def refusal(actor, check: LinkCheck, action: str) -> str | None:
    if action not in ACTIONS:
        return f"Unknown action “{action}”."
    try:
        _check(actor, check, action)
    except TransitionRefused as refused:
        return refused.message
    return None


def available_actions(actor, check: LinkCheck) -> list[LinkAction]:
    return [action for action in ACTIONS.values() if refusal(actor, check, action.name) is None]


def _change_reason(text: str) -> str:
    return Truncator(text).chars(CHANGE_REASON_MAX)


def _act(
    check: LinkCheck, *, action: str, actor, comment: str = "", seen: int | None = None
) -> LinkCheck:
    """Lock the finding, check the rules (and that it is still the version ``seen`` the person
    read), change its status and record it, or refuse."""
    comment = (comment or "").strip()
    step = ACTIONS[action]
    with transaction.atomic():
        locked = (
            LinkCheck.objects.select_for_update(of=("self",))
            .select_related("attribution__claim", "attribution__source")
            .get(pk=check.pk)
        )
        _check(actor, locked, action)
        require_seen(locked, seen)
        if step.needs_comment and not comment:
            raise TransitionRefused(f"Please give {step.needs_comment}.", code="invalid")
        locked.status = step.target
        if action == "publish":
            locked.approved_by = actor
            locked.published_at = timezone.now()
        elif step.target == L.DRAFT:
            locked.approved_by, locked.published_at = None, None
        locked._history_user = actor
        locked._change_reason = _change_reason(f"{action}: {comment}" if comment else action)
        locked.save()
        claim = locked.attribution.claim
        ClaimEvent.objects.create(
            claim=claim,
            action=step.event,
            from_status=claim.status,
            to_status=claim.status,
            actor=actor,
            comment=f"{locked}. {comment}".strip(),
        )
        if action in PUBLIC_ACTIONS and claim.status == ClaimStatus.PUBLISHED:
            purge_claims_on_commit([claim])
        if action == "publish":
            transaction.on_commit(
                lambda: link_check_published.send(sender=LinkCheck, link_check=locked)
            )
    for field in ("status", "approved_by_id", "published_at", "updated_at", "version"):
        setattr(check, field, getattr(locked, field))
    return check


def submit(check: LinkCheck, *, actor, comment: str = "", seen: int | None = None) -> LinkCheck:
    """Send a drafted finding to an editor for approval."""
    return _act(check, action="submit", actor=actor, comment=comment, seen=seen)


def request_changes(check: LinkCheck, *, actor, comment: str, seen: int | None = None) -> LinkCheck:
    """Send a submitted finding back to draft with what to fix."""
    return _act(check, action="request_changes", actor=actor, comment=comment, seen=seen)


def publish(check: LinkCheck, *, actor, comment: str = "", seen: int | None = None) -> LinkCheck:
    """Approve the finding (four eyes: never its author or an editor of it) and make it public
    (readers see it once its claim is published); ``seen``: the version the approver read."""
    return _act(check, action="publish", actor=actor, comment=comment, seen=seen)


def withdraw(check: LinkCheck, *, actor, comment: str, seen: int | None = None) -> LinkCheck:
    """Take a published finding off the public page, back to draft, saying why."""
    return _act(check, action="withdraw", actor=actor, comment=comment, seen=seen)


RUNNERS = {
    "submit": submit,
    "request_changes": request_changes,
    "publish": publish,
    "withdraw": withdraw,
}
