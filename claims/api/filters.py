"""Query parameters of the claim, verdict and evidence lists."""

from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from claims.models import Claim, ClaimKind, ClaimStatus, Evidence, Stance, Verdict
from core import roles
from core.rest import IdFilter


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 1})
class ScoreFilter(filters.NumberFilter):
    """A score between 0 and 1."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=1, **kwargs)


class ClaimFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ClaimStatus.choices)
    rating = filters.CharFilter(
        field_name="verdict__rating__slug", help_text="A rating's slug, e.g. `mostly-false`."
    )
    claimant = IdFilter(field_name="claimant", help_text="The id of the source who made it.")
    source = IdFilter(
        method="filter_source",
        help_text="A source anywhere in the claim: claimant, attribution chain or publisher.",
    )
    article = IdFilter(field_name="article")
    kind = filters.ChoiceFilter(choices=ClaimKind.choices)
    topic = filters.CharFilter(field_name="topics__slug", help_text="A topic's slug.")
    assignee = IdFilter(
        method="filter_assignee", help_text="The id of the assigned staff member (staff only)."
    )
    published_after = filters.DateFilter(
        field_name="verdict__published_at", lookup_expr="date__gte", help_text="On or after."
    )
    published_before = filters.DateFilter(
        field_name="verdict__published_at", lookup_expr="date__lte", help_text="On or before."
    )
    min_checkworthiness = ScoreFilter(field_name="checkworthiness", lookup_expr="gte")
    q = filters.CharFilter(method="search", help_text="Full-text search, best matches first.")

    class Meta:
        model = Claim
        fields = []

    def filter_source(self, queryset, name, value):
        return queryset.filter(
            Q(claimant=value) | Q(chain__source=value) | Q(article__publisher=value)
        ).distinct()

    def filter_assignee(self, queryset, name, value):
        # Who worked on what is the desk's business: readers learn nothing by asking.
        if not roles.is_staff_member(self.request.user):
            return queryset.none()
        return queryset.filter(assignee=value)

    def search(self, queryset, name, value):
        return queryset.search(value)


class VerdictFilter(filters.FilterSet):
    claim = IdFilter(field_name="claim")
    rating = filters.CharFilter(field_name="rating__slug", help_text="A rating's slug.")
    published = filters.BooleanFilter(
        field_name="published_at", lookup_expr="isnull", exclude=True, help_text="Published ones."
    )

    class Meta:
        model = Verdict
        fields = ["claim", "rating", "published"]


class EvidenceFilter(filters.FilterSet):
    claim = IdFilter(field_name="claim")
    stance = filters.ChoiceFilter(choices=Stance.choices)
    source = IdFilter(field_name="source")

    class Meta:
        model = Evidence
        fields = ["claim", "stance", "source"]
