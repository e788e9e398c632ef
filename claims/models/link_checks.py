"""A finding on one link of a claim's attribution chain: did this relay carry the words as said?

Findings have their own draft → approval → publication path (``claims.link_checks``), apart
from the claim's verdict: a link can be checked after the verdict is out.
"""

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from claims.models.claim import Claim


class LinkFinding(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    ALTERED = "altered", "Altered"
    MISATTRIBUTED = "misattributed", "Misattributed"
    UNCONFIRMED = "unconfirmed", "Unconfirmed"

    @property
    def explanation(self) -> str:
        return {
            "confirmed": "the evidence shows this link carried the words as said",
            "altered": "this link changed the words or the number",
            "misattributed": "the named speaker did not say this",
            "unconfirmed": "we could not find evidence either way",
        }[self.value]


class LinkCheckStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting approval"
    PUBLISHED = "published", "Published"


class LinkCheckQuerySet(models.QuerySet):
    def published(self):
        """Findings readers may see: published, on a claim readers may see."""
        return self.filter(
            status=LinkCheckStatus.PUBLISHED,
            attribution__claim__in=Claim.objects.published().values("pk"),
        )


class LinkCheck(models.Model):
    """What we found about one attribution link (said, quoted by, reported by, published by)."""

    # PROTECT: a link that carries a finding is never deleted with it, whichever way (the admin's
    # chain inline says so on the form; a chain rewrite through the API keeps it, claims.chains).
    attribution = models.OneToOneField(
        "claims.Attribution", on_delete=models.PROTECT, related_name="link_check"
    )
    finding = models.CharField(max_length=16, choices=LinkFinding.choices)
    evidence_url = models.URLField(
        max_length=1000,
        blank=True,
        help_text="The original statement, transcript, video or press release. "
        "Required to confirm a link.",
    )
    evidence_title = models.CharField(max_length=500, blank=True)
    evidence_excerpt = models.TextField(
        blank=True, help_text="The passage of the evidence that shows it, quoted exactly."
    )
    original_wording = models.TextField(
        blank=True, help_text="Altered links: the words as originally said."
    )
    relayed_wording = models.TextField(
        blank=True, help_text="Altered links: the words as this link relayed them."
    )
    note = models.TextField(blank=True, help_text="Public: what we found, in a sentence or two.")
    status = models.CharField(
        max_length=16,
        choices=LinkCheckStatus.choices,
        default=LinkCheckStatus.DRAFT,
        editable=False,
        help_text="Changed only through the link-check actions.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = IntegerVersionField()

    history = HistoricalRecords()
    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["attribution_id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("author")), name="link_check_four_eyes"
            ),
        ]
        indexes = [
            # The claim list's "misattributed" and "altered anywhere in the chain" filters.
            models.Index(fields=["finding", "status"], name="link_check_finding_idx"),
        ]

    def __str__(self):
        return f"{self.get_finding_display()}: {self.attribution}"

    def is_public_on(self, claim: Claim) -> bool:
        """``LinkCheck.objects.published()`` asked of one loaded finding on ``claim``'s chain."""
        return self.status == LinkCheckStatus.PUBLISHED and claim.is_public

    def clean(self):
        super().clean()
        if self.finding == LinkFinding.CONFIRMED and not self.evidence_url:
            raise ValidationError(
                {"evidence_url": "Give the evidence that confirms the link (its address)."}
            )
        if self.finding == LinkFinding.ALTERED:
            errors = {}
            if not self.original_wording.strip():
                errors["original_wording"] = "Give the words as originally said."
            if not self.relayed_wording.strip():
                errors["relayed_wording"] = "Give the words as this link relayed them."
            elif self.relayed_wording.strip() == self.original_wording.strip():
                errors["relayed_wording"] = "The relayed words are the same as the original."
            if errors:
                raise ValidationError(errors)
