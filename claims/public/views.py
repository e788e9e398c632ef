"""The public site's claim pages: home, list and search, claim page, corrections, methodology.

Every query starts from ``Claim.objects.published()``; staff previews are the one exception and
are never cached (core.page_cache.public_page) and never indexed.
"""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, RedirectView, TemplateView

from claims import search as full_text_search
from claims.chain_display import chain_with_findings, with_link_finding
from claims.claimreview.build import CHAIN_FOR_CLAIMREVIEW, build_claimreview, build_datafeed
from claims.disagreements import split_reviews
from claims.families import travel_summary
from claims.matching.related import related_claims
from claims.models import (
    NOT_ON_PUBLIC_PAGES,
    Attribution,
    Claim,
    ClaimStatus,
    Correction,
    CorrectionKind,
    Evidence,
    ExternalReview,
    LinkFinding,
    Rating,
    Stance,
    Topic,
)
from claims.public.cards import card, claim_cards
from claims.public.paginators import (
    CappedCountPaginator,
    KnownCountPaginator,
    published_count,
    published_counts,
)
from claims.public.staff_visitors import is_staff_visitor
from core import page_tags
from core.page_cache import public_page
from core.page_tags import tag_for, tag_response

RELATED_CLAIMS = 5
FILTER_FIELDS_TEMPLATE = "claims/_filter_fields.html"
BLANK_FILTER_FIELDS_KEY = "claims-list:blank-filter-fields"
STANCE_ORDER = (Stance.CONTRADICTS, Stance.SUPPORTS, Stance.CONTEXT)
EXTERNAL_REVIEWS_NEWEST_FIRST = ExternalReview.objects.select_related("publisher").order_by(
    F("published_on").desc(nulls_last=True), "id"
)


def rating_counts() -> list[Rating]:
    """Every rating of the scale with the number of published verdicts that carry it."""
    published = published_counts()
    ratings = list(Rating.objects.all())
    for rating in ratings:
        rating.published_count = published[rating.pk]
    return ratings


class PublicClaimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    rating = django_filters.ModelChoiceFilter(
        field_name="verdict__rating",
        to_field_name="slug",
        queryset=Rating.objects.all(),
        empty_label="Any rating",
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", to_field_name="slug", queryset=Topic.objects.all(), empty_label="Any"
    )
    claimant = django_filters.CharFilter(method="said_by", label="Said by")
    source = django_filters.CharFilter(method="relayed_by", label="Relayed or published by")
    link_finding = django_filters.ChoiceFilter(
        choices=[
            (LinkFinding.MISATTRIBUTED, "Misattributed"),
            (LinkFinding.ALTERED, "Altered anywhere in the chain"),
        ],
        method="with_link_finding",
        label="Chain",
        empty_label="Any chain",
    )
    checked_after = django_filters.DateFilter(
        field_name="verdict__published_at",
        lookup_expr="date__gte",
        label="Checked from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    checked_before = django_filters.DateFilter(
        field_name="verdict__published_at",
        lookup_expr="date__lte",
        label="Checked until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Claim
        fields = []

    def filter_queryset(self, queryset):
        # The search ranks only the newest matches (claims.search.CANDIDATE_LIMIT), so it runs
        # last, among the claims the other filters leave: run first, "inflation" rated False
        # found only those of the 200 newest "inflation" claims that were rated False.
        data = self.form.cleaned_data
        for name in sorted(data, key=lambda name: name == "q"):
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset

    def search(self, queryset, name, value):
        return queryset.search(value)

    def with_link_finding(self, queryset, name, value):
        return with_link_finding(queryset, value)

    def said_by(self, queryset, name, value):
        return queryset.filter(source_named("claimant", value))

    def relayed_by(self, queryset, name, value):
        """Claims whose chain passes through the source, or that it published."""
        in_chain = Attribution.objects.filter(source_named("source", value), claim=OuterRef("pk"))
        return queryset.filter(Exists(in_chain) | source_named("article__publisher", value))


def source_named(field: str, value: str) -> Q:
    """The source in ``field`` by its slug (links from source pages) or part of its name."""
    return Q(**{f"{field}__slug": value}) | Q(**{f"{field}__name__icontains": value})


@method_decorator(public_page(ignores_query=True), name="dispatch")
class HomeView(TemplateView):
    template_name = "pages/home.html"
    latest = 10

    def get_context_data(self, **kwargs):
        ratings = rating_counts()
        return super().get_context_data(
            latest_cards=claim_cards(Claim.objects.public_list()[: self.latest]),
            ratings=ratings,
            total_checked=sum(r.published_count for r in ratings),
            **kwargs,
        )


@method_decorator(public_page(query=("page", *PublicClaimFilter.base_filters)), name="dispatch")
class ClaimListView(ListView):
    template_name = "claims/claim_list.html"
    context_object_name = "claims"
    paginate_by = 20

    def get_queryset(self):
        claims = Claim.objects.public_list()
        if not self.is_filtered():
            self.filterset = None  # the whole list: a filter costs more to build than its page
            return claims
        self.filterset = PublicClaimFilter(self.request.GET, queryset=claims)
        return self.filterset.qs

    def is_filtered(self) -> bool:
        return any(value for name, value in self.request.GET.items() if name != "page")

    def get_paginator(self, queryset, per_page, **kwargs):
        """Filtered lists count their matches (up to a cap); the whole list's total is cached."""
        if self.is_filtered():
            return CappedCountPaginator(queryset, per_page, **kwargs)
        return KnownCountPaginator(queryset, per_page, count=published_count(), **kwargs)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        context = super().get_context_data(**kwargs)
        return {
            **context,
            "cards": self.cards(context["object_list"]),
            "filter": self.filterset,
            "filter_fields": self.filter_fields(),
            "query_without_page": query.urlencode(),
            "is_filtered": self.is_filtered(),
            "search_limit": full_text_search.CANDIDATE_LIMIT,
        }

    def cards(self, claims) -> list[str]:
        """The page's claim cards: kept ones, except a search's, whose snippets show its words."""
        if self.filterset and self.filterset.form.cleaned_data.get("q"):
            return [card(claim) for claim in claims]
        return claim_cards(claims)

    def filter_fields(self) -> str:
        """The filter form's fields. Unfiltered, the form is the same on every page of the
        list until the ratings or topics change (their admin purges every page), and its
        choices of every rating and topic cost more to render than the page's claims once a
        newsroom has a few hundred topics: it is rendered once and kept."""

        def render(filterset):
            return render_to_string(FILTER_FIELDS_TEMPLATE, {"form": filterset.form})

        if self.filterset:
            return render(self.filterset)

        def render_blank():  # the blank filter is built only when no kept form is found
            return render(PublicClaimFilter())

        return page_tags.cached(page_tags.SITE, BLANK_FILTER_FIELDS_KEY, render_blank)


@method_decorator(public_page(ignores_query=True), name="dispatch")
class ClaimDetailView(DetailView):
    """A published claim; a retracted one shows its retraction; staff may preview the rest."""

    template_name = "claims/claim_detail.html"
    context_object_name = "claim"

    def staff_preview_allowed(self) -> bool:
        return is_staff_visitor(self.request)

    def get_queryset(self):
        if self.staff_preview_allowed():
            visible = Claim.objects.all()
        else:
            visible = Claim.objects.published() | Claim.objects.filter(status=ClaimStatus.RETRACTED)
        return (
            visible.select_related(
                "anchor_check",
                "claimant",
                "article__publisher",
                "verdict__rating",
                "verdict__author",
                "verdict__approved_by",
            )
            .defer(*NOT_ON_PUBLIC_PAGES)
            # Most claims have neither: the page then skips the queries that would list them.
            .annotate(
                reviewed_elsewhere=Exists(ExternalReview.objects.filter(claim=OuterRef("pk"))),
                repeated=Exists(Claim.objects.filter(duplicate_of=OuterRef("pk"))),
            )
            .prefetch_related(
                CHAIN_FOR_CLAIMREVIEW,
                Prefetch("evidence", queryset=Evidence.objects.select_related("source")),
                "topics",
            )
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        # Related claims are the claimant's too: a claim of theirs published later belongs.
        shown = [self.object, *context["related_claims"], self.object.claimant]
        tag_response(response, *(tag_for(item) for item in shown if item is not None))
        if not (self.object.is_public or self.object.status == ClaimStatus.RETRACTED):
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        claim = self.object
        is_published = claim.is_public
        # A retraction replaces the verdict and its evidence, for staff and readers alike.
        is_retracted = claim.status == ClaimStatus.RETRACTED
        corrections = list(claim.corrections.all()) if may_have_corrections(claim) else []
        in_family = claim.repeated or claim.duplicate_of_id is not None
        context = {
            "preview": not (is_published or is_retracted),
            "verdict": None if is_retracted else getattr(claim, "verdict", None),
            "retraction": next(
                (c for c in corrections if c.kind == CorrectionKind.RETRACTION), None
            ),
            "corrections": [c for c in corrections if c.kind != CorrectionKind.RETRACTION],
            "evidence_by_stance": [] if is_retracted else evidence_by_stance(claim.evidence.all()),
            "chain": chain_with_findings(claim),
            "travel": travel_summary(claim) if is_published and in_family else None,
            "related_claims": related_claims(claim, limit=RELATED_CLAIMS),
            "claimreview": build_claimreview(claim, self.request) if is_published else None,
            "article_edited": article_edited(claim) if is_published else None,
        }
        # Other organisations' checks of our published work only, never as our verdict.
        reviewed = is_published and claim.reviewed_elsewhere
        reviews = EXTERNAL_REVIEWS_NEWEST_FIRST.filter(claim=claim) if reviewed else []
        verdict = context["verdict"]
        context["disagreements"], context["external_reviews"] = split_reviews(
            verdict.rating if verdict else None, reviews
        )
        return super().get_context_data(**context, **kwargs)


def may_have_corrections(claim: Claim) -> bool:
    """A published claim has corrections only once its verdict was corrected: a correction or
    clarification stamps ``corrected_at``, a retraction changes the status
    (claims.workflow.published). Most pages skip the query."""
    verdict = getattr(claim, "verdict", None)
    return claim.status != ClaimStatus.PUBLISHED or (
        verdict is not None and verdict.corrected_at is not None
    )


def article_edited(claim: Claim):
    """The last anchor check, when it found the passage reworded or gone (readers are told)."""
    check = getattr(claim, "anchor_check", None)
    return check if check is not None and check.edited else None


def evidence_by_stance(evidence) -> list[tuple[str, list[Evidence]]]:
    groups = {stance: [] for stance in STANCE_ORDER}
    for item in evidence:
        groups[Stance(item.stance)].append(item)
    return [(stance.label, items) for stance, items in groups.items() if items]


@method_decorator(public_page(query=("page",)), name="dispatch")
class CorrectionListView(ListView):
    template_name = "claims/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 30

    def get_queryset(self):
        once_public = Q(claim__in=Claim.objects.published()) | Q(
            claim__status=ClaimStatus.RETRACTED
        )
        return (
            Correction.objects.filter(once_public)
            .select_related("claim")
            .order_by("-created_at", "-id")
        )


@method_decorator(public_page(ignores_query=True), name="dispatch")
class MethodologyView(TemplateView):
    template_name = "pages/methodology.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(ratings=Rating.objects.all(), **kwargs)


@method_decorator(public_page(ignores_query=True), name="dispatch")
class RatingStylesheetView(TemplateView):
    """Badge and highlight colours from the editable Rating table, as classes (no inline style)."""

    template_name = "claims/ratings.css"
    content_type = "text/css; charset=utf-8"

    def get_context_data(self, **kwargs):
        return super().get_context_data(ratings=Rating.objects.all(), **kwargs)


@method_decorator(public_page(ignores_query=True), name="dispatch")
class RobotsView(TemplateView):
    template_name = "pages/robots.txt"
    content_type = "text/plain; charset=utf-8"


class FaviconView(RedirectView):
    """For pages without a <link rel="icon"> (the API's), which browsers ask for /favicon.ico."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


@public_page(ignores_query=True)
def claimreview_feed(request):
    """Every published ClaimReview as one schema.org DataFeed."""
    feed = build_datafeed(Claim.objects.public_list(), request)
    return JsonResponse(feed, json_dumps_params={"ensure_ascii": False})
