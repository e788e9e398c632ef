from django.contrib.sitemaps.views import sitemap
from django.urls import path

from claims.public import views
from claims.public.articles import ArticleDetailView
from claims.public.feeds import ClaimAtomFeed, ClaimFeed
from claims.public.sitemaps import SITEMAPS
from claims.public.sources import SourceDetailView
from core.page_cache import public_page

app_name = "claims"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("claims/", views.ClaimListView.as_view(), name="list"),
    path("claims/<int:pk>-<slug:slug>/", views.ClaimDetailView.as_view(), name="detail"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="detail_without_slug"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("feeds/claims.rss", public_page(ClaimFeed(), ignores_query=True), name="feed_rss"),
    path("feeds/claims.atom", public_page(ClaimAtomFeed(), ignores_query=True), name="feed_atom"),
    path("claimreview.json", views.claimreview_feed, name="claimreview_feed"),
    path("sitemap.xml", public_page(sitemap, query=("p",)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("ratings.css", views.RatingStylesheetView.as_view(), name="ratings_css"),
]

# The article and source pages, named in their apps' namespaces ("articles:detail",
# "sources:detail"); config/urls.py mounts them under /articles/ and /sources/.
article_urls = ([path("<int:pk>/", ArticleDetailView.as_view(), name="detail")], "articles")
source_urls = ([path("<slug:slug>/", SourceDetailView.as_view(), name="detail")], "sources")
