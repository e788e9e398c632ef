"""Pages about the organisation that editors keep up to date: who runs the site, funding, team,
corrections policy, contact. Fact-checking codes of principles ask for each of them."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.markdown import render_markdown

ORGANISATION = "who-we-are"  # the page ClaimReview's ``author`` points to


class PageQuerySet(models.QuerySet):
    def listed(self):
        """The pages the footer links to, in the editors' order."""
        return self.filter(listed=True).order_by("position", "title")


class Page(models.Model):
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The page's address: /about/<slug>/"
    )
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown. Links, lists and tables.")
    body_html = models.TextField(blank=True, editable=False)
    listed = models.BooleanField(default=True, help_text="Linked from every page's footer.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the footer.")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["body_html"])
    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Derived, not a side effect: the sanitised HTML is stored so pages never render Markdown.
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("about:page", args=[self.slug])
