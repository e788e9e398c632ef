"""RSS and Atom feeds of published verdicts, newest change first; a correction re-announces one."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

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

    # Feed readers render titles and descriptions as HTML (Atom says so: type="html"), so user
    # text is escaped, as Django's own default item_title does.
    def item_title(self, claim):
        prefix = "Corrected: " if claim.verdict.corrected_at else ""
        return escape(f"{prefix}{claim.verdict.rating.label}: {claim.statement}")

    def item_description(self, claim):
        correction = self._latest_correction(claim)
        summary = claim.verdict.summary
        return escape(f"{summary}\n\nCorrection: {correction.note}" if correction else summary)

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
