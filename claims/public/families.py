"""The public page of a claim's family: every published appearance on a timeline, and a chart."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from claims import families
from claims.models import Claim
from claims.public.travel_chart import travel_chart
from core.page_cache import public_page

APPEARANCES_PER_PAGE = 25


@method_decorator(public_page, name="dispatch")
class ClaimFamilyView(DetailView):
    """How a published claim travelled: readers only ever see published appearances. The
    chart and its table count them all; the timeline lists them a page at a time."""

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
        points = families.points(families.family_ids(self.object))
        try:
            page = Paginator(points, APPEARANCES_PER_PAGE).page(self.request.GET.get("page") or 1)
        except InvalidPage as invalid:
            raise Http404(str(invalid)) from invalid
        shown = [point.pk for point in page.object_list]
        first, *claims = families.appearances([points[0].pk, *shown])
        page.object_list = claims
        return super().get_context_data(
            page_obj=page,
            total=len(points),
            first=first,
            outlets=len({point.outlet for point in points}),
            chart=travel_chart(points, title="Appearances of this claim over time, by outlet"),
            **kwargs,
        )


def family_url(claim: Claim) -> str:
    return reverse("claims:family", kwargs={"pk": claim.pk, "slug": claim.slug})
