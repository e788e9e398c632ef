"""The public page of a claim's family: every published appearance on a timeline, and a chart."""

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from claims import families
from claims.models import Claim
from claims.travel_chart import travel_chart
from config.page_cache import public_page


@method_decorator(public_page(ignores_query=True), name="dispatch")
class ClaimFamilyView(DetailView):
    """How a published claim travelled: readers only ever see published appearances."""

    template_name = "claims/claim_family.html"
    context_object_name = "claim"

    def get_queryset(self):
        return Claim.objects.published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return HttpResponsePermanentRedirect(family_url(self.object))
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        appearances = families.appearances(self.object)
        return super().get_context_data(
            appearances=appearances,
            first=appearances[0] if appearances else None,
            outlets=len({families.outlet_name(claim) for claim in appearances}),
            chart=travel_chart(appearances, title="Appearances of this claim over time, by outlet"),
            **kwargs,
        )


def family_url(claim: Claim) -> str:
    return reverse("claims:family", kwargs={"pk": claim.pk, "slug": claim.slug})
