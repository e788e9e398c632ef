from django.contrib.sitemaps.views import sitemap
from django.urls import path

from claims import views
from claims.feeds import ClaimAtomFeed, ClaimFeed
from claims.sitemaps import SITEMAPS
from config.page_cache import public_page

app_name = "claims"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("claims/", views.ClaimListView.as_view(), name="list"),
    path("claims/<int:pk>-<slug:slug>/", views.ClaimDetailView.as_view(), name="detail"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="detail_without_slug"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("feeds/claims.rss", public_page(ClaimFeed()), name="feed_rss"),
    path("feeds/claims.atom", public_page(ClaimAtomFeed()), name="feed_atom"),
    path("claimreview.json", views.claimreview_feed, name="claimreview_feed"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
    path("ratings.css", views.RatingStylesheetView.as_view(), name="ratings_css"),
]
