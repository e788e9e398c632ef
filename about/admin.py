from django.contrib import admin

from about.models import Page
from core.admin import HistoryWithoutRevertAdmin, PurgesPublicPagesAdmin


@admin.register(Page)
class PageAdmin(PurgesPublicPagesAdmin, HistoryWithoutRevertAdmin):
    """Pages shown in every footer: a change purges the public cache once it is saved."""

    list_display = ["title", "slug", "listed", "position", "updated_at"]
    list_editable = ["listed", "position"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body"]
