"""``/api/v1/`` (the REST API), ``/api/schema/`` (OpenAPI 3) and ``/api/docs/`` (Swagger UI,
served from our own static files). Included from ``config/urls.py``."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from claims.api.articles import ArticleViewSet
from claims.api.claimreview import ClaimReviewImportView
from claims.api.sources import SourceViewSet
from claims.api.viewsets import ClaimViewSet, EvidenceViewSet, RatingViewSet, VerdictViewSet
from core.api_errors import api_not_found

router = DefaultRouter()
router.register("sources", SourceViewSet, basename="source")
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("evidence", EvidenceViewSet, basename="evidence")
router.register("ratings", RatingViewSet, basename="rating")

v1 = [
    *router.urls,
    path("claimreview/import/", ClaimReviewImportView.as_view(), name="claimreview-import"),
]

urlpatterns = [
    re_path(r"^api/(?P<version>v1)/", include((v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^api/", api_not_found),
]
