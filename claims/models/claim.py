"""The claim: where it was said, what it states, who said it and through whom, where it
stands in the workflow, and the log of its transitions."""

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.matching.keys import match_key
from claims.search import search_claims
from claims.text import readable_slug, shorten

ANCHOR_CONTEXT = 32  # characters of prefix and suffix kept to re-find a quote after edits
TITLE_LENGTH = 80  # a claim named in headings, messages and choices
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


# Columns no public page shows, left in the database when a page loads claims: an article's
# text and what it was ingested from (often hundreds of kilobytes), and the search document.
NOT_ON_PUBLIC_PAGES = (
    "search_document",
    "article__body",
    "article__raw",
    "article__boilerplate",
)


class ClaimQuerySet(models.QuerySet):
    def published(self):
        """Claims readers may see: the one rule for pages, feeds, API and search."""
        # A verdict scheduled for later (published_at in the future) is not public yet.
        # claims.models.tallies keeps the same rule in SQL, for counts that do not scan.
        return self.filter(status=ClaimStatus.PUBLISHED, verdict__published_at__lte=timezone.now())

    def scheduled(self):
        """Claims approved for publication at a time still to come."""
        return self.filter(status=ClaimStatus.PUBLISHED, verdict__published_at__gt=timezone.now())

    def public_list(self):
        return (
            self.published()
            .select_related("claimant", "article__publisher", "verdict__rating")
            .defer(*NOT_ON_PUBLIC_PAGES)
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
    proposed = models.BooleanField(
        default=True,
        editable=False,
        help_text="Among the article's top-ranked sentences, shown first; extraction folds "
        "the other candidates below them.",
    )
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

    related_ids = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="Published claims like this one, best first (claims.matching.related).",
    )

    history = HistoricalRecords(excluded_fields=["search_document", "match_text", "related_ids"])
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
            # The changelist's order (most check-worthy first) over all claims or several states,
            # which would otherwise sort the whole table for every page.
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
        ordering = ["claim_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "position"], name="attribution_position_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.source or self.text}"


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
        ordering = ["claim_id", "created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="claimevent_timeline_idx")]

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"
