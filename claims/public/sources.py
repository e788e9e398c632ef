"""A source's public page: who they are, what they said and relayed, and their track record."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from claims.models import Attribution, AttributionRole, Claim, Rating
from claims.public.cards import claim_cards
from claims.public.staff_visitors import is_staff_visitor
from claims.subjects import claims_about
from core.page_cache import public_page
from core.page_tags import tag_for, tag_response
from sources.charts import describe, track_record_svg
from sources.models import Source

CLAIMS_SHOWN = 20


@method_decorator(public_page(ignores_query=True), name="dispatch")
class SourceDetailView(DetailView):
    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        # Editors' "View on site" previews a source extraction found and nobody confirmed yet.
        sources = Source.objects.select_related("parent")
        return sources if is_staff_visitor(self.request) else sources.confirmed()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        tag_response(response, tag_for(self.object))
        return response

    def get_context_data(self, **kwargs):
        source = self.object
        made = Claim.objects.public_list().filter(claimant=source)
        relayed = relayed_by(source)
        ratings = list(track_record(made))
        about = claims_about(source)
        about_ratings = list(track_record(about))
        about_count = sum(r.claim_count for r in about_ratings)
        return super().get_context_data(
            claims_about=claim_cards(about[:CLAIMS_SHOWN]),
            claims_about_count=about_count,
            about_ratings=about_ratings,
            about_chart=track_record_svg(
                about_ratings, title=f"Claims about {source.name}", element_id="about-chart"
            ),
            about_text=describe(about_ratings, about_count),
            claims_made=claim_cards(made[:CLAIMS_SHOWN]),
            claims_made_count=sum(r.claim_count for r in ratings),
            claims_relayed=claim_cards(relayed[:CLAIMS_SHOWN]),
            claims_relayed_count=relayed.count(),
            ratings=ratings,
            chart=track_record_svg(ratings, title=f"Track record of {source.name}"),
            track_record_text=describe(ratings, sum(r.claim_count for r in ratings)),
            speaks_for_it=Source.objects.confirmed().filter(parent=source),
            shown=CLAIMS_SHOWN,
            preview=not source.confirmed,
            **kwargs,
        )


def track_record(claims):
    """Every rating of the scale with how many of ``claims`` (published) carry it."""
    return Rating.objects.annotate(
        claim_count=Count("verdicts", filter=Q(verdicts__claim__in=claims.values("pk")))
    ).order_by("position", "label")  # Meta.ordering does not apply to aggregate queries


def relayed_by(source: Source):
    """Published claims this source passed on (quoted, reported, relayed or published)."""
    relays = Attribution.objects.filter(claim=OuterRef("pk"), source=source).exclude(
        role=AttributionRole.SAID
    )
    return (
        Claim.objects.public_list()
        .filter(Exists(relays) | Q(article__publisher=source))
        .exclude(claimant=source)
    )
