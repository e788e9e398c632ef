"""Purges of the page cache that cannot be lost.

``purge_on_commit(tags)``, called inside the transaction that changes what the tagged pages
show, writes a ``PendingPurge`` row in that transaction and applies it (``core.page_tags.purge``)
once the transaction commits. If Redis cannot take it, the row stays: the change is committed
all the same (the editor's action succeeds; ``purge_pending()`` lets the page say so), and
until some process applies the row no process answers from the cache. Every process looks for
pending rows at least every ``PENDING_RECHECK`` seconds before it answers from the cache, and
applies them as soon as Redis answers again, so a stored page never outlives the change.
"""

import time
from collections.abc import Iterable

from django.db import transaction

from core import page_tags
from core.models import PendingPurge
from core.shared_cache import outage, redis_error

PENDING_RECHECK = 0.25  # seconds a process trusts that no purge is pending
PENDING_MESSAGE = (
    "Saved. The page cache is unreachable, so readers get every page fresh from the database "
    "until it is back; the cache is purged then, without anyone acting."
)


def purge_on_commit(tags: Iterable[str]) -> None:
    """Purge the pages showing ``tags`` when the current transaction commits; never lost."""
    PendingPurge.objects.create(tags=sorted(set(tags)))
    pending_check.expect()
    transaction.on_commit(apply_pending)


def apply_pending() -> bool:
    """Apply every pending purge to the cache; whether none is left pending."""
    pending = list(PendingPurge.objects.values_list("id", "tags"))
    if pending:
        try:
            page_tags.purge({tag for _id, tags in pending for tag in tags})
        except redis_error() as error:
            outage.report(error)
            pending_check.expect()
            return False
        PendingPurge.objects.filter(id__in=[row_id for row_id, _tags in pending]).delete()
    pending_check.cleared()
    return True


def purge_pending() -> bool:
    """Whether a committed change still waits for its purge (the cache was unreachable)."""
    return PendingPurge.objects.exists()


class PendingCheck:
    """This process's knowledge of whether a purge is pending, refreshed from the database."""

    def __init__(self):
        self.forget()

    def forget(self) -> None:
        self.pending, self.checked_at = False, float("-inf")

    def expect(self) -> None:
        self.pending = True

    def cleared(self) -> None:
        self.pending, self.checked_at = False, time.monotonic()

    def due(self) -> bool:
        """Whether to look for pending purges before answering from the cache: one is known
        to be pending, or the last look is older than PENDING_RECHECK."""
        return self.pending or time.monotonic() - self.checked_at >= PENDING_RECHECK


pending_check = PendingCheck()
