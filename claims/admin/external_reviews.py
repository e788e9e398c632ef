"""Other organisations' fact checks, imported from their ClaimReview markup: read here, never
edited (a new import of the same review URL updates it)."""

from django.contrib import admin
from django.utils.html import format_html

from claims.models import ExternalReview
from core.admin import LabelledTabularInline, ReadOnlyAdmin


@admin.display(description="their page")
def review_link(review: ExternalReview) -> str:
    return format_html('<a href="{}" rel="noopener" target="_blank">{}</a>', review.url, review.url)


class ExternalReviewInline(LabelledTabularInline):
    model = ExternalReview
    extra = 0
    fields = ["publisher_label", "rating_text", "rating_value", "published_on", review_link]
    readonly_fields = fields
    ordering = ["-published_on", "id"]
    verbose_name_plural = "also checked by (other organisations' ClaimReviews; not our verdict)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("publisher")

    @admin.display(description="publisher")
    def publisher_label(self, review):
        return review.publisher_label


@admin.register(ExternalReview)
class ExternalReviewAdmin(ReadOnlyAdmin):
    list_display = ["publisher_label", "rating_text", "rating_value", "published_on", "claim"]
    list_filter = [("publisher", admin.RelatedOnlyFieldListFilter), "published_on"]
    list_select_related = ["claim", "publisher"]
    search_fields = ["publisher_name", "rating_text", "claim_reviewed", "url", "claim__statement"]
    date_hierarchy = "published_on"
    show_full_result_count = False
    fields = [
        "claim",
        ("publisher", "publisher_name"),
        review_link,
        "claim_reviewed",
        ("rating_text", "rating_value"),
        "published_on",
        ("imported_by", "created_at", "updated_at"),
        "raw",
    ]
    readonly_fields = [review_link]  # browse only: every other field is shown read-only anyway

    @admin.display(description="publisher", ordering="publisher_name")
    def publisher_label(self, review):
        return review.publisher_label
