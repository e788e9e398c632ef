"""What reviewers find and conclude: evidence, the rating scale, verdicts and corrections."""

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models.claim import (
    EXCERPT_MAX,
    NOTE_MAX,
    VERDICT_BODY_MAX,
    Claim,
    ClaimStatus,
    bounded_text,
)
from core.markdown import render_markdown

RATING_SCALE_MIN, RATING_SCALE_MAX = 1, 5


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    CONTEXT = "context", "Context"


class Evidence(models.Model):
    """Something a reviewer found that bears on a claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=500, blank=True)
    source = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    excerpt = bounded_text(
        EXCERPT_MAX, blank=True, help_text="The passage that matters, quoted exactly."
    )
    stance = models.CharField(max_length=16, choices=Stance.choices)  # no default: chosen, not left
    archived_url = models.URLField(
        max_length=1000, blank=True, help_text="A permanent copy (web.archive.org, archive.today)."
    )
    accessed_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_id", "stance", "id"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.title or self.url


class Rating(models.Model):
    """A step of the verdict scale; editable data."""

    label = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=f"{RATING_SCALE_MIN} (worst) to {RATING_SCALE_MAX} (best); empty for ratings "
        "outside the scale, such as Misleading or Unverifiable.",
    )
    colour = models.CharField(
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour like #1a7f37.")],
        help_text="Badge colour; text on it is chosen for contrast.",
    )
    definition = models.CharField(max_length=300, help_text="One line shown to readers.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the scale.")

    class Meta:
        ordering = ["position", "label"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=True)
                | models.Q(value__gte=RATING_SCALE_MIN, value__lte=RATING_SCALE_MAX),
                name="rating_value_within_scale",
            ),
        ]

    def __str__(self):
        return self.label


class VerdictAbout(models.TextChoices):
    CONTENT = "content", "Whether it is true"
    ATTRIBUTION = "attribution", "Whether it was said as reported"
    BOTH = "both", "Whether it was said as reported, and whether it is true"


class VerdictQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__lte=timezone.now(), claim__status=ClaimStatus.PUBLISHED)


class Verdict(models.Model):
    """The current conclusion on a claim; earlier versions are kept in its history."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="verdict")
    rating = models.ForeignKey(
        Rating, null=True, blank=True, on_delete=models.PROTECT, related_name="verdicts"
    )
    summary = models.CharField(
        max_length=300, blank=True, help_text="The one-line answer readers see first."
    )
    about = models.CharField(
        max_length=16,
        choices=VerdictAbout.choices,
        default=VerdictAbout.CONTENT,
        help_text="What the rating answers: is it true, did they say it, or both.",
    )
    body = bounded_text(
        VERDICT_BODY_MAX, blank=True, help_text="Markdown. Links, lists, quotes and tables."
    )
    body_html = models.TextField(blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts_written"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts_approved",
        editable=False,
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    corrected_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a second editor last approved a correction or clarification of it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = IntegerVersionField()

    history = HistoricalRecords(excluded_fields=["body_html"])
    objects = VerdictQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("author")), name="verdict_four_eyes"
            ),
        ]
        indexes = [
            # Claim.objects.published() joins published verdicts: an index-only merge join.
            models.Index(
                fields=["claim"],
                condition=models.Q(published_at__isnull=False),
                name="verdict_published_claim_idx",
            ),
            # public_list(): newest fact checks first, read in index order.
            models.Index(
                fields=["-published_at", "-claim"],
                condition=models.Q(published_at__isnull=False),
                name="verdict_published_order_idx",
            ),
        ]

    def __str__(self):
        return f"{self.rating or 'Unrated'}: {self.summary or self.claim}"

    def save(self, *args, **kwargs):
        # Derived, not a side effect: the sanitised HTML is stored so pages never render Markdown.
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    RETRACTION = "retraction", "Retraction"


class Correction(models.Model):
    """A public note on a change to a published verdict, or its retraction: what readers see
    once a second editor approved the change (a ``CorrectionDraft`` until then)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        max_length=16, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION
    )
    note = bounded_text(NOTE_MAX, help_text="Public: what changed and why.")
    changes = models.JSONField(
        default=dict,
        blank=True,
        help_text="Field → [before, after] for the verdict fields changed; evidence → a list of "
        "[before, after] excerpts.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The second editor who approved it; never the person who drafted it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("created_by")),
                name="correction_four_eyes",
                violation_error_message="A second editor approves a correction, not its author.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.claim} ({self.created_at:%Y-%m-%d})"


class CorrectionDraft(models.Model):
    """A change to a published verdict waiting for a second editor: readers keep seeing the
    published verdict until it is approved (claims.workflow.approve_correction)."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="correction_draft")
    kind = models.CharField(max_length=16, choices=CorrectionKind.choices)
    note = models.TextField(help_text="Public once approved: what changes and why.")
    proposed = models.JSONField(
        default=dict,
        blank=True,
        help_text="The verdict fields to change (rating id, summary, body) and the evidence "
        "edits ({id, excerpt, title, url, stance, delete}; no id: new evidence).",
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"Draft {self.get_kind_display().lower()} of {self.claim}"
