from django.contrib import admin
from django.urls import include, path

from claims.public.urls import article_urls, source_urls
from core.health import healthz

admin.autodiscover()  # here, not at start-up (core.apps.AdminConfig)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("webhooks.urls")),
    path("", include("claims.api.urls")),
    path("sources/", include(source_urls)),
    path("articles/", include(article_urls)),
    path("about/", include("about.urls")),
    path("tips/", include("tips.urls")),
    path("", include("claims.public.urls")),
]
