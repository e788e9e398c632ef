import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ExtractionState(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class RawFormat(models.TextChoices):
    TEXT = "text", "Plain text"
    HTML = "html", "HTML"


def content_hash(body: str) -> str:
    """Fingerprint of an article's text, blind to white space and case, to spot duplicates."""
    folded = " ".join(body.split()).casefold()
    return hashlib.sha256(folded.encode()).hexdigest()


class Article(models.Model):
    """A published piece of writing in which claims appear."""

    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True, help_text="Where the article was published.")
    publisher = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_articles",
        help_text="The outlet that published the article; the last link of every chain.",
    )
    contributors = models.ManyToManyField(
        "sources.Source",
        blank=True,
        related_name="contributed_articles",
        help_text="Outlets credited for reporting (“Reuters contributed reporting”).",
    )
    byline = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=12, default="en")
    body = models.TextField(
        help_text="Normalised plain text; claim offsets index this text, so it is never edited "
        "after extraction."
    )
    boilerplate = models.JSONField(
        default=list,
        blank=True,
        help_text="Spans of the body that are not prose (teasers, bare URLs, credit lines): "
        "[[start, end, kind], …]. They never become claims.",
    )
    raw = models.TextField(blank=True, help_text="Exactly what was ingested, kept for audit.")
    raw_format = models.CharField(max_length=8, choices=RawFormat.choices, default=RawFormat.TEXT)
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    extraction_state = models.CharField(
        max_length=16, choices=ExtractionState.choices, default=ExtractionState.PENDING
    )
    extraction_error = models.TextField(blank=True)
    extraction_lease_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="While extraction runs: its worker renews this; past it, the worker died and "
        "the article is queued again.",
    )
    extraction_note = models.TextField(
        blank=True,
        help_text="Why a finished extraction detected no claims (a language it cannot read).",
    )
    extraction_run = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="The running extraction's token: a run that no longer finds its own here was "
        "taken over (queued again) and stops.",
    )
    extraction_progress = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Sentences the running (or last) extraction has stored as claims so far.",
    )
    extraction_total = models.PositiveIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="Sentences the running (or last) extraction found to store; unknown until "
        "the pipeline has read the article.",
    )
    extracted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["raw"])

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~models.Q(url=""), name="article_url_unique_when_set"
            ),
        ]

    def __str__(self):
        return self.title or f"Article {self.pk}"

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})

    @property
    def extraction_progress_text(self) -> str:
        """ "1,500 of 5,410 sentences stored", or "" before the pipeline has read the text."""
        if self.extraction_total is None:
            return ""
        return f"{self.extraction_progress:,} of {self.extraction_total:,} sentences stored"


def text_fingerprint(text: str) -> str:
    """Fingerprint of a page version's exact text: one stored version per distinct text."""
    return hashlib.sha256(text.encode()).hexdigest()


class ArticleVersionQuerySet(models.QuerySet):
    def latest_seen(self, article: Article) -> "ArticleVersion | None":
        return self.filter(article=article).order_by("-seen_at", "-id").first()

    def original(self, article: Article, *, etag: str = "", last_modified: str = ""):
        """The text the article was stored with, its first version (recorded at ingestion, or
        now for an article stored before versions were)."""
        body, at = article.body, article.created_at
        return self._get_or_create(article, body, at, etag, last_modified)[0]

    def record(self, article: Article, text: str, *, at, etag: str = "", last_modified: str = ""):
        """The version holding ``text``: stored if new, else marked seen ``at`` again."""
        version, created = self._get_or_create(article, text, at, etag, last_modified)
        if not created:
            version.seen(at, etag=etag, last_modified=last_modified)
        return version

    def _get_or_create(self, article, text, at, etag, last_modified):
        return self.get_or_create(
            article=article,
            text_hash=text_fingerprint(text),
            defaults={
                "text": text,
                "fetched_at": at,
                "seen_at": at,
                "etag": etag,
                "last_modified": last_modified,
            },
        )


class ArticleVersion(models.Model):
    """The article's text as its page showed it at a time: the first is the text claims were
    taken from (Article.body); the page's later texts are added when a check finds them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    text = models.TextField(help_text="The page's article text, normalised as ingestion does.")
    text_hash = models.CharField(max_length=64, editable=False)
    fetched_at = models.DateTimeField(help_text="When the page first showed this text.")
    seen_at = models.DateTimeField(help_text="When the page last showed this text.")
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=200, blank=True)

    objects = ArticleVersionQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "fetched_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "text_hash"], name="article_version_text_unique"
            ),
        ]

    def __str__(self):
        return f"{self.article} as of {self.fetched_at:%Y-%m-%d %H:%M}"

    def seen(self, at, *, etag: str = "", last_modified: str = "") -> None:
        """The page showed this text again (a 200 with the same text, or a 304)."""
        self.seen_at = at
        self.etag, self.last_modified = etag, last_modified
        self.save(update_fields=["seen_at", "etag", "last_modified"])


class PageOutcome(models.TextChoices):
    SAME = "same", "Same text"
    NOT_MODIFIED = "not_modified", "Not modified (304)"
    CHANGED = "changed", "Changed since the last check"
    GONE = "gone", "Page gone"
    FAILED = "failed", "Could not check"


class PageCheck(models.Model):
    """The last time the article's page was fetched again, and what came back."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="page_check"
    )
    checked_at = models.DateTimeField(db_index=True)
    outcome = models.CharField(max_length=16, choices=PageOutcome.choices)
    detail = models.TextField(blank=True, help_text="Why it could not be checked, or is gone.")

    def __str__(self):
        return f"{self.article}: {self.get_outcome_display()}"
