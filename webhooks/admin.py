"""Editors register endpoints on a consumer's behalf, see why one was paused and resume it, and
read and replay its deliveries."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from core import roles
from core.admin import ReadOnlyAdmin
from webhooks import delivery
from webhooks.models import Delivery, Endpoint, Event


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=Event.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Endpoint
        fields = ["owner", "url", "description", "events"]


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["__str__", "owner", "url", "state", "deliveries_link", "created_at"]
    list_filter = [("paused_at", admin.EmptyFieldListFilter)]
    list_select_related = ["owner"]
    search_fields = ["url", "description", "owner__username"]
    autocomplete_fields = ["owner"]
    readonly_fields = ["secret", "paused_at", "paused_because"]
    actions = ["resume_endpoints", "rotate_secrets"]

    @admin.display(description="state")
    def state(self, endpoint):
        return f"Paused: {endpoint.paused_because}" if endpoint.is_paused else "Active"

    @admin.display(description="deliveries")
    def deliveries_link(self, endpoint):
        url = reverse("admin:webhooks_delivery_changelist") + f"?endpoint__id__exact={endpoint.pk}"
        return format_html('<a href="{}">Delivery log</a>', url)

    def has_workflow_permission(self, request):
        return roles.is_editor(request.user)

    @admin.action(description="Resume selected paused endpoints", permissions=["workflow"])
    def resume_endpoints(self, request, queryset):
        paused = list(queryset.filter(paused_at__isnull=False))
        held = sum(delivery.resume(endpoint) for endpoint in paused)
        self.message_user(
            request, f"Resumed {len(paused)} endpoint(s); {held} held deliveries are being sent."
        )

    @admin.action(description="Give selected endpoints a new secret", permissions=["workflow"])
    def rotate_secrets(self, request, queryset):
        for endpoint in queryset:
            endpoint.rotate_secret()
        self.message_user(
            request, "New secrets made: pass each on to its owner (shown on the endpoint's page)."
        )


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "event",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["message_id", "endpoint__url"]
    readonly_fields = [
        "endpoint",
        "event",
        "message_id",
        "status",
        "attempts",
        "failures",
        "next_attempt_at",
        "last_attempt_at",
        "last_status_code",
        "last_error",
        "delivered_at",
        "created_at",
        "payload",
    ]
    actions = ["replay_deliveries"]

    def has_workflow_permission(self, request):
        return roles.is_editor(request.user)

    @admin.action(description="Replay selected deliveries", permissions=["workflow"])
    def replay_deliveries(self, request, queryset):
        count = delivery.replay(queryset)
        held = queryset.filter(endpoint__paused_at__isnull=False).count()
        self.message_user(request, f"Sending {count} deliveries again.")
        if held:
            self.message_user(
                request,
                f"{held} of them go to a paused endpoint: held until it is resumed.",
                messages.WARNING,
            )
