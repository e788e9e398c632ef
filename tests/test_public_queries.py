"""Every public page runs the same number of queries whatever the amount of data behind it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    empty_caches,
    make_article,
    make_attribution,
    make_claim,
    make_correction,
    make_evidence,
    make_external_review,
    make_published_claim,
    make_source,
    make_topic,
)

pytestmark = pytest.mark.django_db

# Queries per page for an anonymous reader with an empty cache.
# Every HTML page also reads the footer's transparency pages (about.Page: one query).
QUERIES = {
    # The ratings, how many claims each has published (claims.models.tallies), the latest
    # claims' ids and versions, then those whose cards are not kept (claims.public.cards).
    "home": 5,
    "list": 8,
    "search": 5,
    # The claim (with whether others reviewed or repeat it) and its chain, evidence, external
    # reviews, corrections and topics; related claims: two candidate lookups
    # (claims.matching.matches) and the claims they load. The findings on its links come with
    # its chain. No claim repeats it, so the family's query (claims.families) is skipped.
    "claim": 10,
    "article": 4,
    # The source, its claims (their ids and versions, then those whose cards are not kept),
    # track record, relays and who speaks for it; claims about it: its aliases, the claims
    # naming it, and their ratings (claims.subjects; none to list here).
    "source": 11,
    "corrections": 3,
    "methodology": 2,
    "rss": 2,
    "atom": 2,
    "claimreview": 2,  # the claims, then their chains with findings
    "sitemap": 6,
}
if connection.vendor == "postgresql":
    QUERIES["search"] += 5  # claims.search: the newest id, then newest slices of the table in turn
    # "claim" stays: claims.matching reads token frequencies from pg_stats (then cached), one
    # query more, but fetches its two candidate lists in one UNION ALL, one query fewer.


def build_newsroom(size: int, *, editor, editor2, reviewer) -> dict[str, str]:
    """``size`` corrected checks by one claimant in one article, each with a chain, topics,
    evidence and external reviews; returns the URL of every page."""
    claimant = make_source("Tokayev", kind="person")
    relay = make_source("RIA Novosti", state_affiliated=True)
    article = make_article(publisher=make_source("The Moscow Times"))
    for number in range(size):
        claim = make_claim(article, claimant=claimant, statement=f"Turnout claim {number}")
        make_attribution(claim, claimant, "said")
        make_attribution(claim, relay, "relayed_by")
        claim.topics.add(make_topic("Elections"), make_topic(f"Topic {number}"))
        for stance in ("supports", "contradicts", "context"):
            make_evidence(claim, stance=stance)
        make_external_review(claim)
        make_external_review(claim, publisher=claimant)
        make_published_claim(editor=editor, reviewer=reviewer, claim=claim)
        make_correction(
            claim, drafter=editor, approver=editor2, note=f"Fix {number}", summary=f"Fixed {number}"
        )
    return {
        "home": "/",
        "list": "/claims/?rating=mostly-true&topic=elections",
        "search": "/claims/?q=turnout",
        "claim": claim.get_absolute_url(),
        "article": article.get_absolute_url(),
        "source": claimant.get_absolute_url(),
        "corrections": "/corrections/",
        "methodology": "/methodology/",
        "rss": "/feeds/claims.rss",
        "atom": "/feeds/claims.atom",
        "claimreview": "/claimreview.json",
        "sitemap": "/sitemap.xml",
    }


def page_queries(client, url: str) -> list[str]:
    """The SQL an anonymous reader's request for ``url`` runs, every cache empty."""
    empty_caches()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def queries_per_page(client, urls: dict[str, str]) -> dict[str, int]:
    return {page: len(page_queries(client, url)) for page, url in urls.items()}


@pytest.mark.parametrize("size", [1, 4])
def test_no_page_runs_more_queries_as_the_data_grows(client, editor, editor2, reviewer, size):
    urls = build_newsroom(size, editor=editor, editor2=editor2, reviewer=reviewer)
    assert queries_per_page(client, urls) == QUERIES


def test_a_plain_check_does_not_look_for_what_it_does_not_have(client, editor, reviewer):
    """Corrections exist only once a verdict was corrected (or the check retracted), which the
    verdict and the claim record; whether other fact-checkers reviewed the claim and whether
    others repeat it come with the claim's own query. A page of a check with none of these
    skips the three queries that would list them."""
    claim = make_published_claim(editor=editor, reviewer=reviewer)
    queries = page_queries(client, claim.get_absolute_url())
    loaded = {table for sql in queries for table in re.findall(r'^SELECT \(?"(\w+)"\.', sql)}
    assert "claims_claim" in loaded
    assert not loaded & {"claims_correction", "claims_externalreview"}
    assert not [sql for sql in queries if 'WHERE "claims_claim"."duplicate_of_id"' in sql]


def test_a_claims_chain_and_evidence_are_read_without_its_article(client, editor, reviewer):
    """Links and evidence are ordered by their claim's id, not by the claim's own ordering
    (its article's date), which joined the claim and its article to every such query."""
    claim = make_claim(claimant=make_source("Tokayev", kind="person"))
    make_attribution(claim, claim.claimant, "said")
    make_evidence(claim)
    make_published_claim(editor=editor, reviewer=reviewer, claim=claim)
    lists = [
        sql
        for sql in page_queries(client, claim.get_absolute_url())
        if sql.startswith(('SELECT "claims_attribution"', 'SELECT "claims_evidence"'))
    ]
    assert len(lists) == 2
    assert not [sql for sql in lists if "articles_article" in sql]
