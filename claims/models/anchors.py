"""Anchor health: where each claim's passage stands in the latest text of its article's page
(claims.anchors finds it; the admin and the claim page show it)."""

from django.db import models

from claims.anchors.locate import Mark
from claims.models.claim import Claim


class AnchorStatus(models.TextChoices):
    UNCHANGED = Mark.UNCHANGED, "Unchanged"
    MOVED = Mark.MOVED, "Moved"
    CHANGED = Mark.CHANGED, "Changed"
    GONE = Mark.GONE, "Gone"


class AnchorCheck(models.Model):
    """The last check of a claim's passage against its article's page. The old wording is the
    claim's quote (never edited); the new one is kept here when the passage changed."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="anchor_check"
    )
    status = models.CharField(max_length=16, choices=AnchorStatus.choices)
    version = models.ForeignKey(
        "articles.ArticleVersion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="anchor_checks",
        help_text="The page's text the passage was looked for in; empty when the page is gone.",
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    wording = models.TextField(blank=True, help_text="What the page says now, when changed.")
    checked_at = models.DateTimeField()
    since = models.DateTimeField(
        help_text="When the passage was first found as it is now (its mark and wording)."
    )

    class Meta:
        indexes = [models.Index(fields=["status"], name="anchorcheck_status_idx")]

    def __str__(self):
        return f"{self.claim}: {self.get_status_display()}"

    @property
    def page_gone(self) -> bool:
        return self.status == AnchorStatus.GONE and self.version_id is None

    @property
    def edited(self) -> bool:
        """Readers are told: the wording changed or the passage (or page) is gone."""
        return self.status in {AnchorStatus.CHANGED, AnchorStatus.GONE}

    @property
    def wording_change(self) -> tuple[str, str]:
        """The claim's words then and the page's now, for a word diff."""
        return self.claim.quote, self.wording
