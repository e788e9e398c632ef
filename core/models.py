"""What the plumbing must remember in the database: purges of the page cache not yet applied."""

from django.db import models


class PendingPurge(models.Model):
    """Pages to purge from the shared page cache, written in the transaction that changed them.

    A row outlives its transaction only while the purge could not reach the cache; until it is
    applied no process answers from the cache (core.purges).
    """

    tags = models.JSONField(help_text="Page tags to purge (core.page_tags).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Purge of {len(self.tags)} page tags from {self.created_at:%Y-%m-%d %H:%M:%S}"
