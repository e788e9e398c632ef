"""Other organisations' fact checks of our claims, imported from their ClaimReview markup."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from claims.models.claim import STATEMENT_MAX, Claim, bounded_text


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
        ordering = ["claim_id", "-published_on", "id"]
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


class Disagreement(ExternalReview):
    """An imported review rating one of our claims far from our verdict (claims.disagreements):
    the admin's "Disagreements" list; browse only."""

    class Meta:
        proxy = True
        verbose_name = "disagreement"
        verbose_name_plural = "disagreements"
