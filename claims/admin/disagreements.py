"""The "Disagreements" list: imported reviews that rate our claims far from our verdict."""

from django.contrib import admin
from django.utils.html import format_html

from claims.admin.external_reviews import review_link
from claims.disagreements import disagreeing_review_ids, disagreement
from claims.models import Disagreement, ExternalReview
from core.admin import ReadOnlyAdmin


@admin.register(Disagreement)
class DisagreementAdmin(ReadOnlyAdmin):
    list_display = ["claim", "our_rating", "publisher_label", "rating_text", "why", review_link]
    list_select_related = ["claim__verdict__rating", "publisher"]
    list_filter = [("publisher", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["publisher_name", "rating_text", "claim__statement"]
    fields = [
        "claim",
        ("publisher", "publisher_name"),
        review_link,
        "claim_reviewed",
        ("rating_text", "rating_value"),
        "published_on",
    ]
    readonly_fields = [review_link]

    def get_queryset(self, request):
        rated = ExternalReview.objects.filter(claim__verdict__rating__isnull=False).select_related(
            "claim__verdict__rating"
        )
        ids = disagreeing_review_ids(rated)
        return super().get_queryset(request).filter(pk__in=ids)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("claims.view_externalreview")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="our rating", ordering="claim__verdict__rating__position")
    def our_rating(self, review):
        verdict = getattr(review.claim, "verdict", None)
        published = verdict is not None and verdict.published_at is not None
        return format_html("{}{}", verdict.rating, "" if published else " (not yet published)")

    @admin.display(description="publisher", ordering="publisher_name")
    def publisher_label(self, review):
        return review.publisher_label

    @admin.display(description="why listed")
    def why(self, review):
        found = disagreement(review.claim.verdict.rating, review)
        return found.reason if found else "—"
