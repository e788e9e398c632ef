"""Admin building blocks shared by the claims and sources admins."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from core.page_tags import SITE
from core.purges import purge_on_commit


class HistoryWithoutRevertAdmin(SimpleHistoryAdmin):
    """Shows every recorded version but never reverts to one.

    Reverting would save an old copy wholesale, status included, past the workflow and the
    row-level permissions; a person who wants an old value back edits it in.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Old versions can be read, not restored.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class PurgesPublicPagesAdmin(admin.ModelAdmin):
    """For what every public page may show (the footer's pages, the rating scale's labels and
    colours, topic names): a change retires every stored page once it is saved, a purge that
    is not lost while Redis is unreachable (core.purges)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        purge_on_commit([SITE])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        purge_on_commit([SITE])

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        purge_on_commit([SITE])


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the workflow or edited on their claim's page: browse only here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs carry their column's name.

    Django names the columns only in the table head, which screen readers do not tie to each
    row's inputs (axe-core: "Form elements must have labels").
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        for field in formset.form.base_fields.values():
            field.widget.attrs.setdefault("aria-label", field.label)
        formset.deletion_widget = forms.CheckboxInput(attrs={"aria-label": "Delete"})
        return formset
