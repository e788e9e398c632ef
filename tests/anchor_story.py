"""The article page the anchor-check tests serve and change (tests/test_anchors.py,
tests/test_anchors_pages.py): five paragraphs with a claim each, then one claim's sentence
edited, a paragraph moved to the top and one deleted."""

from functools import partial

from articles.fetch import fetch_page
from claims.ingest import ingest_url
from claims.models import AnchorCheck
from tests.factories import make_claim
from tests.local_site import loopback_only

fetch = partial(fetch_page, allowed=loopback_only)

KEPT = "Police arrested 500 people at rallies in Almaty and Nur-Sultan on Sunday."
EDITED = "Turnout was 77.4 percent, the Central Election Commission said on Monday."
EDITED_NOW = "Turnout was 63.1 percent, the Central Election Commission said on Monday evening."
DELETED = "The opposition leader said the count had been rigged in at least 12 regions."
MOVED = "Observers from the OSCE reported widespread violations at polling stations."
LAST = "Tokayev won with nearly 71 percent of the vote, according to official results."
BEFORE = [KEPT, EDITED, DELETED, MOVED, LAST]
AFTER = [MOVED, KEPT, EDITED_NOW, LAST]


def page(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Rallies in Almaty</title>"
        "</head><body><article><h1>Rallies in Almaty</h1>\n"
        f"{body}</article></body></html>"
    ).encode()


def serve(site, paragraphs, etag):
    site.routes["/story"] = (
        200,
        {"ETag": etag, "Last-Modified": LAST_MODIFIED[etag]},
        page(paragraphs),
    )


LAST_MODIFIED = {'"v1"': "Sun, 09 Jun 2019 10:00:00 GMT", '"v2"': "Mon, 10 Jun 2019 08:00:00 GMT"}


def make_story(site):
    """The article ingested from ``site``, with a claim on each paragraph's sentence."""
    serve(site, BEFORE, '"v1"')
    article = ingest_url(f"{site.url}/story", fetch=fetch).article
    claims = {quote: make_claim(article, quote) for quote in BEFORE}
    return article, claims


def marks(article) -> dict[str, str]:
    checks = AnchorCheck.objects.filter(claim__article=article).select_related("claim")
    return {check.claim.quote: check.status for check in checks}
