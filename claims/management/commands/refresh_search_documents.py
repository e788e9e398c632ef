"""Recompute every claim's search document and match key, in batches with progress.

Run it after changing how they are built (claims/search.py, claims/matching/keys.py) or after a
change that touches many claims at once (sources merged or renamed in bulk).
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max, Min

from claims.matching.keys import match_key
from claims.models import Claim
from claims.search import refresh_search_documents


class Command(BaseCommand):
    help = "Recompute the search document and match key of every claim."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, batch_size: int, **options):
        bounds = Claim.objects.aggregate(first=Min("pk"), last=Max("pk"))
        if bounds["first"] is None:
            self.stdout.write("No claims.")
            return
        total, done, started = Claim.objects.count(), 0, time.monotonic()
        for start in range(bounds["first"], bounds["last"] + 1, batch_size):
            batch = Claim.objects.filter(pk__gte=start, pk__lt=start + batch_size)
            with transaction.atomic():
                claims = list(batch.only("pk", "statement"))
                for claim in claims:
                    claim.match_text = match_key(claim.statement)
                Claim.objects.bulk_update(claims, ["match_text"])
                refresh_search_documents(batch)
            done += len(claims)
            self.stdout.write(f"claims: {done:,}/{total:,} ({done / total:.0%})", ending="\r")
            self.stdout.flush()
        self.stdout.write("")
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Refreshed {done:,} claims in {elapsed:.0f} s."))
