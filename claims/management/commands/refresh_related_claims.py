"""Compute the related fact checks stored with each published claim, with progress.

Publishing keeps the lists current (claims.matching.related); run this once after upgrading
to the release that stores them, after loading claims in bulk, or after changing how claims
match (claims/matching). A claim without a stored list has it computed on every page render.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from claims.matching.related import refresh_related
from claims.models import Claim

BATCH = 200


class Command(BaseCommand):
    help = "Compute the related fact checks shown on published claims' pages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="only claims that have no stored list yet"
        )

    def handle(self, *args, missing: bool, **options):
        claims = Claim.objects.published().order_by("pk")
        if missing:
            claims = claims.filter(related_ids__isnull=True)
        total = claims.count()
        done = changed = 0
        started = time.monotonic()
        last = 0
        while batch := list(claims.filter(pk__gt=last)[:BATCH]):
            with transaction.atomic():  # each batch's pages are purged when it commits
                changed += len(refresh_related(batch))
            done, last = done + len(batch), batch[-1].pk
            share = done / max(total, done)
            self.stdout.write(f"claims: {done:,}/{total:,} ({share:.0%})", ending="\r")
            self.stdout.flush()
        self.stdout.write("")
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"{done:,} claims in {elapsed:.0f} s; {changed:,} lists changed.")
        )
