"""Where API consumers want to hear about our fact checks (endpoints), and each message we owe
them (deliveries): stored before it is sent, so nothing is lost while the task queue is down."""

import base64
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from articles.fetch import FetchError, check_url
from webhooks.addresses import allowed_address

SECRET_BYTES = 32


class Event(models.TextChoices):
    CLAIM_PUBLISHED = "claim.published", "A fact check is published"
    VERDICT_CORRECTED = "verdict.corrected", "A published verdict is corrected or clarified"
    CLAIM_RETRACTED = "claim.retracted", "A fact check is retracted"
    LINK_CHECK_PUBLISHED = "link_check.published", "A finding on a claim's chain is published"


def new_secret() -> str:
    """A Standard Webhooks signing secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def validate_events(value) -> None:
    known = set(Event.values)
    if not isinstance(value, list) or not value or not all(isinstance(e, str) for e in value):
        raise ValidationError(f"Choose at least one event: {', '.join(Event.values)}.")
    unknown = sorted(set(value) - known)
    if unknown:
        raise ValidationError(
            f"Unknown event {', '.join(unknown)}; choose from {', '.join(Event.values)}."
        )


def validate_public_url(url: str) -> None:
    """The address guard of URL ingestion (articles.fetch): checked here on registration and
    again before each delivery, since where a name points can change."""
    try:
        check_url(url, allowed_address)
    except FetchError as refused:
        raise ValidationError(str(refused)) from None


class Endpoint(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        help_text="The API consumer who receives these messages and sees their log.",
    )
    url = models.URLField(
        max_length=1000,
        validators=[validate_public_url],
        help_text="Where messages are POSTed: a public http(s) address.",
    )
    description = models.CharField(max_length=300, blank=True)
    events = models.JSONField(
        validators=[validate_events],
        help_text=f"The events to send, any of: {', '.join(Event.values)}.",
    )
    secret = models.CharField(
        max_length=64,
        default=new_secret,
        editable=False,
        help_text="Signs every message (Standard Webhooks, HMAC-SHA256).",
    )
    paused_at = models.DateTimeField(null=True, blank=True, editable=False)
    paused_because = models.CharField(max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.description or self.url

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def rotate_secret(self) -> None:
        """A new signing secret (the old one leaked, say): every attempt from now on, retries of
        earlier messages included, is signed with it."""
        self.secret = new_secret()
        self.save(update_fields=["secret", "updated_at"])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DELIVERED = "delivered", "Delivered"
    HELD = "held", "Held while the endpoint is paused"
    FAILED = "failed", "Given up"


class Delivery(models.Model):
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, choices=Event.choices)
    message_id = models.CharField(
        max_length=40, unique=True, default=new_message_id, editable=False
    )
    payload = models.JSONField(editable=False)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0, help_text="Every attempt, replays included.")
    failures = models.PositiveIntegerField(
        default=0, help_text="Failed attempts since the last success or replay: the backoff step."
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes = [
            # Serves the sweep for due attempts (manage.py deliver_webhooks).
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx"),
        ]

    def __str__(self):
        return f"{self.event} to {self.endpoint} ({self.get_status_display().lower()})"
