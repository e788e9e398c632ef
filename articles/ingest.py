"""Articles in: newsroom text becomes a stored Article with a normalised body.

Same content twice returns the existing Article. Errors are ``IngestError`` with a message that
names the problem; nothing half-written stays in the database.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction

from articles.models import Article, RawFormat, content_hash
from claims.extraction.normalize import normalize_text
from sources.models import Source


class IngestError(ValueError):
    """The input cannot become an article; the message says why and what to do."""


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def _check_size(text: str) -> None:
    if not text.strip():
        raise IngestError("The article is empty: paste its text or upload a file with text in it.")
    limit = settings.VERACITY_MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise IngestError(
            f"The article has {len(text):,} characters; the limit is {limit:,}. "
            "Split it or paste only the article text."
        )


def ingest_text(
    raw: str,
    *,
    title: str = "",
    url: str = "",
    publisher: Source | None = None,
    published_at: datetime | None = None,
    language: str = "en",
    byline: str = "",
    user=None,
) -> IngestResult:
    """Store plain newsroom text as an Article (or return the one already holding it)."""
    _check_size(raw)
    normalized = normalize_text(raw)
    existing = Article.objects.filter(content_hash=content_hash(normalized.text)).first()
    if existing is not None:
        return IngestResult(existing, created=False)
    with transaction.atomic():
        article = Article.objects.create(
            title=title,
            url=url,
            publisher=publisher,
            published_at=published_at,
            language=language,
            byline=byline,
            body=normalized.text,
            boilerplate=[[b.start, b.end, b.kind] for b in normalized.boilerplate],
            raw=raw,
            raw_format=RawFormat.TEXT,
            created_by=user,
        )
    return IngestResult(article, created=True)
