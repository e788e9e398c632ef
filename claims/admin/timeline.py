"""A claim's history as one timeline: workflow events and every recorded edit, who and when."""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from claims.models import Attribution, Claim, ClaimStatus, Evidence, Verdict
from claims.versions import Change, changes_between, person

DELETED = "-"  # simple_history's history_type of a deletion


@dataclass(frozen=True)
class Entry:
    when: datetime
    who: str
    title: str
    kind: str  # "event" or "edit"
    comment: str = ""
    changes: list[Change] = field(default_factory=list)


def claim_timeline(claim: Claim) -> list[Entry]:
    """Newest first."""
    entries = [
        *event_entries(claim),
        *edit_entries(claim.history.all(), lambda r: "Claim"),
        *edit_entries(Verdict.history.filter(claim_id=claim.pk), lambda r: "Verdict"),
        *edit_entries(
            Evidence.history.filter(claim_id=claim.pk), lambda r: f"Evidence “{r.title or r.url}”"
        ),
        *edit_entries(
            Attribution.history.filter(claim_id=claim.pk),
            lambda r: f"Attribution link {r.position}",
        ),
    ]
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def event_entries(claim: Claim) -> list[Entry]:
    return [
        Entry(
            when=event.created_at,
            who=person(event.actor),
            title=f"{event.get_action_display()}: {ClaimStatus(event.from_status).label} → "
            f"{ClaimStatus(event.to_status).label}",
            kind="event",
            comment=event.comment,
        )
        for event in claim.events.select_related("actor")
    ]


def edit_entries(history, describe) -> list[Entry]:
    """One entry per creation, deletion and edit of the rows in ``history``; edits that only
    touched workflow or bookkeeping fields are left to the events."""
    records = list(history.select_related("history_user").order_by("history_date", "history_id"))
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    entries = []
    for versions in by_object.values():
        entries.append(_entry(versions[0], describe, "created"))
        for before, after in pairwise(versions):
            if after.history_type == DELETED:
                entries.append(_entry(after, describe, "deleted"))
                continue
            changes = changes_between(before, after)
            if changes:
                entries.append(_entry(after, describe, "changed", changes))
    return entries


def _entry(record, describe, verb: str, changes=()) -> Entry:
    return Entry(
        when=record.history_date,
        who=person(record.history_user),
        title=f"{describe(record)} {verb}",
        kind="edit",
        comment=record.history_change_reason or "",
        changes=list(changes),
    )
