"""schema.org ClaimReview output: the one builder for claim pages, the API and the DataFeed.

Follows Google's fact-check structured data guidelines: the review's ``url`` is the canonical
claim page, ``author`` is our organisation (settings.VERACITY_ORGANISATION), ``reviewRating``
carries the rating label as ``alternateName`` and, for ratings on the numeric scale, the value
with its bounds. Import of other organisations' ClaimReviews lives elsewhere.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import Truncator

from about.models import ORGANISATION
from claims.models import RATING_SCALE_MAX, RATING_SCALE_MIN, Claim, Rating
from sources.models import Source, SourceKind

SCHEMA_ORG = "https://schema.org"
CLAIM_REVIEWED_MAX_CHARS = 150  # Google asks for a short claimReviewed


def absolute_url(request_or_base_url: HttpRequest | str, path: str) -> str:
    if isinstance(request_or_base_url, str):
        return urljoin(request_or_base_url, path)
    return request_or_base_url.build_absolute_uri(path)


def build_claimreview(claim: Claim, request_or_base_url: HttpRequest | str) -> dict:
    """The ClaimReview of a published claim, as a JSON-ready dict.

    Expects ``claim`` with its verdict, rating, claimant and article (select_related them).
    """
    verdict = claim.verdict
    review = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": absolute_url(request_or_base_url, claim.get_absolute_url()),
        "claimReviewed": Truncator(claim.statement).chars(CLAIM_REVIEWED_MAX_CHARS),
        "author": organisation(),
        "datePublished": verdict.published_at.date().isoformat(),
        "dateModified": verdict.updated_at.isoformat(),
        "reviewRating": review_rating(verdict.rating),
        "itemReviewed": item_reviewed(claim, request_or_base_url),
    }
    if verdict.summary:
        review["description"] = verdict.summary
    return review


def organisation() -> dict:
    """Us, with the page that says who runs the site, its funding and its team."""
    org = settings.VERACITY_ORGANISATION
    page = org["url"].rstrip("/") + reverse("about:page", args=[ORGANISATION])
    return {"@type": "Organization", "name": org["name"], "url": page}


def review_rating(rating: Rating) -> dict:
    result = {"@type": "Rating", "alternateName": rating.label}
    if rating.value is not None:
        result |= {
            "ratingValue": rating.value,
            "bestRating": RATING_SCALE_MAX,
            "worstRating": RATING_SCALE_MIN,
        }
    return result


def source_entity(source: Source) -> dict:
    entity = {"@type": SourceKind(source.kind).schema_type, "name": source.name}
    if source.url:
        entity["sameAs"] = source.url
    return entity


def item_reviewed(claim: Claim, request_or_base_url: HttpRequest | str) -> dict:
    article = claim.article
    appearance = {
        "@type": "CreativeWork",
        "url": article.url or absolute_url(request_or_base_url, article.get_absolute_url()),
    }
    if article.title:
        appearance["headline"] = article.title
    if article.publisher_id:
        appearance["publisher"] = source_entity(article.publisher)
    item = {"@type": "Claim", "appearance": appearance}
    if claim.claimant_id:
        item["author"] = source_entity(claim.claimant)
    elif article.publisher_id:
        # An unnamed source ("according to early results"): the outlet that printed the claim
        # answers for it, as the chain on the page shows.
        item["author"] = source_entity(article.publisher)
    if claim.claimant_id and claim.claimant_id == article.publisher_id:
        # The outlet made the claim itself, so this article is where it first appeared.
        item["firstAppearance"] = appearance
    if article.published_at:
        item["datePublished"] = article.published_at.date().isoformat()
        appearance["datePublished"] = item["datePublished"]
    return item


def build_datafeed(claims, request_or_base_url: HttpRequest | str) -> dict:
    """A schema.org DataFeed of the ClaimReviews of ``claims`` (already published)."""
    reviews = [build_claimreview(claim, request_or_base_url) for claim in claims]
    feed = {
        "@context": SCHEMA_ORG,
        "@type": "DataFeed",
        "name": f"{organisation()['name']} fact checks",
        "url": absolute_url(request_or_base_url, reverse("claims:claimreview_feed")),
        "dataFeedElement": reviews,
    }
    if reviews:
        feed["dateModified"] = max(review["dateModified"] for review in reviews)
    return feed
