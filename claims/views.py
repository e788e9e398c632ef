from django.views.generic import DetailView

from claims.models import Claim


class ClaimDetailView(DetailView):
    template_name = "claims/claim_detail.html"

    def get_queryset(self):
        return Claim.objects.published()
