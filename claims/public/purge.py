"""What a change to a claim purges from the public page cache (core.page_tags has the tags).

Publishing a claim, or approving its correction or retraction, changes what readers see of
it: its own page and API record, its article's page, the pages of the sources that said,
relayed or published it and of those it names (their "claims about" lists), the claim pages
that show it as related (they carry its tag) or may now (they carry their claimant's, whose
other claims are related), and every list (untagged pages: home, lists, corrections, feeds,
sitemap, the ClaimReview feed), which every purge retires. The other transitions (drafting a
correction or retraction included) touch nothing readers see and purge nothing.
"""

from collections.abc import Iterable

from articles.models import Article
from claims.matching.related import refresh_related_on_commit
from claims.models import Action, Attribution, Claim
from claims.subjects import sources_named_in
from core.page_tags import tag_for, tags_for
from core.purges import purge_on_commit
from sources.models import Source

PUBLIC_ACTIONS = frozenset({Action.PUBLISH, Action.APPROVE_CORRECTION})


def claim_tags(claims: Iterable[Claim]) -> set[str]:
    """The tags of the pages that show these claims: theirs, their articles', their sources'
    (those that said, relayed or published them, and those they are about)."""
    claims = list(claims)
    articles = {claim.article_id for claim in claims}
    sources = {claim.claimant_id for claim in claims}
    sources |= set(Article.objects.filter(pk__in=articles).values_list("publisher_id", flat=True))
    sources |= set(Attribution.objects.filter(claim__in=claims).values_list("source_id", flat=True))
    for claim in claims:
        sources |= sources_named_in(claim.statement)
    sources.discard(None)
    return (
        {tag_for(claim) for claim in claims}
        | tags_for(Article, articles)
        | tags_for(Source, sources)
    )


def purge_claims_on_commit(claims: Iterable[Claim]) -> None:
    """Purge every page showing these claims once the current transaction commits."""
    purge_on_commit(claim_tags(claims))


def purge_after(action: str, claim: Claim) -> None:
    """Called inside every workflow transition's transaction; only some change what readers
    see, and those also change which claims are related to which (refreshed on commit)."""
    if action in PUBLIC_ACTIONS:
        purge_claims_on_commit([claim])
        refresh_related_on_commit(claim)
