from django.contrib import admin
from django.db import transaction

from about.models import Page
from core.admin import HistoryWithoutRevertAdmin
from core.page_cache import purge_public_pages


@admin.register(Page)
class PageAdmin(HistoryWithoutRevertAdmin):
    """Pages shown in every footer: a change purges the public cache once it is saved."""

    list_display = ["title", "slug", "listed", "position", "updated_at"]
    list_editable = ["listed", "position"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(purge_public_pages)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(purge_public_pages)
