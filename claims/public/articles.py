"""The annotated article: its body with every published claim highlighted and linked.

Readers see an article only once at least one of its claims is published, and then only the
published ones are marked; staff may open any article (not cached, not indexed).
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.decorators import method_decorator
from django.views.generic import DetailView

from articles.annotate import annotate
from articles.models import Article
from claims.models import Claim
from claims.public.staff_visitors import is_staff_visitor
from core.page_cache import public_page
from core.page_tags import tag_for, tag_response


@method_decorator(public_page(ignores_query=True), name="dispatch")
class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        published = Claim.objects.public_list().order_by("start")
        articles = Article.objects.select_related("publisher").prefetch_related(
            "contributors", Prefetch("claims", queryset=published, to_attr="published_claims")
        )
        if is_staff_visitor(self.request):
            return articles
        return articles.filter(Exists(Claim.objects.published().filter(article=OuterRef("pk"))))

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        shown = [self.object, *self.object.published_claims]
        tag_response(response, *(tag_for(instance) for instance in shown))
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        claims = article.published_claims
        return super().get_context_data(
            paragraphs=annotate(article.body, claims, article.boilerplate),
            published_claims=claims,
            preview=not claims,
            **kwargs,
        )
