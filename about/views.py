from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from about.models import Page
from core.page_cache import public_page


@method_decorator(public_page, name="dispatch")
class PageView(DetailView):
    model = Page
    template_name = "about/page.html"
    context_object_name = "about_page"

    def get_object(self, queryset=None):
        return get_object_or_404(Page, slug=self.kwargs["slug"])
