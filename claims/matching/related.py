"""Related fact checks: the published claims shown beside a claim (its page and the API).

A claim's list is stored with it (``Claim.related_ids``, best first) and refreshed when matching
changes: once a claim is published, corrected or retracted, the task worker computes again its
own list and those of the published claims it is like (its matches, its claimant's latest
claims), and purges the pages whose list changed. A page then loads its list in one query and
keeps only what is still published, so a retraction never shows, even before the refresh.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task

from claims.matching.matches import find_matches
from claims.models import Claim
from core.page_tags import tag_for
from core.purges import purge_on_commit

RELATED_MIN_SCORE = 0.3  # related reading for the public: looser than "possibly the same"
STORED = 8  # more than a page shows: a retraction leaves the list full until the refresh
NEIGHBOURS = 20  # claims whose lists a publish may change, of each kind (alike, same claimant)


def related_claims(claim: Claim, limit: int = 5) -> list[Claim]:
    """Published claims like this one, best first: those that match it, then its claimant's
    latest. Loaded afresh each time (a rating shown is current), with what a link to each
    shows: its statement and rating."""
    if claim.related_ids is None:  # never stored: a draft previewed by staff, or an old claim
        return _related(claim, _published_except(claim), limit)
    as_links = Claim.objects.published().select_related("verdict__rating")
    loaded = as_links.only("statement", "verdict__rating").order_by().in_bulk(claim.related_ids)
    return [loaded[pk] for pk in claim.related_ids if pk in loaded][:limit]


def refresh_related(claims) -> list[Claim]:
    """Compute and store the lists of ``claims``; purge the pages of those that changed."""
    changed = []
    for claim in claims:
        ids = [related.pk for related in _related(claim, _published_except(claim), STORED)]
        if ids != claim.related_ids:
            Claim.objects.filter(pk=claim.pk).update(related_ids=ids)  # derived: no history
            claim.related_ids = ids
            changed.append(claim)
    if changed:
        purge_on_commit({tag_for(claim) for claim in changed})
    return changed


def claims_like(claim: Claim) -> list[Claim]:
    """The published claims whose lists may hold ``claim``: those it matches, and its
    claimant's latest (their lists end with the claimant's other claims)."""
    published = _published_except(claim)
    alike = find_matches(claim, published, threshold=RELATED_MIN_SCORE, limit=NEIGHBOURS)
    same_claimant = published.filter(claimant_id=claim.claimant_id) if claim.claimant_id else []
    return list(dict.fromkeys([*(match.claim for match in alike), *same_claimant[:NEIGHBOURS]]))


@task
def refresh_related_around(claim_id: int) -> int:
    """After ``claim`` changed publicly: its list and those of the claims like it."""
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return 0
    with transaction.atomic():  # the purge happens on commit
        return len(refresh_related([claim, *claims_like(claim)]))


def refresh_related_on_commit(claim: Claim) -> None:
    transaction.on_commit(lambda: refresh_related_around.enqueue(claim.pk))


def _published_except(claim: Claim) -> QuerySet:
    # public_list: with the rating and sources a page shows, so a page's queries stay constant.
    return Claim.objects.public_list().exclude(pk=claim.pk)


def _related(claim: Claim, published: QuerySet, limit: int) -> list[Claim]:
    matches = find_matches(claim, published, threshold=RELATED_MIN_SCORE, limit=limit)
    related = [match.claim for match in matches]
    if len(related) < limit and claim.claimant_id:
        same_claimant = published.filter(claimant_id=claim.claimant_id).exclude(
            pk__in=[other.pk for other in related]
        )
        related += list(same_claimant[: limit - len(related)])
    return related
