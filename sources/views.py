from django.views.generic import DetailView

from sources.models import Source


class SourceDetailView(DetailView):
    model = Source
    template_name = "sources/source_detail.html"
