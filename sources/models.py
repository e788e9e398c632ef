from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

DESCRIPTION_MAX = 2_000


class SourceKind(models.TextChoices):
    NEWS_AGENCY = "news_agency", "News agency"
    NEWS_OUTLET = "news_outlet", "News outlet"
    BROADCASTER = "broadcaster", "Broadcaster"
    STATE_MEDIA = "state_media", "State media"
    INTERGOVERNMENTAL = "intergovernmental", "Intergovernmental organisation"
    GOVERNMENT = "government", "Government body"
    LEGISLATURE = "legislature", "Legislature"
    PARTY = "party", "Party"
    CAMPAIGN = "campaign", "Campaign"
    CAMPAIGN_WEBSITE = "campaign_website", "Campaign website"
    PRESS_OFFICE = "press_office", "Press office"
    NGO = "ngo", "NGO"
    PERSON = "person", "Person"
    WEBSITE = "website", "Website"
    OTHER = "other", "Other"

    @property
    def schema_type(self) -> str:
        """The schema.org type that describes a source of this kind."""
        return "Person" if self is SourceKind.PERSON else "Organization"


class SourceQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed=True)

    def unconfirmed(self):
        return self.filter(confirmed=False)


class Source(models.Model):
    """Anyone or anything that states or relays information."""

    name = models.CharField(max_length=200, help_text="The name readers know, e.g. “RIA Novosti”.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the public URL.")
    kind = models.CharField(max_length=32, choices=SourceKind.choices, default=SourceKind.OTHER)
    url = models.URLField(blank=True, help_text="Official website or profile page, if any.")
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. KZ, RU, GB."
    )
    description = models.TextField(
        max_length=DESCRIPTION_MAX,
        validators=[MaxLengthValidator(DESCRIPTION_MAX)],
        blank=True,
        help_text="One or two sentences for readers.",
    )
    state_affiliated = models.BooleanField(
        default=False, help_text="Owned or editorially controlled by a state."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The person or body this source speaks for (a press service → its principal).",
    )
    confirmed = models.BooleanField(
        default=True,
        help_text="Unticked for sources created automatically by extraction until an editor "
        "checks them (or merges them into an existing source).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="source_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sources:detail", kwargs={"slug": self.slug})

    @classmethod
    def unique_slug(cls, name: str) -> str:
        base = slugify(name)[:190] or "source"
        slug, n = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class SourceAlias(models.Model):
    """A surface form seen in text that names a source (“a Reuters correspondent”)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=300, help_text="Matched case-insensitively.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["text"]
        verbose_name_plural = "source aliases"
        constraints = [
            models.UniqueConstraint(Lower("text"), name="alias_text_unique_ci"),
        ]

    def __str__(self):
        return f"{self.text} → {self.source}"
