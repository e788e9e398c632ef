"""``/api/v1/webhooks/``, included from ``config/urls.py`` before the API's catch-all."""

from django.urls import include, re_path
from rest_framework.routers import SimpleRouter

from webhooks.api import DeliveryViewSet, EndpointViewSet

router = SimpleRouter()
router.register("endpoints", EndpointViewSet, basename="webhook-endpoint")
router.register("deliveries", DeliveryViewSet, basename="webhook-delivery")

urlpatterns = [
    re_path(r"^api/(?P<version>v1)/webhooks/", include((router.urls, "webhooks"))),
]
