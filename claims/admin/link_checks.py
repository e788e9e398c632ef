"""Findings on the links of a claim's chain, in the admin. Who may write them and every status
change are asked of claims.link_checks."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html

from claims import link_checks
from claims.admin.forms import StaleEditRefusingForm
from claims.models import Attribution, LinkCheck, LinkCheckStatus
from claims.workflow import TransitionRefused
from core.admin import HistoryWithoutRevertAdmin
from core.roles import is_staff_member


class LinkCheckForm(StaleEditRefusingForm):
    class Meta:
        model = LinkCheck
        fields = [
            "attribution",
            "finding",
            "note",
            "evidence_url",
            "evidence_title",
            "evidence_excerpt",
            "original_wording",
            "relayed_wording",
            "version",
        ]

    def clean(self):
        cleaned = super().clean()
        attribution = cleaned.get("attribution")
        if attribution is None and self.instance.attribution_id:
            attribution = self.instance.attribution
        if attribution is not None:
            refusal = link_checks.edit_refusal(self.user, attribution, self.instance)
            if refusal:
                raise forms.ValidationError(refusal)
        return cleaned


@admin.register(LinkCheck)
class LinkCheckAdmin(HistoryWithoutRevertAdmin):
    form = LinkCheckForm
    list_display = ["__str__", "claim", "finding", "status", "author", "approved_by"]
    list_filter = ["status", "finding"]
    list_select_related = ["attribution__source", "attribution__claim", "author", "approved_by"]
    search_fields = ["attribution__source__name", "attribution__claim__statement", "note"]
    autocomplete_fields = ["attribution"]
    readonly_fields = ["claim", "status", "author", "approved_by", "published_at"]
    show_full_result_count = False

    @admin.display(description="claim")
    def claim(self, check):
        claim = check.attribution.claim
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        return format_html('<a href="{}">{}</a>', url, claim)

    def get_fieldsets(self, request, obj=None):
        link = ["attribution"] if obj is None else ["claim"]
        return [
            (None, {"fields": [*link, "finding", "note"]}),
            ("Evidence", {"fields": ["evidence_url", "evidence_title", "evidence_excerpt"]}),
            (
                "Altered links: the words as said and as relayed",
                {"fields": ["original_wording", "relayed_wording"]},
            ),
            ("Approval", {"fields": [("status", "author"), ("approved_by", "published_at")]}),
            *(
                [(None, {"fields": ["version"]})]
                if self.has_change_permission(request, obj)
                else []
            ),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    # --- who may do what: asked of claims.link_checks ----------------------------------------

    def has_view_permission(self, request, obj=None):
        return is_staff_member(request.user)

    def has_module_permission(self, request):
        return is_staff_member(request.user)

    def has_add_permission(self, request):
        return is_staff_member(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return is_staff_member(request.user)
        return link_checks.edit_refusal(request.user, obj.attribution, obj) is None

    def has_delete_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.status == LinkCheckStatus.DRAFT
            and (self.has_change_permission(request, obj))
        )

    def save_model(self, request, obj, form, change):
        link_checks.save_draft(obj, actor=request.user)

    # --- the actions -------------------------------------------------------------------------

    def get_urls(self):
        act = path(
            "<path:object_id>/act/<str:action>/",
            self.admin_site.admin_view(partial(act_view, self)),
            name="claims_linkcheck_act",
        )
        return [act, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        check = self.get_object(request, object_id)
        if check is not None:
            extra_context = {**(extra_context or {}), **action_context(request.user, check)}
        return super().change_view(request, object_id, form_url, extra_context)


def action_context(user, check: LinkCheck) -> dict:
    return {
        "link_check_actions": link_checks.available_actions(user, check),
        "link_check_blocked": [
            (action, reason)
            for action in link_checks.ACTIONS.values()
            if check.status in action.sources
            and (reason := link_checks.refusal(user, check, action.name))
        ],
        "read_only_because": link_checks.edit_refusal(user, check.attribution, check),
    }


def act_view(modeladmin, request, object_id: str, action: str):
    """Take a link-check action (POST from the change page's Workflow section)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    check = modeladmin.get_object(request, object_id)
    if check is None or action not in link_checks.RUNNERS:
        raise Http404
    change_url = reverse("admin:claims_linkcheck_change", args=[check.pk])
    try:
        link_checks.RUNNERS[action](
            check,
            actor=request.user,
            comment=request.POST.get("comment", ""),
            seen=_seen(request),
        )
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"Done. The finding is now {check.get_status_display().lower()}.")
    return redirect(change_url)


def _seen(request) -> int | None:
    """The finding's version the page showed (the buttons carry it)."""
    seen = request.POST.get("seen", "")
    return int(seen) if seen.isascii() and seen.isdigit() and len(seen) < 19 else None


@admin.display(description="finding")
def link_check_cell(attribution: Attribution) -> str:
    """The claim page's chain: each link's finding, or a way to record one."""
    if attribution.pk is None:
        return "—"
    check = getattr(attribution, "link_check", None)
    if check is None:
        url = reverse("admin:claims_linkcheck_add") + f"?attribution={attribution.pk}"
        return format_html('<a href="{}">Check this link</a>', url)
    url = reverse("admin:claims_linkcheck_change", args=[check.pk])
    return format_html(
        '<a href="{}">{} ({})</a>', url, check.get_finding_display(), check.get_status_display()
    )
