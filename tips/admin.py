"""Editors triage readers' tips: turn one into a claim, link it to a claim, or dismiss it."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.text import Truncator

from claims import by_hand
from core import roles
from tips.models import Tip, TipKind, TipStatus


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    list_display = ["summary", "kind", "status", "where_seen", "claim", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["claim"]
    search_fields = ["text", "where_seen", "url"]
    autocomplete_fields = ["claim"]
    fields = ["kind", "text", "where_seen", "url", "email", "claim", "status", "dismissed_because"]
    readonly_fields = ["kind", "text", "where_seen", "url", "email", "status", "dismissed_because"]
    actions = ["turn_into_claims", "dismiss_tips"]

    @admin.display(description="tip")
    def summary(self, tip):
        return Truncator(tip.text).chars(90)

    def has_add_permission(self, request):
        return False  # tips come from readers

    def has_workflow_permission(self, request):
        return roles.is_editor(request.user)

    def save_model(self, request, obj, form, change):
        if "claim" in form.changed_data and obj.claim_id and obj.status == TipStatus.NEW:
            obj.status, obj.handled_by = TipStatus.LINKED, request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Turn selected tips into claims", permissions=["workflow"])
    def turn_into_claims(self, request, queryset):
        made = 0
        for tip in queryset.filter(status=TipStatus.NEW, kind=TipKind.CLAIM):
            appearance = by_hand.Appearance(
                statement=" ".join(tip.text.split()),
                claimant=None,
                attribution=f"a reader's tip, seen {tip.where_seen}"
                if tip.where_seen
                else "a reader's tip",
                url=tip.url,
            )
            try:
                claim = by_hand.claim_heard_elsewhere(appearance, actor=request.user)
            except by_hand.CannotMakeClaim as refused:
                self.message_user(request, f"“{tip}”: {refused}", messages.WARNING)
                continue
            Tip.objects.filter(pk=tip.pk).update(
                claim=claim, status=TipStatus.CLAIMED, handled_by=request.user
            )
            made += 1
        noun = "claim" if made == 1 else "claims"
        self.message_user(request, f"Made {made} {noun}; they wait in the queue as detected.")

    @admin.action(description="Dismiss selected tips…", permissions=["workflow"])
    def dismiss_tips(self, request, queryset):
        form = DismissTipsForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            count = queryset.filter(status=TipStatus.NEW).update(
                status=TipStatus.DISMISSED,
                dismissed_because=form.cleaned_data["reason"],
                handled_by=request.user,
            )
            self.message_user(request, f"Dismissed {count} tip{'s' if count != 1 else ''}.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Dismiss tips",
            "opts": self.model._meta,
            "form": form,
            "tips": queryset[:50],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/tips/dismiss.html", context)


class DismissTipsForm(forms.Form):
    reason = forms.CharField(
        max_length=300, help_text="Kept with the tips: not checkable, opinion, already checked…"
    )
