"""Changing a published verdict: a correction, clarification or retraction is drafted by one
editor and published or withdrawn by another."""

from django.db import transaction

from claims import corrections
from claims.models import (
    Action,
    Claim,
    ClaimStatus,
    Correction,
    CorrectionDraft,
    CorrectionKind,
    Verdict,
)
from claims.signals import claim_retracted, verdict_corrected
from claims.workflow.rules import TransitionRefused
from claims.workflow.transitions import _transition

S = ClaimStatus
A = Action


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
        correction = Correction.objects.create(
            claim=locked,
            kind=draft.kind,
            note=draft.note,
            changes=changes,
            created_by=draft.drafted_by,
            approved_by=actor,
        )
        draft.delete()
        announce = claim_retracted if locked.status == S.RETRACTED else verdict_corrected
        transaction.on_commit(
            lambda: announce.send(sender=Claim, claim=locked, correction=correction)
        )

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
