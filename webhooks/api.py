"""``/api/v1/webhooks/``: a consumer registers endpoints with their token, reads the delivery
log, replays a delivery and resumes a paused endpoint. Everyone sees only their own."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.rest import CleanModelSerializer, IdFilter
from webhooks import delivery
from webhooks.models import Delivery, DeliveryStatus, Endpoint, Event


class EndpointSerializer(CleanModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=Event.choices),
        allow_empty=False,
        help_text="The events to send.",
    )
    secret = serializers.CharField(
        read_only=True, help_text="Verify each message's `webhook-signature` with it."
    )

    class Meta:
        model = Endpoint
        fields = [
            "id",
            "url",
            "description",
            "events",
            "secret",
            "paused_at",
            "paused_because",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["paused_at", "paused_because", "created_at", "updated_at"]
        # The address guard runs once, in the model's own validation (CleanModelSerializer).
        extra_kwargs = {"url": {"validators": []}}


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = [
            "id",
            "endpoint",
            "event",
            "message_id",
            "status",
            "attempts",
            "next_attempt_at",
            "last_attempt_at",
            "last_status_code",
            "last_error",
            "delivered_at",
            "created_at",
            "payload",
        ]
        read_only_fields = fields


class DeliveryFilter(django_filters.FilterSet):
    endpoint = IdFilter(field_name="endpoint_id")
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices)
    event = django_filters.ChoiceFilter(choices=Event.choices)

    class Meta:
        model = Delivery
        fields = ["endpoint", "status", "event"]


class EndpointViewSet(viewsets.ModelViewSet):
    """Your webhook endpoints: where we POST the events you chose, signed with the secret."""

    serializer_class = EndpointSerializer
    permission_classes = [IsAuthenticated]
    ordering = ["-created_at"]
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, drawn without a request
            return Endpoint.objects.none()
        return Endpoint.objects.filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)

    @extend_schema(request=None, responses=EndpointSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None, **kwargs):
        """Send to a paused endpoint again; the deliveries held meanwhile go first."""
        endpoint = self.get_object()
        delivery.resume(endpoint)
        return Response(self.get_serializer(endpoint).data)

    @extend_schema(request=None, responses=EndpointSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None, **kwargs):
        """Replace the signing secret; the answer carries the new one."""
        endpoint = self.get_object()
        endpoint.rotate_secret()
        return Response(self.get_serializer(endpoint).data)


class DeliveryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The delivery log of your endpoints, newest first."""

    serializer_class = DeliverySerializer
    permission_classes = [IsAuthenticated]
    filterset_class = DeliveryFilter
    ordering = ["-created_at"]
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delivery.objects.none()
        return Delivery.objects.filter(endpoint__owner=self.request.user)

    @extend_schema(request=None, responses=DeliverySerializer)
    @action(detail=True, methods=["post"])
    def replay(self, request, pk=None, **kwargs):
        """Send the message again now (same `webhook-id`); held if the endpoint is paused."""
        chosen = self.get_object()
        delivery.replay([chosen])
        chosen.refresh_from_db()
        return Response(self.get_serializer(chosen).data)
