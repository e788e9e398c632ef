"""`manage.py ingest PATH_OR_URL`: store an article, extract its claims, print what was found."""

from datetime import UTC, datetime, time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import Truncator

from articles.limits import check_file_size
from articles.models import Article, ExtractionState
from claims.ingest import IngestError, IngestResult, ingest_bytes, ingest_url
from claims.source_resolver import SourceResolver
from claims.tasks import extract_now
from sources.models import SourceKind

QUOTE_WIDTH = 90


def parse_moment(value: str) -> datetime:
    """An ISO date or date-time; a bare date is midnight UTC, a naive time is UTC."""
    moment = parse_datetime(value)
    if moment is None and (day := parse_date(value)) is not None:
        moment = datetime.combine(day, time())
    if moment is None:
        raise CommandError(
            f"--published-at {value!r}: use a date like 2019-06-10 or 2019-06-10T09:00."
        )
    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment


def claimant_label(claim) -> str:
    if claim.claimant is None:
        return f"“{claim.attribution_phrase}”" if claim.attribution_phrase else "(no claimant)"
    if not claim.claimant.confirmed:
        return f"{claim.claimant} (new source, unconfirmed)"
    return str(claim.claimant)


class Command(BaseCommand):
    help = (
        "Ingest an article from a text or HTML file, or an http(s) URL, and extract its claims "
        "(status detected). Prints the claims found with their scores and claimants."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="PATH_OR_URL", help="A .txt/.html file or a URL.")
        parser.add_argument(
            "--publisher",
            metavar="NAME",
            help="The outlet (a known name or alias; new names "
            "become unconfirmed sources). HTML pages name their own publisher otherwise.",
        )
        parser.add_argument("--url", help="Where the article was published (for a file).")
        parser.add_argument("--published-at", metavar="DATE", type=parse_moment)
        parser.add_argument("--title", help="The headline (HTML pages give their own).")

    def handle(self, *args, source, publisher, url, published_at, title, **options):
        meta = {"url": url or "", "published_at": published_at, "title": title or ""}
        try:
            with transaction.atomic():  # a failure leaves no new publisher behind either
                if publisher:
                    meta["publisher"] = SourceResolver().resolve_or_create(
                        publisher, kind=SourceKind.NEWS_OUTLET, note="Named by manage.py ingest."
                    )
                result = self.ingest(source, meta)
                if not result.created:
                    transaction.set_rollback(True)  # nothing new, not even the publisher named
        except IngestError as error:
            raise CommandError(str(error)) from None
        article = Article.objects.select_related("publisher").get(pk=result.article.pk)
        if article.extraction_state == ExtractionState.PENDING:
            self.stderr.write("Extracting claims …")
            extract_now(article)
        self.report(article, result)

    def ingest(self, source: str, meta: dict) -> IngestResult:
        if source.startswith(("http://", "https://")):
            self.stderr.write(f"Fetching {source} …")
            return ingest_url(source, **meta)
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"No file at {path}; give a file path or an http(s) URL.")
        check_file_size(path.stat().st_size)  # before reading it
        return ingest_bytes(path.read_bytes(), filename=path.name, **meta)

    def report(self, article: Article, result: IngestResult) -> None:
        verb = "Stored" if result.created else "Already stored (same content or URL)"
        self.stdout.write(self.style.SUCCESS(f"{verb}: article {article.pk} “{article}”"))
        contributors = ", ".join(str(s) for s in article.contributors.all()) or "none"
        self.stdout.write(
            f"  publisher: {article.publisher or 'none'}; contributors: {contributors}"
        )
        self.stdout.write(
            f"  body: {len(article.body):,} characters; admin: {self.admin_url(article)}"
        )
        if article.extraction_state == ExtractionState.FAILED:
            raise CommandError(f"Claim extraction failed: {article.extraction_error}")
        if article.extraction_note:
            self.stdout.write(self.style.WARNING(f"  extraction: {article.extraction_note}"))
        if article.extraction_state == ExtractionState.RUNNING:
            self.stdout.write("  extraction: running in a worker; see the admin page for claims")
            return
        self.report_claims(article)

    def report_claims(self, article: Article) -> None:
        claims = article.claims.select_related("claimant").prefetch_related("chain__source")
        self.stdout.write(f"  claims found: {len(claims)}")
        for claim in claims:
            chain = " → ".join(str(link.source or link.text) for link in claim.chain.all())
            self.stdout.write(
                f"  {claim.checkworthiness:.2f}  {claim.kind:<10}  {claimant_label(claim)}\n"
                f"        {Truncator(claim.quote).chars(QUOTE_WIDTH)}\n"
                f"        chain: {chain or '—'}"
            )

    @staticmethod
    def admin_url(article: Article) -> str:
        return reverse("admin:articles_article_change", args=[article.pk])
