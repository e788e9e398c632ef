"""What the admin index shows a member of the desk: the state of the queue and their own work."""

from django.db.models import Count
from django.db.models.functions import Coalesce

from claims import workflow
from claims.models import Claim, ClaimStatus

S = ClaimStatus
# States in which a claim waits for someone on the desk.
WAITING = [S.DETECTED, S.QUEUED, S.IN_PROGRESS, S.IN_REVIEW]
LIST_LENGTH = 8


def desk_overview(user) -> dict:
    counts = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {
        "counts": [(status, counts.get(status.value, 0)) for status in ClaimStatus],
        "my_assignments": list(
            Claim.objects.filter(assignee_id=user.pk, status=S.IN_PROGRESS)
            .select_related("article")
            .order_by("status_changed_at", "id")[:LIST_LENGTH]
        ),
        "waiting_for_approval": list(
            Claim.objects.filter(status=S.IN_REVIEW)
            .select_related("verdict__author", "verdict__rating")
            .order_by("status_changed_at", "id")[:LIST_LENGTH]
        ),
        "oldest_waiting": list(
            Claim.objects.filter(status__in=WAITING)
            .annotate(waiting_since=Coalesce("status_changed_at", "created_at"))
            .select_related("assignee")
            .order_by("waiting_since", "id")[:LIST_LENGTH]
        ),
        "needs_my_action": Claim.objects.filter(workflow.needs_action(user)).count(),
    }
