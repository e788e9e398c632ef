from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Source, SourceAlias


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "state_affiliated", "parent", "confirmed"]
    list_filter = ["confirmed", "kind", "state_affiliated", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__text", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [SourceAliasInline]


@admin.register(SourceAlias)
class SourceAliasAdmin(SimpleHistoryAdmin):
    list_display = ["text", "source"]
    list_filter = ["source__kind"]
    list_select_related = ["source"]
    search_fields = ["text", "source__name"]
    autocomplete_fields = ["source"]
