"""ClaimReview import: other organisations' fact checks become ``ExternalReview`` rows ("also
checked by") on our claims. They never become our verdicts.

Each review is matched to a claim: the same review URL imported before (updated in place), a
claim that says the same thing (``claims.matching``), or else a new claim in the editors' queue,
anchored in a small article holding the claim's text. Every item gets an outcome with a reason:
imported, merged or skipped. Reading the markup is ``claims.claimreview.parse``.
"""

import json
import logging
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.text import Truncator

from articles.models import Article, ExtractionState, RawFormat, content_hash
from claims.claimreview.parse import ParsedReview, parse_document
from claims.matching.matches import can_auto_link, find_matches, match_new_claim
from claims.models import STATEMENT_MAX, Claim, ExternalReview
from claims.public.purge import purge_claims_on_commit
from claims.source_resolver import SourceResolver

logger = logging.getLogger(__name__)

MAX_ITEMS = 1000  # one request or command; a larger feed is imported in parts
IMPORTED, MERGED, SKIPPED = "imported", "merged", "skipped"


@dataclass
class ItemOutcome:
    index: int
    outcome: str
    reason: str
    url: str = ""
    claim: int | None = None
    external_review: int | None = None


@dataclass
class ImportReport:
    dry_run: bool = False
    items: list[ItemOutcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(item.outcome == outcome for item in self.items)

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            IMPORTED: self.count(IMPORTED),
            MERGED: self.count(MERGED),
            SKIPPED: self.count(SKIPPED),
            "items": [asdict(item) for item in self.items],
        }


def import_document(content: str | bytes, *, base_url: str = "", **options) -> ImportReport:
    """Import every ClaimReview in a JSON or HTML document (see ``parse_document``); raises
    ``ClaimReviewParseError`` when the document cannot be read at all."""
    return import_reviews(parse_document(content, base_url=base_url), **options)


def import_reviews(
    reviews: list[ParsedReview], *, user=None, dry_run: bool = False, progress=None
) -> ImportReport:
    """Store parsed reviews, each in its own savepoint so one bad item spoils nothing else.

    With ``dry_run`` the report is the same but nothing is kept. ``progress(outcome)`` is
    called after each item.
    """
    report = ImportReport(dry_run=dry_run)
    importer = _Importer(user=user)
    with transaction.atomic():
        for index, review in enumerate(reviews):
            outcome = importer.run(index, review)
            report.items.append(outcome)
            if progress:
                progress(outcome)
        if dry_run:
            transaction.set_rollback(True)
        elif merged := [item.claim for item in report.items if item.outcome == MERGED]:
            # "Also checked by" on these claims' pages and in the API changed.
            purge_claims_on_commit(Claim.objects.filter(pk__in=merged))
    return report


class _Importer:
    def __init__(self, *, user):
        self.user = user
        self.resolver = SourceResolver()
        self.seen_urls: set[str] = set()

    def run(self, index: int, review: ParsedReview) -> ItemOutcome:
        def skipped(reason: str, claim: int | None = None) -> ItemOutcome:
            return ItemOutcome(index, SKIPPED, reason, review.url, claim)

        if index >= MAX_ITEMS:
            return skipped(f"Only {MAX_ITEMS} reviews are imported at a time; send the rest again.")
        if review.problem:
            return skipped(review.problem)
        if len(review.claim_reviewed) > STATEMENT_MAX:
            return skipped(
                f"The claim text has {len(review.claim_reviewed):,} characters; the limit is "
                f"{STATEMENT_MAX:,}. Import a shorter wording."
            )
        if review.url in self.seen_urls:
            return skipped("The same review appears earlier in this document.")
        self.seen_urls.add(review.url)
        own = _own_claim(review)
        if own is not None:
            return skipped(f"This is our own fact check of claim {own}; nothing to import.", own)
        try:
            with transaction.atomic():
                return self._store(index, review)
        except ValidationError as error:
            return skipped(f"Could not be stored: {' '.join(error.messages)}")
        except DatabaseError:
            logger.exception("ClaimReview %s could not be stored", review.url)
            return skipped(
                "Could not be stored: the database refused one of its values. Check the "
                "markup's text and numbers, or send it to the site's administrators."
            )

    def _store(self, index: int, review: ParsedReview) -> ItemOutcome:
        existing = ExternalReview.objects.filter(url=review.url).first()
        if existing is not None:
            self._save_review(existing, review)
            reason = f"Imported before on claim {existing.claim_id}; updated from this copy."
            return ItemOutcome(index, MERGED, reason, review.url, existing.claim_id, existing.pk)
        claim = _matching_claim(review)
        if claim is not None:
            stored = self._save_review(ExternalReview(claim=claim), review)
            reason = f"Matches claim {claim.pk}: “{Truncator(claim.statement).chars(80)}”."
            return ItemOutcome(index, MERGED, reason, review.url, claim.pk, stored.pk)
        claim = self._new_claim(review)
        stored = self._save_review(ExternalReview(claim=claim), review)
        reason = f"New claim {claim.pk} created for editors to triage."
        return ItemOutcome(index, IMPORTED, reason, review.url, claim.pk, stored.pk)

    def _save_review(self, stored: ExternalReview, review: ParsedReview) -> ExternalReview:
        stored.url = review.url
        stored.publisher_name = review.publisher_name
        stored.publisher = self._source(
            review.publisher_name, "Fact checker named by a ClaimReview."
        )
        stored.claim_reviewed = review.claim_reviewed
        stored.rating_text = review.rating_text
        stored.rating_value = review.rating_value
        stored.published_on = review.published_on
        stored.raw = review.raw
        stored.imported_by = stored.imported_by or self.user
        stored.full_clean(exclude=["claim", "publisher", "imported_by"])
        stored.save()
        return stored

    def _source(self, name: str, note: str):
        return self.resolver.resolve_or_create(name, note=note) if name else None

    def _new_claim(self, review: ParsedReview) -> Claim:
        article = _article_quoting(review) or self._article_for(review)
        start = (
            article.body.index(review.claim_reviewed)
            if review.claim_reviewed in article.body
            else 0
        )
        claimant = self._source(review.claimant_name, "Claimant named by a ClaimReview.")
        claim = Claim(article=article, start=start, end=start + len(review.claim_reviewed))
        claim.anchor_from_article()
        claim.statement = review.claim_reviewed
        claim.claimant = claimant
        claim.full_clean()
        claim.save()
        match_new_claim(claim)
        return claim

    def _article_for(self, review: ParsedReview) -> Article:
        """A small article holding only the claim's text: where we met the claim."""
        body = review.claim_reviewed
        same_text = Article.objects.filter(content_hash=content_hash(body)).first()
        if same_text is not None:
            return same_text
        url_free = not Article.objects.filter(url=review.appearance_url).exists()
        return Article.objects.create(
            title=Truncator(f"Claim checked by {review.publisher_name}").chars(200),
            url=review.appearance_url if url_free else "",
            body=body,
            raw=json.dumps(review.raw, ensure_ascii=False),
            raw_format=RawFormat.TEXT,
            # The claim is given, so there is nothing for extraction to find.
            extraction_state=ExtractionState.DONE,
            extracted_at=timezone.now(),
            created_by=self.user,
        )


def _article_quoting(review: ParsedReview) -> Article | None:
    """The stored article the claim appeared in, when it holds the claim's exact words."""
    if not review.appearance_url:
        return None
    article = Article.objects.filter(url=review.appearance_url).first()
    return article if article is not None and review.claim_reviewed in article.body else None


def _matching_claim(review: ParsedReview) -> Claim | None:
    """The claim this review is about, as ``claims.matching`` finds it (through its index)."""
    probe = Claim(statement=review.claim_reviewed)
    # A short statement says too little to match loosely: only the same words will do.
    threshold = settings.VERACITY_MATCH_LINK if can_auto_link(probe) else 1.0
    matches = find_matches(probe, threshold=threshold)
    return matches[0].claim if matches else None


def _own_claim(review: ParsedReview) -> int | None:
    """The id of our claim when the review is one of ours (exported, now imported back)."""
    if review.publisher_name != settings.VERACITY_ORGANISATION["name"]:
        return None
    try:
        match = resolve(urlsplit(review.url).path)
    except Resolver404:
        return None
    if match.view_name != "claims:detail":
        return None
    return Claim.objects.filter(pk=match.kwargs["pk"]).values_list("pk", flat=True).first()
