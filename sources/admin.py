from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core import roles
from core.admin import HistoryWithoutRevertAdmin, LabelledTabularInline
from sources.merge import MergeRefused, confirm_sources, links_of, merge_sources
from sources.models import Source, SourceAlias


class SourceAliasInline(LabelledTabularInline):
    model = SourceAlias
    extra = 1


class ConfirmationFilter(admin.SimpleListFilter):
    title = _("confirmation")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("no", _("Unconfirmed (created by extraction)")), ("yes", _("Confirmed"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unconfirmed()
        if self.value() == "yes":
            return queryset.confirmed()
        return queryset


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Source.objects.none(),
        widget=forms.RadioSelect,
        label="Keep",
        help_text="The others are merged into it: their aliases, claims, attributions, evidence "
        "and articles move to it, their names become its aliases, and they are deleted.",
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = sources
        self.fields["survivor"].label_from_instance = lambda s: f"{s.name} ({s.slug})"
        confirmed = sources.filter(confirmed=True).first()
        self.fields["survivor"].initial = (confirmed or sources.first()).pk


@admin.action(description="Merge selected sources…", permissions=["merge"])
def merge_selected(modeladmin, request, queryset):
    if queryset.count() < 2:
        modeladmin.message_user(request, "Select two or more sources to merge.", messages.WARNING)
        return None
    confirmed = "confirm" in request.POST
    form = MergeForm(request.POST if confirmed else None, sources=queryset)
    if confirmed and form.is_valid():
        survivor = form.cleaned_data["survivor"]
        duplicates = queryset.exclude(pk=survivor.pk)
        names = ", ".join(f"“{s.name}”" for s in duplicates)
        try:
            moved = merge_sources(survivor=survivor, duplicates=duplicates, actor=request.user)
        except MergeRefused as refused:
            modeladmin.message_user(request, str(refused), messages.ERROR)
            return None
        summary = ", ".join(f"{count} {label}" for label, count in moved.items()) or "nothing"
        modeladmin.message_user(
            request, f"Merged {names} into “{survivor.name}”; moved {summary}.", messages.SUCCESS
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Merge sources",
        "opts": modeladmin.model._meta,
        "form": form,
        "sources": [(source, links_of(source)) for source in queryset],
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/sources/source/merge.html", context)


@admin.action(description="Mark selected sources as confirmed", permissions=["change"])
def confirm_selected(modeladmin, request, queryset):
    confirmed = confirm_sources(queryset.unconfirmed(), actor=request.user)
    noun = "source" if confirmed == 1 else "sources"
    modeladmin.message_user(request, f"Confirmed {confirmed} {noun}.", messages.SUCCESS)


@admin.register(Source)
class SourceAdmin(HistoryWithoutRevertAdmin):
    list_display = ["name", "kind", "country", "state_affiliated", "parent", "confirmed"]
    list_filter = [ConfirmationFilter, "kind", "state_affiliated", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__text", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [SourceAliasInline]
    actions = [merge_selected, confirm_selected]

    def has_merge_permission(self, request):
        return roles.is_editor(request.user) and self.has_delete_permission(request)


@admin.register(SourceAlias)
class SourceAliasAdmin(HistoryWithoutRevertAdmin):
    list_display = ["text", "source"]
    list_filter = ["source__kind"]
    list_select_related = ["source"]
    search_fields = ["text", "source__name"]
    autocomplete_fields = ["source"]
