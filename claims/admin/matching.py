"""The claim admin's "possibly the same as" panel and the action that undoes an automatic link.

Hook into the claim admin with ``readonly_fields = [..., "similar_claims"]``, a method
``similar_claims = similar_claims_field`` and ``actions = [unlink_duplicates]`` (which asks the
admin's ``has_workflow_permission``).
"""

from django.conf import settings
from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils.translation import ngettext

from claims.matching.matches import linked_fact_check, similar_claims, unlink_duplicate


def similar_claims_panel(claim) -> str:
    """HTML for editors: the claim this one duplicates, its fact check, and look-alikes."""
    if claim is None or claim.pk is None:
        return ""
    return render_to_string(
        "admin/claims/_similar_claims.html",
        {
            "claim": claim,
            "fact_check": linked_fact_check(claim),
            "suggestions": similar_claims(claim),
            "suggest_threshold": settings.VERACITY_MATCH_SUGGEST,
            "link_threshold": settings.VERACITY_MATCH_LINK,
        },
    )


@admin.display(description="Possibly the same as")
def similar_claims_field(modeladmin, claim) -> str:
    return similar_claims_panel(claim)


@admin.action(
    description="Not duplicates: unlink from the claims they were matched to",
    permissions=["workflow"],  # the claim admin's has_workflow_permission: editors only
)
def unlink_duplicates(modeladmin, request, queryset):
    linked = list(queryset.filter(duplicate_of__isnull=False))
    for claim in linked:
        unlink_duplicate(claim, actor=request.user)
    done = ngettext("Unlinked %(n)d claim.", "Unlinked %(n)d claims.", len(linked))
    modeladmin.message_user(request, done % {"n": len(linked)}, messages.SUCCESS)
