from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from articles.annotate import annotate
from articles.models import Article, ExtractionState
from claims.admin.anchors import queue_page_checks
from claims.admin.article_forms import ArticleIngestForm
from claims.tasks import can_rerun, rerun_extraction
from core.admin import HistoryWithoutRevertAdmin

EXTRACTION_REFRESH_SECONDS = 3
PAGE_CHECK_QUEUED = (
    "Page check queued for {n} article(s): their claims are marked unchanged, moved, changed or "
    "gone when it is done."
)


@admin.register(Article)
class ArticleAdmin(HistoryWithoutRevertAdmin):
    list_display = [
        "__str__",
        "publisher",
        "published_at",
        "extraction",
        "claim_count",
        "page_checked",
        "created_at",
    ]
    list_filter = ["extraction_state", "page_check__outcome", "language", "publisher"]
    list_select_related = ["publisher", "page_check"]
    search_fields = ["title", "url", "byline"]
    autocomplete_fields = ["publisher", "contributors"]
    date_hierarchy = "published_at"
    actions = ["run_extraction_again", "check_pages_again"]
    # The body is shown with its claims highlighted instead of as a field: claim offsets index
    # it, so it is never edited.
    fieldsets = [
        (None, {"fields": ["title", "url", "publisher", "contributors", "byline"]}),
        (None, {"fields": ["published_at", "language"]}),
        ("Record", {"fields": ["raw_format", "content_hash", "created_by", "created_at"]}),
    ]
    readonly_fields = ["raw_format", "content_hash", "created_by", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(description="extraction", ordering="extraction_state")
    def extraction(self, article):
        """The state, and while running how far it got."""
        state = article.get_extraction_state_display()
        running = article.extraction_state == ExtractionState.RUNNING
        progress = article.extraction_progress_text if running else ""
        return f"{state}: {progress}" if progress else state

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, article):
        return article.claim_total

    @admin.display(description="page", ordering="page_check__checked_at")
    def page_checked(self, article):
        check = getattr(article, "page_check", None)
        return check.get_outcome_display() if check else self.get_empty_value_display()

    def get_urls(self):
        rerun = self.admin_site.admin_view(self.rerun_view)
        check_page = self.admin_site.admin_view(self.check_page_view)
        return [
            path("<int:pk>/extract/", rerun, name="articles_article_extract"),
            path("<int:pk>/check-page/", check_page, name="articles_article_check_page"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleIngestForm(
            request.POST or None, request.FILES or None, admin_site=self.admin_site
        )
        if request.method == "POST" and form.is_valid():
            result = form.save(user=request.user)
            if result is not None:
                return self._after_ingest(request, result)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Add article",
            "form": form,
            "media": self.media + form.media,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/articles/article/add_form.html", context)

    def _after_ingest(self, request, result):
        article = result.article
        article.refresh_from_db()
        if result.created:
            self.log_addition(request, article, [{"added": {}}])
            failed = article.extraction_state == ExtractionState.FAILED
            self.message_user(
                request,
                f"“{article}” was added. {_extraction_news(article)}",
                messages.ERROR if failed else messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                "This article is already stored (same text or URL); here it is.",
                messages.WARNING,
            )
        return redirect("admin:articles_article_change", article.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {**(extra_context or {}), **self._extraction_context(article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _extraction_context(self, article):
        claims = list(article.claims.select_related("claimant").order_by("start"))
        for number, claim in enumerate(claims, 1):
            claim.number = number
        in_progress = article.extraction_state in {ExtractionState.PENDING, ExtractionState.RUNNING}
        ranked = sorted(claims, key=lambda claim: (not claim.proposed, -claim.checkworthiness))
        return {
            "article_claims": claims,
            "proposed_claims": [claim for claim in ranked if claim.proposed],
            "folded_claims": [claim for claim in ranked if not claim.proposed],
            "paragraphs": annotate(article.body, claims, article.boilerplate),
            "extraction_in_progress": in_progress,
            "refresh_seconds": EXTRACTION_REFRESH_SECONDS,
            "can_rerun_extraction": can_rerun(article),
            "page_check": getattr(article, "page_check", None),
            "page_versions": article.versions.order_by("-fetched_at").only(
                "pk", "fetched_at", "seen_at", "etag", "last_modified", "article_id"
            ),
        }

    @method_decorator(require_POST)
    def rerun_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if rerun_extraction(article):
            article.refresh_from_db()
            self.message_user(request, _extraction_news(article))
        else:
            self.message_user(request, "Extraction is running already.", messages.WARNING)
        return redirect("admin:articles_article_change", article.pk)

    @method_decorator(require_POST)
    def check_page_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article) or not article.url:
            raise PermissionDenied
        queue_page_checks([article.pk])
        self.message_user(request, PAGE_CHECK_QUEUED.format(n=1))
        return redirect("admin:articles_article_change", article.pk)

    @admin.action(
        description="Check the pages again (are the claims still there?)", permissions=["change"]
    )
    def check_pages_again(self, request, queryset):
        ids = list(queryset.exclude(url="").values_list("pk", flat=True))
        skipped = queryset.count() - len(ids)
        if ids:
            queue_page_checks(ids)
            self.message_user(request, PAGE_CHECK_QUEUED.format(n=len(ids)))
        if skipped:
            self.message_user(
                request, f"{skipped} article(s) have no URL to check.", messages.WARNING
            )

    @admin.action(description="Run claim extraction again", permissions=["change"])
    def run_extraction_again(self, request, queryset):
        queued = sum(rerun_extraction(article) for article in queryset)
        skipped = queryset.count() - queued
        self.message_user(
            request,
            f"Extraction queued for {queued} article(s)"
            + (f"; {skipped} already running." if skipped else "."),
        )


def _extraction_news(article: Article) -> str:
    """One sentence on where extraction stands, for the message after saving."""
    state = article.extraction_state
    if state == ExtractionState.DONE and article.extraction_note:
        return f"Extraction done: {article.extraction_note}"
    if state == ExtractionState.DONE:
        return f"Extraction done: {article.claims.count()} claim(s) detected."
    if state == ExtractionState.FAILED:
        return f"Extraction failed: {article.extraction_error}"
    return "Extraction is queued; this page shows the claims when it is done."
