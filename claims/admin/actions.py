"""Bulk actions of the claim queue. Each goes through claims.workflow claim by claim and reports
what was done and, grouped by reason, what was refused."""

from collections import defaultdict

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.text import Truncator

from claims import workflow
from claims.admin.forms import AssignForm, DismissForm
from claims.models import Action
from claims.workflow import TransitionRefused

DONE = {Action.TRIAGE: "Triaged", Action.DISMISS: "Dismissed", Action.ASSIGN: "Assigned"}
NAMES_SHOWN = 5
CLAIMS_LISTED = 50


def apply_to_each(modeladmin, request, queryset, action: str, act) -> None:
    done = 0
    refused = defaultdict(list)
    for claim in queryset:
        try:
            act(claim)
        except TransitionRefused as refusal:
            refused[refusal.message].append(Truncator(str(claim)).chars(60))
        else:
            done += 1
    if done:
        noun = "claim" if done == 1 else "claims"
        modeladmin.message_user(request, f"{DONE[action]} {done} {noun}.", messages.SUCCESS)
    for reason, names in refused.items():
        shown = "; ".join(f"“{name}”" for name in names[:NAMES_SHOWN])
        more = f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else ""
        modeladmin.message_user(
            request, f"Not done for {len(names)}: {reason} ({shown}{more})", messages.WARNING
        )


def ask_then_apply(modeladmin, request, queryset, form_class, title: str):
    """Show an intermediate page asking for what the action needs, then apply it to each."""
    confirmed = "confirm" in request.POST
    form = form_class(request.POST if confirmed else None)
    if confirmed and form.is_valid():
        apply_to_each(
            modeladmin, request, queryset, form.action, lambda c: form.apply(c, request.user)
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "form": form,
        "claims": queryset[:CLAIMS_LISTED],
        "claim_count": queryset.count(),
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "select_across": request.POST.get("select_across", "0"),
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
    }
    return TemplateResponse(request, "admin/claims/claim/bulk_action.html", context)


@admin.action(description="Triage selected claims into the queue", permissions=["workflow"])
def triage_claims(modeladmin, request, queryset):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        Action.TRIAGE,
        lambda claim: workflow.perform(Action.TRIAGE, claim, actor=request.user),
    )


@admin.action(description="Dismiss selected claims…", permissions=["workflow"])
def dismiss_claims(modeladmin, request, queryset):
    return ask_then_apply(modeladmin, request, queryset, DismissForm, "Dismiss claims")


@admin.action(description="Assign selected claims to a reviewer…", permissions=["workflow"])
def assign_claims(modeladmin, request, queryset):
    return ask_then_apply(modeladmin, request, queryset, AssignForm, "Assign claims")
