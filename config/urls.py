from django.contrib import admin
from django.urls import include, path

from core.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("claims.api.urls")),
    path("sources/", include("sources.urls")),
    path("articles/", include("articles.urls")),
    path("", include("claims.urls")),
]
