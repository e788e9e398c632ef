from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.matching.keys import match_key
from claims.search import search_claims
from claims.text import readable_slug, shorten
from core.markdown import render_markdown

TITLE_LENGTH = 80  # a claim named in headings, messages and choices
ANCHOR_CONTEXT = 32  # characters of prefix and suffix kept to re-find a quote after edits
RATING_SCALE_MIN, RATING_SCALE_MAX = 1, 5
# The longest texts people and imports may store; model validation, the admin's forms, the API
# and the ClaimReview import all read these.
STATEMENT_MAX = 2_000
VERDICT_BODY_MAX = 50_000
EXCERPT_MAX = 5_000
NOTE_MAX = 5_000  # correction notes and workflow comments


def bounded_text(limit: int, **options) -> models.TextField:
    """A text field whose length is checked wherever the model is validated (a TextField's
    ``max_length`` alone only sizes the admin's textarea)."""
    return models.TextField(max_length=limit, validators=[MaxLengthValidator(limit)], **options)


class ClaimKind(models.TextChoices):
    STATISTIC = "statistic", "Statistic"
    EVENT = "event", "Event"
    QUOTE = "quote", "Quote"
    FACT = "fact", "Fact"
    PREDICTION = "prediction", "Prediction"
    OPINION = "opinion", "Opinion"


class ClaimStatus(models.TextChoices):
    DETECTED = "detected", "Detected"
    QUEUED = "queued", "Queued"
    IN_PROGRESS = "in_progress", "In progress"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    DISMISSED = "dismissed", "Dismissed"
    RETRACTED = "retracted", "Retracted"


class Action(models.TextChoices):
    """Every workflow action, by the name the admin, the API, the event log and the purge rules
    use; claims.workflow maps each to the function that takes it."""

    TRIAGE = "triage", "Triage"
    DISMISS = "dismiss", "Dismiss"
    ASSIGN = "assign", "Assign"
    SUBMIT = "submit", "Submit for review"
    REQUEST_CHANGES = "request_changes", "Request changes"
    PUBLISH = "publish", "Approve and publish"
    CORRECT = "correct", "Draft a correction"
    CLARIFY = "clarify", "Draft a clarification"
    RETRACT = "retract", "Propose a retraction"
    APPROVE_CORRECTION = "approve_correction", "Approve and publish the correction"
    WITHDRAW_CORRECTION = "withdraw_correction", "Withdraw the draft correction"


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class MatchKeyField(models.TextField):
    """The claim's statement reduced to its match key, computed whenever the row is written
    (``save`` and ``bulk_create`` alike), so no writer has to remember it."""

    def pre_save(self, model_instance, add):
        key = match_key(model_instance.statement)
        setattr(model_instance, self.attname, key)
        return key

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs  # migrations need no app code


class ClaimQuerySet(models.QuerySet):
    def published(self):
        """Claims readers may see: the one rule for pages, feeds, API and search."""
        # A verdict scheduled for later (published_at in the future) is not public yet.
        return self.filter(status=ClaimStatus.PUBLISHED, verdict__published_at__lte=timezone.now())

    def public_list(self):
        return (
            self.published()
            .select_related("claimant", "article__publisher", "verdict__rating")
            .order_by("-verdict__published_at", "-id")
        )

    def search(self, query: str):
        """Claims matching ``query``, best first, annotated with ``rank`` and ``snippet``.

        Render the snippet with ``claims.search.snippet_html`` or the ``highlight`` filter.
        """
        return search_claims(self, query)


class Claim(models.Model):
    """One checkable statement, anchored in an article's body."""

    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="claims")
    start = models.PositiveIntegerField(help_text="Offset of the quote's first character.")
    end = models.PositiveIntegerField(help_text="Offset just past the quote's last character.")
    quote = models.TextField(help_text="The exact text of the article at start:end.")
    prefix = models.CharField(max_length=ANCHOR_CONTEXT, blank=True)
    suffix = models.CharField(max_length=ANCHOR_CONTEXT, blank=True)
    statement = bounded_text(
        STATEMENT_MAX,
        help_text="A stand-alone sentence a reader understands without the article, e.g. "
        "“Tokayev won the 2019 snap election with nearly 71% of the vote”.",
    )
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, default=ClaimKind.FACT)
    checkworthiness = models.FloatField(
        default=0.0,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="0–1: how much the public would want this verified.",
    )
    checkworthiness_reasons = models.JSONField(default=list, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="claims")
    claimant = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_made",
        help_text="Who asserts it. Empty for unnamed sources: then fill in the phrase.",
    )
    attribution_phrase = models.CharField(
        max_length=300,
        blank=True,
        help_text="How an unnamed source is described (“according to early results”).",
    )
    status = models.CharField(
        max_length=16,
        choices=ClaimStatus.choices,
        default=ClaimStatus.DETECTED,
        editable=False,
        help_text="Changed only through workflow actions.",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        editable=False,
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text="An earlier claim that says the same thing.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = IntegerVersionField()
    # Derived: PostgreSQL's triggers keep the search document (migration 0011), and the match
    # key follows the statement on every save. Their GIN indexes are created by PostgreSQL-only
    # migrations, not declared in Meta.
    search_document = SearchVectorField(null=True, editable=False)
    match_text = MatchKeyField(
        blank=True, editable=False, help_text="The statement normalised for claim matching."
    )

    history = HistoricalRecords(excluded_fields=["search_document", "match_text"])
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="claim_start_before_end"
            ),
            models.CheckConstraint(
                condition=models.Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
            ),
            models.CheckConstraint(
                condition=~models.Q(duplicate_of=models.F("id")), name="claim_not_own_duplicate"
            ),
        ]
        indexes = [
            # The editors' queue: claims in a state, most check-worthy first.
            models.Index(fields=["status", "-checkworthiness"], name="claim_queue_idx"),
            # The changelist's order (most check-worthy first) over all claims or several states:
            # without it, "All claims" sorted the whole table (4.5 s at 1,000,000 claims).
            models.Index(fields=["-checkworthiness", "id"], name="claim_worthiest_idx"),
            # Claim.objects.published(): published claims' ids, joined index-only to verdicts.
            models.Index(
                fields=["id"],
                condition=models.Q(status=ClaimStatus.PUBLISHED),
                name="claim_published_idx",
            ),
        ]

    def __str__(self):
        return shorten(self.statement or self.quote, TITLE_LENGTH)

    def get_absolute_url(self):
        return reverse("claims:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_public(self) -> bool:
        """``Claim.objects.published()`` asked of one loaded claim."""
        return self.status == ClaimStatus.PUBLISHED and self.scheduled_for is None

    @property
    def scheduled_for(self):
        """When an approved verdict goes public, while that is still to come; else None."""
        verdict = getattr(self, "verdict", None)
        published_at = verdict.published_at if verdict else None
        return published_at if published_at and published_at > timezone.now() else None

    @property
    def slug(self) -> str:
        return readable_slug(self.statement, fallback="claim")

    def clean(self):
        super().clean()
        if self.article_id is None or self.start is None or self.end is None:
            return
        body = self.article.body
        if self.end > len(body):
            raise ValidationError({"end": f"The article body has only {len(body)} characters."})
        if self.quote != body[self.start : self.end]:
            raise ValidationError({"quote": "The quote must equal the article text at start:end."})

    def anchor_from_article(self):
        """Fill quote, prefix and suffix from the article body at start:end."""
        body = self.article.body
        self.quote = body[self.start : self.end]
        self.prefix = body[max(0, self.start - ANCHOR_CONTEXT) : self.start]
        self.suffix = body[self.end : self.end + ANCHOR_CONTEXT]


class AttributionRole(models.TextChoices):
    SAID = "said", "said"
    QUOTED_BY = "quoted_by", "quoted by"
    REPORTED_BY = "reported_by", "reported by"
    RELAYED_BY = "relayed_by", "relayed by"
    PUBLISHED_BY = "published_by", "published by"


class Attribution(models.Model):
    """One link of the chain that carried a claim from its claimant to the page."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="chain")
    position = models.PositiveSmallIntegerField(
        help_text="0 is the claimant; higher is nearer the reader."
    )
    source = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attributions",
    )
    role = models.CharField(max_length=16, choices=AttributionRole.choices)
    text = models.CharField(
        max_length=500, blank=True, help_text="The words in the article that show this link."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "position"], name="attribution_position_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.source or self.text}"


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
        ordering = ["claim", "stance", "id"]
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


class ClaimEvent(models.Model):
    """One workflow transition, recorded by claims.workflow and nothing else."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=32, choices=Action.choices)
    from_status = models.CharField(max_length=16, choices=ClaimStatus.choices)
    to_status = models.CharField(max_length=16, choices=ClaimStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = bounded_text(NOTE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim", "created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="claimevent_timeline_idx")]

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"


class ExternalReview(models.Model):
    """Another organisation's fact check of a claim, imported from its ClaimReview markup.

    Shown to readers as “also checked by”; never one of our verdicts.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="external_reviews")
    publisher = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_reviews",
        help_text="The fact-checking organisation, resolved to a source.",
    )
    publisher_name = models.CharField(
        max_length=300, blank=True, help_text="The organisation's name as its markup gives it."
    )
    url = models.URLField(max_length=1000, help_text="The other organisation's fact-check page.")
    claim_reviewed = bounded_text(STATEMENT_MAX, blank=True, help_text="The claim in their words.")
    rating_text = models.CharField(
        max_length=300, blank=True, help_text="Their rating as written (“Three Pinocchios”)."
    )
    rating_value = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Their numeric rating on 0 (worst) to 1 (best); empty when they gave none.",
    )
    published_on = models.DateField(null=True, blank=True)
    raw = models.JSONField(default=dict, blank=True, help_text="The ClaimReview as imported.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["claim", "-published_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], name="external_review_url_unique"),
            models.CheckConstraint(
                condition=models.Q(rating_value__isnull=True)
                | models.Q(rating_value__gte=0, rating_value__lte=1),
                name="external_review_rating_value_0_1",
            ),
        ]

    def __str__(self):
        return f"{self.publisher_name or self.url}: {self.rating_text or 'no rating'}"

    @property
    def publisher_label(self) -> str:
        """Who published it: the name their markup gives, else the source it resolved to."""
        return self.publisher_name or (self.publisher.name if self.publisher_id else "")
