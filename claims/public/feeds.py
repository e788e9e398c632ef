"""RSS and Atom feeds of published verdicts, newest change first; a correction re-announces one."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks

from claims.models import Claim

FEED_ITEMS = 50


class ClaimFeed(Feed):
    title = "Veracity fact checks"
    link = reverse_lazy("claims:list")
    description = "New and corrected fact checks from Veracity."

    def author_name(self):
        return settings.VERACITY_ORGANISATION["name"]

    def items(self):
        return (
            Claim.objects.public_list()
            .prefetch_related("corrections")
            .order_by("-verdict__updated_at", "-id")[:FEED_ITEMS]
        )

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for item in feed.items:  # Atom requires an absolute IRI as an entry's id
            item["unique_id"] = request.build_absolute_uri(item["unique_id"])
        return feed

    # A title is plain text (the feed generator escapes it for XML once); a description is HTML
    # (Atom says so: type="html"), so its user text is escaped into paragraphs.
    def item_title(self, claim):
        prefix = "Corrected: " if claim.verdict.corrected_at else ""
        return f"{prefix}{claim.verdict.rating.label}: {claim.statement}"

    def item_description(self, claim):
        correction = self._latest_correction(claim)
        summary = claim.verdict.summary
        text = f"{summary}\n\nCorrection: {correction.note}" if correction else summary
        return linebreaks(text, autoescape=True)

    def item_link(self, claim):
        return claim.get_absolute_url()

    def item_guid(self, claim):
        # A new id per version, so feed readers show a corrected verdict as a new item.
        return f"{claim.get_absolute_url()}#v{claim.verdict.updated_at:%Y%m%dT%H%M%S%f}"

    item_guid_is_permalink = False

    def item_pubdate(self, claim):
        return claim.verdict.published_at

    def item_updateddate(self, claim):
        return claim.verdict.updated_at

    def item_categories(self, claim):
        return [claim.verdict.rating.label]

    @staticmethod
    def _latest_correction(claim):
        return next(iter(claim.corrections.all()), None)


class ClaimAtomFeed(ClaimFeed):
    feed_type = Atom1Feed
    subtitle = ClaimFeed.description
