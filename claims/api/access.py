"""Who sees what and who may change what through the API: the public-site and workflow rules,
applied to requests. Nothing here decides a rule of its own."""

from django.db.models import Prefetch
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS

from claims import workflow
from claims.models import Claim, ClaimStatus, Evidence, Verdict
from core import roles
from core.api_permissions import StaffWritesOrReadOnly


def claims_visible_to(user):
    """Staff see every claim; everyone else sees what the public site shows."""
    if roles.is_staff_member(user):
        return Claim.objects.all()
    return Claim.objects.published()


def published_duplicate_of() -> Prefetch:
    """Readers see a claim's ``duplicate_of`` only when that claim is published too: each
    claim's ``published_duplicate_of``, None otherwise. Looked up for the claims loaded, since
    as a subquery of a list PostgreSQL may hash every published claim to answer it."""
    published_ids = Claim.objects.published().only("id")
    return Prefetch("duplicate_of", queryset=published_ids, to_attr="published_duplicate_of")


def verdicts_visible_to(user):
    if roles.is_staff_member(user):
        return Verdict.objects.all()
    return Verdict.objects.published()


def evidence_visible_to(user):
    if roles.is_staff_member(user):
        return Evidence.objects.all()
    return Evidence.objects.filter(claim__in=Claim.objects.published())


def require_claim_editable(user, claim: Claim) -> None:
    """Refuse with a message unless ``workflow.can_edit_claim`` allows it (the admin's rule)."""
    if workflow.can_edit_claim(user, claim):
        return
    if claim.status == ClaimStatus.PUBLISHED:
        message = "This claim is published: change its verdict with the “correct” transition."
    else:
        message = (
            f"You cannot edit this claim while it is {claim.get_status_display().lower()}: "
            "editors edit claims until they are published, reviewers the claims assigned to "
            "them while in progress."
        )
    raise exceptions.PermissionDenied(message)


class ClaimWorkPermission(StaffWritesOrReadOnly):
    """Changes to a claim and what hangs off it follow ``workflow.can_edit_claim``."""

    def has_object_permission(self, request, view, obj):
        if request.method not in SAFE_METHODS:
            require_claim_editable(request.user, obj if isinstance(obj, Claim) else obj.claim)
        return True
