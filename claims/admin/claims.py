"""The editors' and reviewers' work tool. Every rule is asked of claims.workflow: what a person
may edit (``can_edit_claim``), which buttons they get (``available_actions``) and every status
change (the transition functions)."""

from functools import partial

from concurrency.exceptions import RecordModifiedError
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from claims import by_hand, workflow
from claims.admin import actions as admin_actions
from claims.admin.anchors import ArticleChangedFilter
from claims.admin.by_hand import add_heard_elsewhere_view, from_passage_view, split_view
from claims.admin.external_reviews import ExternalReviewInline
from claims.admin.filters import (
    ArticleFilter,
    CheckworthinessBandFilter,
    ClaimantFilter,
    QueueFilter,
    SearchRankedChangeList,
    SourceInChainFilter,
    StaffAssigneeFilter,
)
from claims.admin.forms import ONE_CLICK_ACTIONS, ClaimForm, VerdictForm
from claims.admin.link_checks import link_check_cell
from claims.admin.matching import similar_claims_field, unlink_duplicates
from claims.admin.timeline import claim_timeline
from claims.admin.views import (
    confirm_sources_view,
    correction_draft_of,
    preview_view,
    quote_in_paragraph,
    transition_view,
)
from claims.models import (
    Attribution,
    Claim,
    ClaimEvent,
    ClaimStatus,
    Correction,
    Evidence,
    Rating,
    Topic,
    Verdict,
)
from claims.public.paginators import QueuePaginator
from claims.text import shorten
from core import roles
from core.admin import (
    HistoryWithoutRevertAdmin,
    LabelledTabularInline,
    PurgesPublicPagesAdmin,
    ReadOnlyAdmin,
)

QUEUE_STATEMENT = 90  # characters of a statement in the queue; the full text on hover
QUEUE_NAME = 28

admin.site.site_header = "Veracity desk"
admin.site.site_title = "Veracity desk"
admin.site.index_title = "Today on the desk"


def without_version(fields):
    """The hidden version field means nothing on a read-only page."""
    return [f for f in fields if f != "version"]


class ClaimPartInline:
    """Parts of a claim are edited by whoever may edit the claim, and only then."""

    def _may_edit(self, request, obj) -> bool:
        return obj is not None and workflow.can_edit_claim(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)


class AttributionInline(ClaimPartInline, LabelledTabularInline):
    model = Attribution
    extra = 0
    fields = ["position", "source", "role", "text", link_check_cell]
    readonly_fields = [link_check_cell]
    ordering = ["position"]
    autocomplete_fields = ["source"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("link_check")

    verbose_name_plural = "attribution chain (0 is the claimant; higher is nearer the reader)"


class EvidenceInline(ClaimPartInline, admin.StackedInline):
    model = Evidence
    extra = 0
    fields = [("url", "title"), "source", "excerpt", ("stance", "archived_url"), "accessed_at"]
    autocomplete_fields = ["source"]


class VerdictInline(ClaimPartInline, admin.StackedInline):
    model = Verdict
    form = VerdictForm
    fields = ["rating", "summary", "about", "body", "rendered", "author", "version"]
    readonly_fields = ["rendered", "author"]
    min_num, max_num, extra = 0, 1, 1
    can_delete = False

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and hasattr(obj, "verdict") else 1

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if self.has_change_permission(request, obj) else without_version(fields)

    @admin.display(description="Preview")
    def rendered(self, verdict):
        # body_html is sanitised by core.markdown on save.
        return format_html(
            '<div class="verdict-preview" aria-live="polite">{}</div>',
            mark_safe(verdict.body_html) if verdict and verdict.pk else "",
        )


@admin.register(Claim)
class ClaimAdmin(HistoryWithoutRevertAdmin):
    form = ClaimForm
    # What an editor picks work by, narrow enough for a laptop; the rest is on the claim page.
    list_display = [
        "statement_short",
        "status",
        "checkworthiness_percent",
        "claimant_name",
        "assignee",
        "age",
    ]
    list_filter = [
        QueueFilter,
        "status",
        ("assignee", StaffAssigneeFilter),
        ArticleFilter,
        ArticleChangedFilter,
        "proposed",
        ClaimantFilter,
        SourceInChainFilter,
        "verdict__rating",
        "kind",
        CheckworthinessBandFilter,
    ]
    list_select_related = ["claimant", "assignee"]
    # Searched through Claim.objects.search (get_search_results): words of the statement, quote,
    # verdict, claimant or article title, best first; not icontains per field.
    search_fields = ["statement"]
    ordering = ["-checkworthiness", "id"]
    show_full_result_count = False
    paginator = QueuePaginator
    list_per_page = 50
    autocomplete_fields = ["claimant", "duplicate_of", "topics"]
    actions = [
        admin_actions.triage_claims,
        admin_actions.dismiss_claims,
        admin_actions.assign_claims,
        unlink_duplicates,
    ]
    fieldsets = [
        (None, {"fields": ["statement", ("kind", "claimant"), "attribution_phrase", "version"]}),
        ("Checked before?", {"fields": ["similar_claims"]}),
        ("Context", {"fields": ["topics", "duplicate_of"], "classes": ["collapse"]}),
        (
            "Where and how it was found",
            {
                "fields": [("article", "status", "assignee"), "checkworthiness_explained"],
                "classes": ["collapse"],
            },
        ),
    ]
    readonly_fields = [
        "article",
        "status",
        "assignee",
        "checkworthiness_explained",
        "similar_claims",
    ]
    inlines = [AttributionInline, EvidenceInline, VerdictInline, ExternalReviewInline]
    similar_claims = similar_claims_field  # claims.admin.matching: "possibly the same as"

    @admin.display(description="statement", ordering="statement")
    def statement_short(self, claim):
        full = claim.statement or claim.quote
        return format_html('<span title="{}">{}</span>', full, shorten(full, QUEUE_STATEMENT))

    @admin.display(description="claimant", ordering="claimant__name")
    def claimant_name(self, claim):
        if claim.claimant is None:
            return self.get_empty_value_display()
        name = claim.claimant.name
        return format_html('<span title="{}">{}</span>', name, shorten(name, QUEUE_NAME))

    @admin.display(description="waiting", ordering="status_changed_at")
    def age(self, claim):
        since = claim.status_changed_at or claim.created_at
        return format_html(
            '<time datetime="{}" title="In this state since {}">{}</time>',
            since.isoformat(),
            date_format(timezone.localtime(since), "DATETIME_FORMAT"),
            timesince(since, depth=1),
        )

    @admin.display(description="worth", ordering="-checkworthiness")
    def checkworthiness_percent(self, claim):
        return f"{claim.checkworthiness:.0%}"

    @admin.display(description="check-worthiness")
    def checkworthiness_explained(self, claim):
        reasons = ", ".join(str(reason) for reason in claim.checkworthiness_reasons or [])
        return f"{claim.checkworthiness:.0%}" + (f" ({reasons})" if reasons else "")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    def get_changelist(self, request, **kwargs):
        return SearchRankedChangeList

    def get_fieldsets(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.fieldsets
        return [
            (name, {**options, "fields": without_version(options["fields"])})
            for name, options in self.fieldsets
        ]

    # --- who may do what: asked of claims.workflow -------------------------------------------

    def has_add_permission(self, request):
        # Editors add claims heard outside any article (claims.admin.by_hand); claims from
        # articles come from extraction or a passage selected on the article's page.
        return super().has_add_permission(request) and roles.is_editor(request.user)

    def add_view(self, request, form_url="", extra_context=None):
        return add_heard_elsewhere_view(self, request)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit_claim(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == ClaimStatus.DETECTED)

    def has_workflow_permission(self, request):
        return roles.is_editor(request.user)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        # Claims are dismissed, not deleted; bulk deletion would skip the per-claim check above.
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    # --- pages -------------------------------------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/act/<str:action>/",
                self.admin_site.admin_view(partial(transition_view, self)),
                name="claims_claim_transition",
            ),
            path(
                "<path:object_id>/split/",
                self.admin_site.admin_view(partial(split_view, self)),
                name="claims_claim_split",
            ),
            path(
                "from-article/<int:article_id>/",
                self.admin_site.admin_view(partial(from_passage_view, self)),
                name="claims_claim_from_passage",
            ),
            path(
                "<path:object_id>/confirm-sources/",
                self.admin_site.admin_view(partial(confirm_sources_view, self)),
                name="claims_claim_confirm_sources",
            ),
            path(
                "preview/",
                self.admin_site.admin_view(partial(preview_view, self)),
                name="claims_claim_preview",
            ),
        ]
        return own + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Claim queue", **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, object_id)
        if claim is not None:
            extra_context = {**(extra_context or {}), **self.work_context(request, claim)}
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except RecordModifiedError:
            # Someone saved between this form's check and its save: rare, and nothing is lost
            # but this attempt.
            messages.error(request, "Someone saved this claim a moment ago; please try again.")
            return HttpResponseRedirect(request.path)

    def work_context(self, request, claim):
        before, quote, after = quote_in_paragraph(claim)
        return {
            "quote_before": before,
            "quote": quote,
            "quote_after": after,
            "workflow_actions": [
                (transition, transition.name in ONE_CLICK_ACTIONS)
                for transition in workflow.available_actions(request.user, claim)
            ],
            "blocked_actions": workflow.blocked_actions(request.user, claim),
            "unconfirmed_sources": workflow.unconfirmed_sources(claim),
            "correction_draft": correction_draft_of(claim),
            "can_split": roles.is_editor(request.user) and claim.status in by_hand.SPLITTABLE,
            "seen_version": claim.version,
            "timeline": claim_timeline(claim),
            "read_only_because": workflow.edit_refusal(request.user, claim),
            "anchor": getattr(claim, "anchor_check", None),
        }

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, Verdict) and obj.author_id is None:
                obj.author = request.user
            if isinstance(obj, Evidence) and obj.added_by_id is None:
                obj.added_by = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdmin, HistoryWithoutRevertAdmin):
    list_display = ["claim", "rating", "author", "approved_by", "published_at"]
    list_filter = ["rating", "published_at"]
    list_select_related = ["claim", "rating", "author", "approved_by"]
    search_fields = ["summary", "body", "claim__statement"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin, HistoryWithoutRevertAdmin):
    list_display = ["__str__", "claim", "stance", "source", "added_by"]
    list_filter = ["stance"]
    list_select_related = ["claim", "source", "added_by"]
    search_fields = ["title", "url", "excerpt"]


@admin.register(Attribution)
class AttributionAdmin(ReadOnlyAdmin, HistoryWithoutRevertAdmin):
    list_display = ["claim", "position", "role", "source", "text"]
    list_filter = ["role"]
    list_select_related = ["claim", "source"]
    search_fields = ["text", "source__name", "claim__statement"]


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ["claim", "kind", "created_by", "created_at"]
    list_filter = ["kind", "created_at"]
    list_select_related = ["claim", "created_by"]
    search_fields = ["note", "claim__statement"]


@admin.register(ClaimEvent)
class ClaimEventAdmin(ReadOnlyAdmin):
    list_display = ["claim", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action", "to_status"]
    list_select_related = ["claim", "actor"]
    search_fields = ["comment", "claim__statement"]


@admin.register(Rating)
class RatingAdmin(PurgesPublicPagesAdmin):
    list_display = ["label", "value", "colour", "definition", "position"]
    list_filter = ["value"]
    search_fields = ["label", "definition"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(Topic)
class TopicAdmin(PurgesPublicPagesAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
