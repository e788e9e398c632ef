from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "publisher", "published_at", "extraction_state", "created_at"]
    list_filter = ["extraction_state", "language", "publisher"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url", "byline"]
    autocomplete_fields = ["publisher", "contributors"]
    readonly_fields = ["content_hash", "extraction_state", "extraction_error", "extracted_at"]
    date_hierarchy = "published_at"
