"""Anchor health in the newsroom: checking articles' pages again (an action on the article
list, a button on the article page), the page's stored versions, and the claim queue's
filter on what the last check found."""

from django.contrib import admin
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleVersion
from claims.anchors.check import check_pages
from claims.models import AnchorStatus
from core.admin import ReadOnlyAdmin


def queue_page_checks(article_ids: list[int]) -> None:
    """Check these articles' pages in the task queue, once the request's writes commit."""
    transaction.on_commit(lambda: check_pages.enqueue(article_ids))


class ArticleChangedFilter(admin.SimpleListFilter):
    title = _("article changed since checked")
    parameter_name = "anchor"
    CHOICES = {
        "edited": (
            _("Yes: the wording changed or is gone"),
            Q(anchor_check__status__in=[AnchorStatus.CHANGED, AnchorStatus.GONE]),
        ),
        "moved": (_("Moved, same words"), Q(anchor_check__status=AnchorStatus.MOVED)),
        "unchanged": (_("No"), Q(anchor_check__status=AnchorStatus.UNCHANGED)),
        "unchecked": (_("Not checked yet"), Q(anchor_check__isnull=True)),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _condition) in self.CHOICES.items()]

    def queryset(self, request, queryset):
        choice = self.CHOICES.get(self.value())
        return queryset.filter(choice[1]) if choice else queryset


@admin.register(ArticleVersion)
class ArticleVersionAdmin(ReadOnlyAdmin):
    """The page's text as it was at each check: what a claim was taken from, kept."""

    list_display = ["article", "fetched_at", "seen_at", "etag", "last_modified"]
    list_select_related = ["article"]
    search_fields = ["article__title", "article__url"]
    fields = ["article", "fetched_at", "seen_at", "etag", "last_modified", "text_hash", "text"]
