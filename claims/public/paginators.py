"""Paginators that keep list pages flat however many claims there are.

Counting every row of a large list costs more than showing a page of it, and the cost grows
with the table, so list pages count a capped number of rows, and the public list's unfiltered
total comes from the tally the database keeps (claims.models.tallies), read once per purge.
"""

from collections import Counter

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from claims.models.tallies import published_by_rating
from core import page_tags

# Rows counted at most: 50 pages of 20 on the public list. Pages further back cost their OFFSET
# however they are counted; readers refine their search instead.
COUNT_CAP = 1_000
PUBLISHED_COUNTS_KEY = "public-pages:published-by-rating"
PUBLISHED_COUNTS_TTL = 300  # seconds; any purge of public pages forgets it at once


class CappedCountPaginator(Paginator):
    """Counts up to COUNT_CAP rows and one more; past that the total reads "more than 1,000"."""

    count_cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        # values("pk") drops annotations (a search's snippets) from the counted subquery.
        return self.object_list.order_by().values("pk")[: self.count_cap + 1].count()

    @property
    def count_is_capped(self) -> bool:
        return self.count > self.count_cap


class QueuePaginator(CappedCountPaginator):
    """The claim changelist's: 40 pages of 50, most check-worthy first; editors filter or
    search for the rest, since counting a long queue costs a large share of the page."""

    count_cap = 2_000


class KnownCountPaginator(Paginator):
    """A paginator told its total instead of counting it."""

    count_is_capped = False

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


def published_counts() -> Counter:
    """How many claims readers may see, by rating id: home and every list page read it, so it
    is kept in the shared cache until the lists are next purged."""
    return page_tags.cached(
        page_tags.UNTAGGED, PUBLISHED_COUNTS_KEY, published_by_rating, PUBLISHED_COUNTS_TTL
    )


def published_count() -> int:
    """How many claims readers may see."""
    return published_counts().total()
