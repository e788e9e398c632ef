"""How large an article may be: checked before any work starts, by every way in (the admin's
"Add article", the API, ``manage.py ingest`` and ``manage.py extract_claims``).

Text is limited by characters (VERACITY_MAX_ARTICLE_CHARS, 2,000,000 by default: extraction
of the largest takes a few minutes, in chunks); a file or fetched page by bytes
(VERACITY_MAX_PAGE_BYTES), since markup, scripts and styles make a page larger than its text.
"""

from django.conf import settings

from articles.errors import IngestError


def check_text_size(text: str, what: str = "The article") -> None:
    """Refuse empty text and text over the character limit, saying what to do instead."""
    if not text.strip():
        raise IngestError(f"{what} is empty: paste its text or upload a file with text in it.")
    limit = settings.VERACITY_MAX_ARTICLE_CHARS
    if len(text) > limit:
        raise IngestError(
            f"{what} has {len(text):,} characters; the limit is {limit:,}. "
            "Split it or paste only the article text."
        )


def check_file_size(size: int) -> None:
    """Refuse a file or page over the byte limit (before reading or parsing it)."""
    limit = settings.VERACITY_MAX_PAGE_BYTES
    if size > limit:
        raise IngestError(f"The file has {size:,} bytes; the limit is {limit:,}.")
