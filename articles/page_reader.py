"""Bytes and web pages → text: decoding, and the main text and metadata of an HTML page.

The page is read by trafilatura (main text, title, author, date, site name); no HTML is parsed
by hand here. Each block trafilatura returns (paragraph, heading, list item) becomes a
paragraph of its own, so normalisation never joins two of them.
"""

import codecs
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from articles.errors import IngestError

HTML_TYPES = {"text/html", "application/xhtml+xml"}
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MIN_ARTICLE_WORDS = 3
# Without its fallback extractors (readability, jusText), which only matter when its own
# reading fails: the same text, title, author and date on the benchmark's pages, faster
# (bench/bench_html_to_claims.py, docs/performance.md).
TRAFILATURA_OPTIONS = {"fast": True}
# The HTML standard's pre-scan looks for a declared encoding in the first 1024 bytes.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


@dataclass(frozen=True)
class PageText:
    text: str
    title: str
    author: str
    sitename: str
    published_at: datetime | None


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data.removeprefix(codecs.BOM_UTF8)[:1024]))


def is_html(*, filename: str = "", content_type: str = "", data: bytes = b"") -> bool:
    """Decide by the declared type, then the file name, then the first bytes."""
    if content_type:
        return content_type in HTML_TYPES
    if filename:
        return filename.lower().endswith(HTML_SUFFIXES)
    return looks_like_html(data)


def decode(data: bytes, *, charset: str | None = None, html: bool = False) -> str:
    """Text from bytes: a byte-order mark, else the declared charset, else UTF-8; strictly."""
    if data.startswith(codecs.BOM_UTF8):
        data, charset = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif not charset and html and (declared := _META_CHARSET.search(data[:1024])):
        charset = declared.group(1).decode("ascii")
    encoding = _known_encoding(charset)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise IngestError(
            f"The file is not valid {encoding} text (byte 0x{data[error.start]:02x} at position "
            f"{error.start:,}). Save it as UTF-8 and try again."
        ) from None


def _known_encoding(charset: str | None) -> str:
    try:
        return codecs.lookup(charset or "utf-8").name
    except LookupError:
        return "utf-8"


def read_page(html: str, *, url: str = "") -> PageText:
    """The article text and metadata of an HTML page; IngestError when it holds no article."""
    import trafilatura  # on first use: it costs every process's start about 0.5 s

    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
        **TRAFILATURA_OPTIONS,
    )
    text = (document.text or "") if document is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise IngestError(
            "No article text was found in this HTML page. Upload the article's own page "
            "(not a home page or a page that loads its text with JavaScript), or paste the text."
        )
    title = (document.title or "").strip()
    return PageText(
        text=_paragraphs(text, title),
        title=title,
        author=(document.author or "").strip(),
        sitename=(document.sitename or "").strip(),
        published_at=_published_at(document.date or ""),
    )


def _paragraphs(text: str, title: str) -> str:
    """One block per line, blank lines between; the headline is the title, not body text."""
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    if len(blocks) > 1 and blocks[0] == title:
        blocks = blocks[1:]
    return "\n\n".join(blocks)


def _published_at(value: str) -> datetime | None:
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value[:10]) if value else None
        moment = datetime.combine(day, time()) if day else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment
