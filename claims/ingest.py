"""Articles in: plain text, an HTML page, a file's bytes or a URL becomes a stored Article.

Everything goes through the same normalisation (``claims.extraction.normalize``), so claim
offsets index ``Article.body``. Credit lines ("Reuters contributed reporting") and the agency
of a dateline ("MOSCOW, June 9 (Reuters) -") become contributors, resolved to Sources through
their aliases (unknown names become unconfirmed Sources). Saving an article queues claim
extraction once the transaction commits.

Same content twice (or the same URL) returns the existing Article. Errors are ``IngestError``
with a message that names the problem; nothing half-written stays in the database.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from articles.errors import IngestError
from articles.fetch import FetchError, Page, fetch_page
from articles.limits import check_file_size, check_text_size
from articles.models import Article, ArticleVersion, RawFormat, content_hash
from articles.page_reader import decode, is_html, read_page
from claims.extraction.normalize import Normalized, normalize_text
from claims.source_resolver import SourceResolver
from claims.tasks import schedule_extraction
from sources.models import Source, SourceKind

__all__ = [
    "IngestError",
    "IngestResult",
    "ingest_bytes",
    "ingest_html",
    "ingest_text",
    "ingest_url",
    "page_text",
]

TITLE_MAX = Article._meta.get_field("title").max_length
BYLINE_MAX = Article._meta.get_field("byline").max_length


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


@dataclass(frozen=True)
class _Meta:
    """What the caller says about the article; empty values are filled from an HTML page."""

    title: str = ""
    url: str = ""
    publisher: Source | None = None
    published_at: datetime | None = None
    language: str = "en"
    byline: str = ""
    user: object = None


def _check_characters(text: str, what: str) -> None:
    """Refuse what PostgreSQL cannot store: NUL characters and unpaired surrogates."""
    if "\x00" in text:
        raise IngestError(
            f"{what} contains NUL characters: it is probably not a text file, or it is UTF-16. "
            "Save it as UTF-8 and try again."
        )
    try:
        text.encode()
    except UnicodeEncodeError as error:
        raise IngestError(f"{what} has an invalid character at position {error.start:,}.") from None


def _check_url(url: str) -> None:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise IngestError(f"“{url[:200]}” is not a valid http or https address.") from None


def ingest_text(raw: str, **meta) -> IngestResult:
    """Store plain newsroom text as an Article (or return the one already holding it)."""
    check_text_size(raw)
    _check_characters(raw, "The article")
    return _store(normalize_text(raw), raw=raw, raw_format=RawFormat.TEXT, meta=_Meta(**meta))


def ingest_html(html: str, **meta) -> IngestResult:
    """Store the article of an HTML page; title, author, date and publisher come from the page
    unless given."""
    _check_characters(html, "The page")
    check_file_size(len(html.encode()))
    given = _Meta(**meta)
    page = read_page(html, url=given.url)
    check_text_size(page.text, "The page's article text")
    filled = replace(
        given,
        title=given.title or page.title[:TITLE_MAX],
        published_at=given.published_at or page.published_at,
        byline=given.byline or page.author[:BYLINE_MAX],
    )
    normalized = normalize_text(page.text)
    return _store(
        normalized, raw=html, raw_format=RawFormat.HTML, meta=filled, site_name=page.sitename
    )


def ingest_bytes(
    data: bytes, *, filename: str = "", content_type: str = "", charset: str | None = None, **meta
) -> IngestResult:
    """Store an uploaded or fetched file: HTML or plain text, decided by its type or name."""
    if not data.strip():
        raise IngestError("The file is empty.")
    check_file_size(len(data))
    text, html = _decoded(data, filename=filename, content_type=content_type, charset=charset)
    return ingest_html(text, **meta) if html else ingest_text(text, **meta)


def _decoded(data: bytes, *, filename="", content_type="", charset=None) -> tuple[str, bool]:
    """The file's text, and whether it is an HTML page."""
    html = is_html(filename=filename, content_type=content_type, data=data)
    return decode(data, charset=charset, html=html), html


def page_text(page: Page) -> str:
    """The body ingestion would store for a fetched page, to compare a page fetched again with
    the stored article; IngestError when it holds no article text."""
    text, html = _decoded(page.content, content_type=page.content_type, charset=page.charset)
    _check_characters(text, "The page")
    body = read_page(text, url=page.url).text if html else text
    check_text_size(body, "The page's article text")
    return normalize_text(body).text


def ingest_url(address: str, *, fetch=fetch_page, **meta) -> IngestResult:
    """Fetch a public web page and store its article, under ``url`` if given, else the address
    the page was finally served from. ``fetch`` is replaceable for tests."""
    _check_url(address)
    existing = Article.objects.filter(url__in={address, meta.get("url") or address}).first()
    if existing is not None:
        return IngestResult(existing, created=False)
    try:
        page = fetch(address, max_bytes=settings.VERACITY_MAX_PAGE_BYTES)
    except FetchError as error:
        raise IngestError(str(error)) from None
    meta["url"] = meta.get("url") or page.url
    result = ingest_bytes(
        page.content, content_type=page.content_type, charset=page.charset, **meta
    )
    if result.created:
        # The page's first version, with what identifies it for the next, conditional, fetch.
        ArticleVersion.objects.original(
            result.article,
            etag=page.validators.etag,
            last_modified=page.validators.last_modified,
        )
    return result


def _existing(body_hash: str, url: str) -> Article | None:
    by_content = Article.objects.filter(content_hash=body_hash).first()
    if by_content is not None or not url:
        return by_content
    return Article.objects.filter(url=url).first()


def _check_meta(meta: _Meta) -> None:
    """What the caller says about the article fits where it is stored (commands pass it on
    unchecked by any form)."""
    for name, value, limit in (
        ("title", meta.title, TITLE_MAX),
        ("byline", meta.byline, BYLINE_MAX),
    ):
        if len(value) > limit:
            raise IngestError(f"The {name} has {len(value):,} characters; the limit is {limit:,}.")
        _check_characters(value, f"The {name}")
    if meta.url:
        _check_url(meta.url)


def _store(
    normalized: Normalized, *, raw: str, raw_format: str, meta: _Meta, site_name: str = ""
) -> IngestResult:
    _check_meta(meta)
    body_hash = content_hash(normalized.text)
    existing = _existing(body_hash, meta.url)
    if existing is not None:
        return IngestResult(existing, created=False)
    try:
        with transaction.atomic():
            article = _create(normalized, raw=raw, raw_format=raw_format, meta=meta, site=site_name)
    except IntegrityError:
        # Someone stored the same article a moment ago: theirs is the one.
        existing = _existing(body_hash, meta.url)
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return IngestResult(article, created=True)


def _create(normalized: Normalized, *, raw: str, raw_format: str, meta: _Meta, site: str):
    resolver = SourceResolver()
    publisher = meta.publisher
    if publisher is None and site:
        publisher = resolver.resolve_or_create(
            site, kind=SourceKind.NEWS_OUTLET, note="Publisher named by an ingested page."
        )
    article = Article.objects.create(
        title=meta.title,
        url=meta.url,
        publisher=publisher,
        published_at=meta.published_at,
        language=meta.language,
        byline=meta.byline,
        body=normalized.text,
        boilerplate=[[b.start, b.end, b.kind] for b in normalized.boilerplate],
        raw=raw,
        raw_format=raw_format,
        created_by=meta.user,
    )
    note = f"Credited for reporting in “{article}”."
    article.contributors.set(
        [resolver.resolve_or_create(name, note=note) for name in normalized.contributors]
    )
    schedule_extraction(article)
    return article
