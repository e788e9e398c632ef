"""What the admin index shows a member of the desk: the state of the queue and, by role, only
the work this person can act on (claims.workflow says who may act on what)."""

from dataclasses import dataclass, replace

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from claims import workflow
from claims.models import Action, Claim, ClaimEvent, ClaimStatus
from core import roles

S = ClaimStatus
# States in which a claim waits for someone on the desk.
WAITING = [S.DETECTED, S.QUEUED, S.IN_PROGRESS, S.IN_REVIEW]
LIST_LENGTH = 8
LATEST_EVENTS = ClaimEvent.objects.filter(claim=OuterRef("pk")).order_by("-created_at", "-id")


@dataclass(frozen=True)
class WorkList:
    """One list of claims on the dashboard: its anchor id, heading and what it says if empty."""

    key: str
    heading: str
    empty: str
    claims: list


def desk_overview(user) -> dict:
    counts = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {
        "counts": [(status, counts.get(status.value, 0)) for status in ClaimStatus],
        "work": work_lists(user),
        "oldest_waiting": _oldest_waiting() if roles.is_editor(user) else None,
        "needs_my_action": Claim.objects.filter(workflow.needs_action(user)).count(),
    }


def work_lists(user) -> list[WorkList]:
    """Reviewers: what is assigned to them, and what came back to them. Editors also: what to
    triage, which verdicts and which corrections to approve (never their own)."""
    mine = Claim.objects.filter(assignee_id=user.pk, status=S.IN_PROGRESS).annotate(
        last_action=Subquery(LATEST_EVENTS.values("action")[:1])
    )
    sent_back = Q(last_action=Action.REQUEST_CHANGES)
    lists = [
        WorkList("desk-sent-back", "Sent back to me", "Nothing came back.", mine.filter(sent_back)),
        WorkList(
            "desk-mine", "Assigned to me", "Nothing assigned to you.", mine.exclude(sent_back)
        ),
    ]
    if roles.is_editor(user):
        lists += [
            WorkList(
                "desk-triage",
                "To triage",
                "Nothing to triage.",
                Claim.objects.filter(status=S.DETECTED),
            ),
            WorkList(
                "desk-approval",
                "Verdicts to approve",
                "No verdict is waiting for you.",
                Claim.objects.filter(workflow.awaiting_approval(user)).select_related(
                    "verdict__author", "verdict__rating"
                ),
            ),
            WorkList(
                "desk-corrections",
                "Corrections to approve",
                "No correction is waiting for you.",
                Claim.objects.filter(workflow.corrections_awaiting_approval(user)).select_related(
                    "correction_draft__drafted_by"
                ),
            ),
        ]
    return [replace(work, claims=_first(work.claims)) for work in lists]


def _first(claims) -> list[Claim]:
    """The claims that have waited longest, first."""
    return list(claims.select_related("article").order_by("status_changed_at", "id")[:LIST_LENGTH])


def _oldest_waiting() -> list[Claim]:
    return list(
        Claim.objects.filter(status__in=WAITING)
        .annotate(waiting_since=Coalesce("status_changed_at", "created_at"))
        .select_related("assignee")
        .order_by("waiting_since", "id")[:LIST_LENGTH]
    )
