"""What readers send: claims they want checked and errors they found in our fact checks."""

from django.conf import settings
from django.db import models

from claims.models import Claim


class TipKind(models.TextChoices):
    CLAIM = "claim", "A claim to check"
    ERROR = "error", "An error in a fact check"


class TipStatus(models.TextChoices):
    NEW = "new", "New"
    CLAIMED = "claimed", "Turned into a claim"
    LINKED = "linked", "Linked to a claim"
    DISMISSED = "dismissed", "Dismissed"


class Tip(models.Model):
    kind = models.CharField(max_length=8, choices=TipKind.choices, default=TipKind.CLAIM)
    text = models.TextField(max_length=2000, help_text="What the reader wants checked or fixed.")
    where_seen = models.CharField(max_length=300, blank=True, help_text="Where they saw it.")
    url = models.URLField(max_length=1000, blank=True)
    email = models.EmailField(blank=True, help_text="Told when the claim is published.")
    claim = models.ForeignKey(
        Claim,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tips",
        help_text="The claim this tip became, or the fact check it reports an error in.",
    )
    status = models.CharField(max_length=10, choices=TipStatus.choices, default=TipStatus.NEW)
    dismissed_because = models.CharField(max_length=300, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the reader was told."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Serves the triage list: new tips first, newest first.
            models.Index(fields=["status", "-created_at"], name="tip_triage_idx"),
        ]

    def __str__(self):
        return self.text[:80]
