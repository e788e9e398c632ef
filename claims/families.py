"""How a claim travelled: the family of claims that matching linked as saying the same thing.

Matching (``claims.matching``) links a new claim to the earlier one it repeats through
``duplicate_of``, always to the first of a line, so a family is a root claim and the claims
that lead to it. Readers see only its published members: an appearance of an unpublished
claim never reaches them (it still links its published relatives, as it says nothing itself).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Min, Prefetch

from claims.models import Attribution, AttributionRole, Claim, ExternalReview

MAX_DEPTH = 5  # duplicate_of lines an editor may have built by hand; matching makes depth 1
RELAY_ROLES = {AttributionRole.QUOTED_BY, AttributionRole.REPORTED_BY, AttributionRole.RELAYED_BY}


def family_root_id(claim: Claim) -> int:
    """The first claim of the line ``claim`` belongs to (itself when it repeats no other)."""
    root, parent, seen = claim.pk, claim.duplicate_of_id, {claim.pk}
    while parent is not None and parent not in seen and len(seen) <= MAX_DEPTH:
        seen.add(parent)
        root = parent
        parent = Claim.objects.filter(pk=parent).values_list("duplicate_of_id", flat=True).first()
    return root


def family_ids(claim: Claim) -> set[int]:
    """Every claim of the family, whatever its status: one indexed lookup per generation."""
    root = family_root_id(claim)
    ids, generation = {root}, {root}
    for _ in range(MAX_DEPTH):
        generation = set(
            Claim.objects.filter(duplicate_of__in=generation)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        if not generation:
            break
        ids |= generation
    return ids


def published_family(claim: Claim):
    return Claim.objects.published().filter(pk__in=family_ids(claim))


@dataclass(frozen=True)
class Travel:
    """What the claim page says about the family: "appeared 7 times since June 2019"."""

    appearances: int
    since: datetime | None


def travel_summary(claim: Claim) -> Travel | None:
    """For a claim page; None when the claim is its family's only published appearance."""
    ids = family_ids(claim)
    if len(ids) < 2:
        return None
    found = (
        Claim.objects.published()
        .filter(pk__in=ids)
        .aggregate(appearances=Count("pk"), since=Min("article__published_at"))
    )
    return Travel(**found) if found["appearances"] > 1 else None


def appearances(claim: Claim) -> list[Claim]:
    """The family's published claims, earliest appearance first (undated ones last), each with
    what the family page shows: claimant, article and outlet, chain, verdict, other reviews."""
    return list(
        published_family(claim)
        .select_related("claimant", "article__publisher", "verdict__rating")
        .prefetch_related(
            Prefetch(
                "chain",
                queryset=Attribution.objects.filter(role__in=RELAY_ROLES).select_related("source"),
                to_attr="relays",
            ),
            Prefetch(
                "external_reviews",
                queryset=ExternalReview.objects.select_related("publisher").order_by(
                    "published_on", "id"
                ),
                to_attr="other_reviews",
            ),
        )
        .order_by(F("article__published_at").asc(nulls_last=True), "pk")
    )


def outlet_name(claim: Claim) -> str:
    publisher = claim.article.publisher
    return publisher.name if publisher else "Unknown outlet"
