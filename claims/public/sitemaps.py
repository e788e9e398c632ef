"""sitemap.xml: published claim pages, the articles and sources they appear on, fixed pages."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from articles.models import Article
from claims.models import Attribution, Claim
from sources.models import Source


class ClaimSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Claim.objects.published().select_related("verdict").order_by("pk")

    def lastmod(self, claim):
        return claim.verdict.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        published = Claim.objects.published()
        return (
            Article.objects.filter(claims__in=published)
            .annotate(last_checked=Max("claims__verdict__updated_at"))
            .order_by("pk")
        )

    def lastmod(self, article):
        return article.last_checked


class SourceSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        published = Claim.objects.published()
        in_chain = Attribution.objects.filter(source=OuterRef("pk"), claim__in=published)
        made = published.filter(claimant=OuterRef("pk"))
        return Source.objects.confirmed().filter(Exists(made) | Exists(in_chain)).order_by("pk")


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["claims:home", "claims:list", "claims:corrections", "claims:methodology"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "claims": ClaimSitemap,
    "articles": ArticleSitemap,
    "sources": SourceSitemap,
}
