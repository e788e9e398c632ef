"""What a correction changes: the proposal a draft holds, and applying it once approved.

Who may draft and approve, and when, is claims.workflow's; this module only turns the editor's
input into a proposal (refusing one that changes nothing) and a proposal into changed rows plus
the before/after record readers see.
"""

from dataclasses import asdict, dataclass

from django.utils import timezone

from claims.models import CorrectionDraft, CorrectionKind, Evidence, Rating, Stance, Verdict

VERDICT_FIELDS = ("rating", "summary", "body")
EVIDENCE_FIELDS = ("url", "title", "excerpt", "stance")


class InvalidProposal(ValueError):
    """The proposed correction cannot be made; the message says why."""


@dataclass(frozen=True)
class EvidenceEdit:
    """One change to a claim's evidence: ``id`` None adds one; ``delete`` removes ``id``."""

    id: int | None = None
    url: str | None = None
    title: str | None = None
    excerpt: str | None = None
    stance: str | None = None
    delete: bool = False

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in EVIDENCE_FIELDS if getattr(self, name)}


def propose(verdict: Verdict, kind: str, *, evidence=(), **changes) -> dict:
    """The proposal for a draft: only what differs from the published verdict and evidence."""
    unknown = set(changes) - set(VERDICT_FIELDS)
    if unknown:
        raise InvalidProposal(f"A correction cannot change {', '.join(sorted(unknown))}.")
    proposed = {}
    for field, new in changes.items():
        if new is None:
            continue
        old = verdict.rating_id if field == "rating" else getattr(verdict, field)
        new = new.pk if isinstance(new, Rating) else new
        if old != new:
            proposed[field] = new
    if "rating" in proposed and kind == CorrectionKind.CLARIFICATION:
        raise InvalidProposal("A clarification cannot change the rating; draft a correction.")
    edits = [_checked_edit(verdict.claim_id, edit) for edit in evidence]
    if edits:
        proposed["evidence"] = [asdict(edit) for edit in edits]
    if not proposed and kind != CorrectionKind.RETRACTION:
        raise InvalidProposal("Nothing changed, so there is nothing to correct.")
    return proposed


def _checked_edit(claim_id: int, edit: EvidenceEdit) -> EvidenceEdit:
    if edit.id is not None and not Evidence.objects.filter(pk=edit.id, claim_id=claim_id).exists():
        raise InvalidProposal(f"Evidence {edit.id} is not part of this claim.")
    if edit.id is None and not (edit.url and edit.excerpt and edit.stance):
        raise InvalidProposal("New evidence needs at least a link, an excerpt and a stance.")
    if edit.stance and edit.stance not in Stance.values:
        raise InvalidProposal(f"“{edit.stance}” is not a stance.")
    return edit


def preview(draft: CorrectionDraft) -> dict:
    """What approving the draft would change, as field → [before, after] (nothing is saved)."""
    verdict = Verdict.objects.select_related("rating").get(claim=draft.claim)
    changes = {field: _verdict_change(verdict, draft, field) for field in _verdict_fields(draft)}
    evidence = [_evidence_change(draft.claim, edit, save=False) for edit in _edits(draft)]
    return {**changes, "evidence": evidence} if evidence else changes


def apply(draft: CorrectionDraft, *, actor) -> dict:
    """Make the draft's changes to the verdict and evidence; return field → [before, after]."""
    verdict = Verdict.objects.select_for_update().get(claim=draft.claim)
    changes = {field: _verdict_change(verdict, draft, field) for field in _verdict_fields(draft)}
    verdict.corrected_at = timezone.now()
    verdict._change_reason = f"{draft.get_kind_display().lower()}: {draft.note}"[:100]
    verdict._history_user = actor
    verdict.save()
    evidence = [
        _evidence_change(draft.claim, edit, save=True, actor=actor) for edit in _edits(draft)
    ]
    return {**changes, "evidence": evidence} if evidence else changes


def _verdict_fields(draft: CorrectionDraft) -> list[str]:
    return [field for field in VERDICT_FIELDS if field in draft.proposed]


def _verdict_change(verdict: Verdict, draft: CorrectionDraft, field: str) -> list[str]:
    """Set the proposed value on ``verdict`` (unsaved) and return [before, after]."""
    before = str(getattr(verdict, field) or "")
    if field == "rating":
        verdict.rating = Rating.objects.get(pk=draft.proposed["rating"])
    else:
        setattr(verdict, field, draft.proposed[field])
    return [before, str(getattr(verdict, field) or "")]


def _edits(draft: CorrectionDraft) -> list[EvidenceEdit]:
    return [EvidenceEdit(**edit) for edit in draft.proposed.get("evidence", [])]


def _evidence_change(claim, edit: EvidenceEdit, *, save: bool, actor=None) -> list[str]:
    """Make one evidence edit (saved only with ``save``); [before, after] as readers read it."""
    if edit.id is None:
        item = Evidence(claim=claim, added_by=actor, **edit.fields())
        before = ""
    else:
        item = Evidence.objects.get(pk=edit.id, claim=claim)
        before = _as_read(item)
        if edit.delete:
            if save:
                item.delete()
            return [before, ""]
        for name, value in edit.fields().items():
            setattr(item, name, value)
    if save:
        item.save()
    return [before, _as_read(item)]


def _as_read(item: Evidence) -> str:
    return f"{item.title or item.url}: {item.excerpt}" if item.excerpt else item.title or item.url
