"""``manage.py import_claimreview FILE_OR_URL``: other organisations' fact checks in."""

import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.fetch import FetchError, fetch_page
from claims.claimreview.importer import SKIPPED, import_reviews
from claims.claimreview.parse import ClaimReviewParseError, parse_document


class Command(BaseCommand):
    help = (
        "Import ClaimReviews from a file or a public URL: one review, a list, a DataFeed, a "
        "Google Fact Check Tools claims:search response, or an HTML page with JSON-LD. Each is "
        "attached to a matching claim or becomes a new claim; nothing becomes our verdict."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A file path, - for standard input, or an http(s) URL.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; store nothing."
        )
        parser.add_argument("--user", help="Record this user name as the importer.")

    def handle(self, *args, source, dry_run, user, **options):
        importer = self._user(user)
        content, base_url = self._read(source)
        try:
            reviews = parse_document(content, base_url=base_url)
        except ClaimReviewParseError as error:
            raise CommandError(str(error)) from None
        if not reviews:
            raise CommandError(f"No ClaimReview found in {source}.")
        self.stdout.write(f"{len(reviews)} ClaimReview(s) found in {source}.")
        report = import_reviews(reviews, user=importer, dry_run=dry_run, progress=self._progress)
        counts = report.as_dict()
        summary = ", ".join(f"{counts[k]} {k}" for k in ("imported", "merged", "skipped"))
        prefix = "Dry run, nothing stored: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary}."))

    def _progress(self, item):
        style = self.style.WARNING if item.outcome == SKIPPED else self.style.SUCCESS
        where = f" {item.url}" if item.url else ""
        self.stdout.write(f"#{item.index + 1}{where}: {style(item.outcome)}. {item.reason}")

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username}.")
        return user

    def _read(self, source: str) -> tuple[bytes, str]:
        if source.startswith(("http://", "https://")):
            self.stdout.write(f"Fetching {source} …")
            try:
                page = fetch_page(source, max_bytes=settings.VERACITY_MAX_PAGE_BYTES)
            except FetchError as error:
                raise CommandError(str(error)) from None
            return page.content, page.url
        if source == "-":
            return sys.stdin.buffer.read(), ""
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"No file at {source}.")
        return path.read_bytes(), ""
