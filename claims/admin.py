from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import (
    Attribution,
    Claim,
    ClaimEvent,
    Correction,
    Evidence,
    Rating,
    Topic,
    Verdict,
)


class AttributionInline(admin.TabularInline):
    model = Attribution
    extra = 0
    autocomplete_fields = ["source"]


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "status",
        "kind",
        "checkworthiness",
        "claimant",
        "assignee",
        "article",
    ]
    list_filter = ["status", "kind", "assignee", "claimant"]
    list_select_related = ["claimant", "assignee", "article"]
    search_fields = ["statement", "quote", "claimant__name", "article__title"]
    ordering = ["-checkworthiness"]
    autocomplete_fields = ["claimant", "duplicate_of", "topics"]
    readonly_fields = ["status", "assignee", "article", "start", "end", "quote", "prefix", "suffix"]
    inlines = [AttributionInline, EvidenceInline]


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "rating", "author", "approved_by", "published_at"]
    list_filter = ["rating", "published_at"]
    list_select_related = ["claim", "rating", "author", "approved_by"]
    search_fields = ["summary", "body", "claim__statement"]
    autocomplete_fields = ["claim"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "colour", "definition", "position"]
    list_filter = ["value"]
    search_fields = ["label", "definition"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "claim", "stance", "source", "added_by"]
    list_filter = ["stance"]
    list_select_related = ["claim", "source", "added_by"]
    search_fields = ["title", "url", "excerpt"]
    autocomplete_fields = ["claim", "source"]


@admin.register(Attribution)
class AttributionAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "position", "role", "source", "text"]
    list_filter = ["role"]
    list_select_related = ["claim", "source"]
    search_fields = ["text", "source__name", "claim__statement"]
    autocomplete_fields = ["claim", "source"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["claim", "kind", "created_by", "created_at"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["claim", "created_by"]
    search_fields = ["note", "claim__statement"]
    readonly_fields = ["claim", "kind", "note", "changes", "created_by"]

    def has_add_permission(self, request):
        return False  # corrections are written by claims.workflow.correct and retract


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin):
    list_display = ["claim", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action", "to_status"]
    list_select_related = ["claim", "actor"]
    search_fields = ["comment", "claim__statement"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    list_filter = []
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
