"""ClaimReview in: read other fact-checkers' markup, however it comes, into plain records.

Accepts a single ClaimReview, a list, a schema.org DataFeed (or any JSON-LD ``@graph``), an HTML
page carrying JSON-LD or microdata (read with ``extruct``), and a Google Fact Check Tools
``claims:search`` response. Markup in the wild is messy, so reading is lenient: ``type`` as well
as ``@type``, any letter case, values wrapped in lists or ``@value``, ratings as free text,
odd scales, missing fields. No database access here; ``claims.claimreview.importer`` stores.
"""

import json
import math
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from claims.claimreview.jsonld import (
    as_date,
    as_number,
    as_text,
    as_url,
    first,
    first_dict,
    get,
    host,
    is_a,
    is_dict,
)

TEXT_MAX = 300  # publisher names and rating texts are stored in 300 characters
# schema.org's defaults when a numeric rating omits its scale.
DEFAULT_BEST, DEFAULT_WORST = 5.0, 1.0


class ClaimReviewParseError(ValueError):
    """The document is neither JSON nor HTML we can read; the message says what it was."""


@dataclass
class ParsedReview:
    """One ClaimReview as found, with what was understood of it."""

    raw: dict
    url: str = ""
    claim_reviewed: str = ""
    publisher_name: str = ""
    publisher_url: str = ""
    rating_text: str = ""
    rating_value: float | None = None  # normalised to 0 (worst) … 1 (best)
    published_on: date | None = None
    claimant_name: str = ""
    appearance_url: str = ""
    claim_date: date | None = None
    notes: list[str] = field(default_factory=list)  # what was guessed or dropped

    @property
    def problem(self) -> str:
        """Why this review cannot be imported, or "" if it can."""
        if unstorable := unstorable_reason(self.raw):
            return unstorable
        if not self.claim_reviewed:
            return "No claim text: neither claimReviewed nor itemReviewed names the claim."
        if not self.url:
            return "No usable URL for the review, so readers could not be sent to it."
        return ""


def unstorable_reason(node) -> str:
    """Why markup cannot be stored as it is ("" when it can): a NUL character, text that is
    not valid Unicode (half of a surrogate pair, such as \\ud800), or a number too large to
    be one (1e400)."""
    pending = [node]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend([*value.keys(), *value.values()])
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and (reason := _invalid_text(value)):
            return reason
        elif isinstance(value, float) and not math.isfinite(value):
            return "It holds a number too large to store (such as 1e400); fix the markup."
    return ""


def _invalid_text(text: str) -> str:
    if "\x00" in text:
        return "It holds a NUL character, which is not text; fix the markup."
    try:
        text.encode()
    except UnicodeEncodeError as error:
        return (
            f"It holds U+{ord(text[error.start]):04X}, half of a surrogate pair, which is not "
            "valid text; fix the markup's encoding."
        )
    return ""


# --- reading documents -----------------------------------------------------------------------


def parse_document(content: str | bytes, *, base_url: str = "") -> list[ParsedReview]:
    """Every ClaimReview in a JSON or HTML document, in document order."""
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    text = content.lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise ClaimReviewParseError(f"The document is not valid JSON: {error}.") from None
    elif text.startswith("<"):
        data = _structured_data(text, base_url)
    else:
        raise ClaimReviewParseError("Expected JSON or an HTML page; this is neither.")
    return parse_data(data, base_url=base_url)


def parse_data(data, *, base_url: str = "") -> list[ParsedReview]:
    """Every ClaimReview in already-decoded JSON (dicts and lists)."""
    try:
        found = list(_find_reviews(data))
    except RecursionError:
        raise ClaimReviewParseError("The document is nested too deeply to read.") from None
    reviews = [_read_review(node) for node in found]
    # A page with one review may leave out its own address: the page's URL is the review's.
    if base_url and len(reviews) == 1 and not reviews[0].url:
        reviews[0].url = as_url(base_url)
        reviews[0].notes.append("URL taken from the page address.")
    return reviews


@cache
def _tolerant_json_ld():
    """extruct's JSON-LD reader, skipping a broken script rather than giving up on the page.
    (extruct is imported on first use: it costs a command's start about 0.3 s.)"""
    from extruct.jsonld import JsonLdExtractor

    class TolerantJsonLd(JsonLdExtractor):
        def _extract_items(self, node):
            try:
                return list(super()._extract_items(node))
            except ValueError:
                return []

    return TolerantJsonLd


def _structured_data(html: str, base_url: str) -> list:
    import extruct

    page = html.encode("utf-8")
    try:
        json_ld = _tolerant_json_ld()().extract(page, base_url=base_url or None)
    except Exception as error:  # lxml and extruct raise assorted errors on broken markup
        raise ClaimReviewParseError(f"Could not read the page: {error}.") from None
    microdata = extruct.extract(
        page, base_url=base_url or None, syntaxes=["microdata"], uniform=True, errors="ignore"
    )
    return [*json_ld, *microdata.get("microdata", [])]


def _find_reviews(node):
    if isinstance(node, list):
        for item in node:
            yield from _find_reviews(item)
    elif isinstance(node, dict):
        if is_a(node, "claimreview"):
            yield node
        elif isinstance(node.get("claims"), list):
            for claim in node["claims"]:
                if is_dict(claim):
                    yield from _from_fact_check_tools(claim)
        else:
            for value in node.values():
                yield from _find_reviews(value)


def _from_fact_check_tools(claim: dict):
    """Google Fact Check Tools' ``claims:search`` entries, in ClaimReview terms."""
    for review in claim.get("claimReview") or []:
        if not is_dict(review):
            continue
        publisher = review.get("publisher") if is_dict(review.get("publisher")) else {}
        site = publisher.get("site", "")
        yield {
            "@type": "ClaimReview",
            "url": review.get("url", ""),
            "claimReviewed": claim.get("text", ""),
            "author": {"name": publisher.get("name", ""), "url": f"https://{site}" if site else ""},
            "datePublished": review.get("reviewDate", ""),
            "reviewRating": {"alternateName": review.get("textualRating", "")},
            "itemReviewed": {
                "author": {"name": claim.get("claimant", "")},
                "datePublished": claim.get("claimDate", ""),
            },
        }


# --- reading one review ----------------------------------------------------------------------


def _read_review(node: dict) -> ParsedReview:
    review = ParsedReview(raw=node)
    review.url = as_url(get(node, "url"))
    if as_text(get(node, "url")) and not review.url:
        review.notes.append("The review's URL is not a valid web address.")
    item = first_dict(get(node, "itemReviewed"))
    review.claim_reviewed = as_text(get(node, "claimReviewed")) or as_text(
        get(item, "name") or get(item, "text") or get(item, "headline")
    )
    author = first_dict(get(node, "author") or get(node, "publisher"))
    review.publisher_url = as_url(get(author, "url") or get(author, "sameAs"))
    review.publisher_name = (
        as_text(get(author, "name")) or as_text(get(node, "author")) or host(review.url)
    )[:TEXT_MAX]
    review.published_on = as_date(get(node, "datePublished") or get(node, "dateCreated"))
    _read_rating(review, get(node, "reviewRating"))
    claimant = get(item, "author") or get(item, "creator")
    review.claimant_name = (as_text(get(first_dict(claimant), "name")) or as_text(claimant))[
        :TEXT_MAX
    ]
    appearance = get(item, "appearance") or get(item, "firstAppearance")
    review.appearance_url = as_url(get(first_dict(appearance), "url") or appearance) or as_url(
        get(item, "url")
    )
    review.claim_date = as_date(get(item, "datePublished"))
    return review


def _read_rating(review: ParsedReview, rating) -> None:
    rating = first(rating)
    if not is_dict(rating):
        review.rating_text = as_text(rating)[:TEXT_MAX]
        return
    raw_value = get(rating, "ratingValue")
    value = as_number(raw_value)
    label = as_text(get(rating, "alternateName")) or as_text(get(rating, "name"))
    review.rating_text = (label or ("" if value is not None else as_text(raw_value)))[:TEXT_MAX]
    if value is None:
        return
    best = as_number(get(rating, "bestRating"))
    worst = as_number(get(rating, "worstRating"))
    if best is None or worst is None:
        review.notes.append("Rating scale incomplete: schema.org's 1 (worst) to 5 (best) assumed.")
    review.rating_value = normalise_rating(
        value,
        best=DEFAULT_BEST if best is None else best,
        worst=DEFAULT_WORST if worst is None else worst,
    )
    if review.rating_value is None:
        review.notes.append(
            f"Rating {value} does not fit its scale ({worst} to {best}); kept as text."
        )
    if not review.rating_text:
        review.rating_text = as_text(raw_value)


def normalise_rating(value: float, *, best: float, worst: float) -> float | None:
    """(value − worst) / (best − worst): 0 is the scale's worst, 1 its best, for scales in
    either direction; None when the value lies outside the scale or the scale is empty."""
    if best == worst:
        return None
    normalised = (value - worst) / (best - worst)
    return round(normalised, 4) if 0 <= normalised <= 1 else None
