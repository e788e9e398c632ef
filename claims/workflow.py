"""Every change of a claim's status, and every rule about who may make it.

The admin's buttons and bulk actions, the API's transition endpoint and the commands all call
``perform`` (or the function it names); nothing else writes ``Claim.status`` or publishes a
correction. Each takes the claim's version the person last read (``seen``) and refuses, with
who changed what, if the claim or its verdict, evidence or chain changed since (the database
moves the claim's version with its parts: migration 0013). A refused transition raises
``TransitionRefused`` with a message a person understands. Each transition locks the claim's
row, so two people acting at once cannot both succeed.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import corrections
from claims.models import (
    Action,
    Attribution,
    Claim,
    ClaimEvent,
    ClaimStatus,
    Correction,
    CorrectionDraft,
    CorrectionKind,
    Verdict,
)
from claims.public.purge import purge_after
from claims.signals import claim_published
from claims.versions import changed_by, newer_version_summary
from core.errors import Refused
from core.roles import is_editor, is_reviewer, is_staff_member

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
        Transition(A.PUBLISH, frozenset({S.IN_REVIEW}), S.PUBLISHED),
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


def _require_seen(claim: Claim, seen: int | None) -> None:
    """The person acts on what they read: refuse if the claim changed since (stale read)."""
    if seen is None or seen == claim.version:
        return
    raise TransitionRefused(
        f"{newer_version_summary(claim, seen, claim.version)}. Please look at it again before "
        "you go on.",
        code="stale",
        current_version=claim.version,
        changed_by=changed_by(claim, claim.version),
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
    if verdict.author_id == actor.pk:
        raise TransitionRefused("You wrote this verdict; another editor must approve it.")
    if verdict.history.filter(history_user_id=actor.pk).exists():
        # Editing a draft makes one its co-author: four eyes means someone else approves.
        raise TransitionRefused("You edited this verdict; another editor must approve it.")
    unconfirmed = unconfirmed_sources(claim)
    if unconfirmed:
        names = ", ".join(f"“{source.name}”" for source in unconfirmed)
        raise TransitionRefused(
            f"Confirm or merge {names} first: it was created from the article's text and no "
            "editor has checked who it is.",
            code="invalid",
        )


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
    _require_seen(claim, seen)
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


def publish(claim: Claim, *, actor, comment: str = "", seen: int | None = None) -> Claim:
    """Approve the verdict (four eyes: never its own author) and make it public."""

    def approve(locked: Claim) -> None:
        verdict = Verdict.objects.select_for_update().get(claim=locked)
        verdict.approved_by = actor
        verdict.published_at = verdict.published_at or timezone.now()
        verdict._change_reason = "published"
        verdict._history_user = actor
        verdict.save()
        transaction.on_commit(lambda: claim_published.send(sender=Claim, claim=locked))

    return _transition(
        claim, action=A.PUBLISH, actor=actor, comment=comment, seen=seen, apply=approve
    )


VERDICT_PUBLIC_FIELDS = corrections.VERDICT_FIELDS


def _draft(action: Action, kind: CorrectionKind):
    """The function drafting a correction of ``kind``: what changes waits for a second editor."""

    def draft(
        claim: Claim, *, actor, note: str = "", seen: int | None = None, evidence=(), **changes
    ):
        def record(locked: Claim) -> None:
            try:
                proposed = corrections.propose(
                    Verdict.objects.get(claim=locked), kind, evidence=evidence, **changes
                )
            except corrections.InvalidProposal as invalid:
                raise TransitionRefused(str(invalid), code="invalid") from None
            CorrectionDraft.objects.create(
                claim=locked, kind=kind, note=note.strip(), proposed=proposed, drafted_by=actor
            )

        return _transition(
            claim,
            action=action,
            actor=actor,
            comment=note,
            seen=seen,
            required_comment=f"a public note saying what the {kind.label.lower()} changes and why",
            apply=record,
        )

    draft.__doc__ = f"Draft a {kind.label.lower()} of a published verdict for a second editor."
    return draft


correct = _draft(A.CORRECT, CorrectionKind.CORRECTION)
clarify = _draft(A.CLARIFY, CorrectionKind.CLARIFICATION)
retract = _draft(A.RETRACT, CorrectionKind.RETRACTION)


def approve_correction(claim: Claim, *, actor, comment: str = "", seen: int | None = None):
    """Publish the draft correction, clarification or retraction (four eyes: not its author)."""

    def publish_draft(locked: Claim) -> None:
        draft = CorrectionDraft.objects.select_for_update().get(claim=locked)
        changes = {}
        if draft.kind == CorrectionKind.RETRACTION:
            locked.status = S.RETRACTED
        else:
            changes = corrections.apply(draft, actor=actor)
        Correction.objects.create(
            claim=locked,
            kind=draft.kind,
            note=draft.note,
            changes=changes,
            created_by=draft.drafted_by,
            approved_by=actor,
        )
        draft.delete()

    return _transition(
        claim,
        action=A.APPROVE_CORRECTION,
        actor=actor,
        comment=comment,
        seen=seen,
        apply=publish_draft,
    )


def withdraw_correction(claim: Claim, *, actor, comment: str = "", seen: int | None = None):
    """Drop the draft correction; readers never saw it."""

    def drop(locked: Claim) -> None:
        CorrectionDraft.objects.filter(claim=locked).delete()

    return _transition(
        claim, action=A.WITHDRAW_CORRECTION, actor=actor, comment=comment, seen=seen, apply=drop
    )


ACTIONS: dict[Action, Callable[..., Claim]] = {
    A.TRIAGE: triage,
    A.DISMISS: dismiss,
    A.ASSIGN: assign,
    A.SUBMIT: submit,
    A.REQUEST_CHANGES: request_changes,
    A.PUBLISH: publish,
    A.CORRECT: correct,
    A.CLARIFY: clarify,
    A.RETRACT: retract,
    A.APPROVE_CORRECTION: approve_correction,
    A.WITHDRAW_CORRECTION: withdraw_correction,
}


def perform(action: str, claim: Claim, *, actor, seen: int | None = None, **arguments) -> Claim:
    """Take ``action`` with what the person gave (``TRANSITIONS[action].arguments``): the one
    entry point of the admin, the API and the commands."""
    given = {
        name: arguments[name] for name in TRANSITIONS[A(action)].arguments if name in arguments
    }
    return ACTIONS[A(action)](claim, actor=actor, seen=seen, **given)
