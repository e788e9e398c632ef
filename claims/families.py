"""How a claim travelled: the family of claims that matching linked as saying the same thing.

Matching (``claims.matching``) links a new claim to the earlier one it repeats through
``duplicate_of``, always to the first of a line, so a family is a root claim and the claims
that lead to it. Readers see only its published members: an appearance of an unpublished
claim never reaches them (it still links its published relatives, as it says nothing itself).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Count, Min, Prefetch
from django.db.models.expressions import RawSQL

from claims.models import Attribution, AttributionRole, Claim, ExternalReview

MAX_DEPTH = 5  # duplicate_of lines an editor may have built by hand; matching makes depth 1
UNKNOWN_OUTLET = "Unknown outlet"
RELAY_ROLES = {AttributionRole.QUOTED_BY, AttributionRole.REPORTED_BY, AttributionRole.RELAYED_BY}


def family_root_id(claim: Claim) -> int:
    """The first claim of the line ``claim`` belongs to (itself when it repeats no other)."""
    root, parent, seen = claim.pk, claim.duplicate_of_id, {claim.pk}
    while parent is not None and parent not in seen and len(seen) <= MAX_DEPTH:
        seen.add(parent)
        root = parent
        parent = Claim.objects.filter(pk=parent).values_list("duplicate_of_id", flat=True).get()
    return root


def among(ids: set[int]):
    """``ids`` as the right-hand side of an ``__in`` lookup: one array parameter on PostgreSQL
    rather than one placeholder per id, which the driver has to splice in (a thousand-member
    family cost more in building its queries than in running them)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [sorted(ids)])
    return ids


def family_ids(claim: Claim) -> set[int]:
    """Every claim of the family, whatever its status: one indexed lookup per generation."""
    root = family_root_id(claim)
    ids, generation = {root}, {root}
    for _ in range(MAX_DEPTH):
        found = Claim.objects.filter(duplicate_of__in=among(generation)).order_by()
        generation = set(found.values_list("pk", flat=True)) - ids
        if not generation:
            break
        ids |= generation
    return ids


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
        .filter(pk__in=among(ids))
        .aggregate(appearances=Count("pk"), since=Min("article__published_at"))
    )
    return Travel(**found) if found["appearances"] > 1 else None


@dataclass(frozen=True)
class Point:
    """One appearance, as the timeline orders it and the chart counts it."""

    pk: int
    when: datetime | None
    outlet: str

    @property
    def order(self) -> tuple:
        """Earliest first, undated last."""
        return (self.when is None, self.when or datetime.min, self.pk)


def points(ids: set[int]) -> list[Point]:
    """Every published appearance of the family, earliest first, three narrow columns a row:
    the timeline's order and the chart come from these; only a page of them is loaded whole."""
    rows = (
        Claim.objects.published()
        .filter(pk__in=among(ids))
        .order_by()
        .values_list("pk", "article__published_at", "article__publisher__name")
    )
    return sorted(
        (Point(pk, when, outlet or UNKNOWN_OUTLET) for pk, when, outlet in rows),
        key=lambda point: point.order,
    )


def appearances(ids: list[int]) -> list[Claim]:
    """The published claims ``ids`` in that order, each with what the family page shows:
    claimant, article and outlet, relays, verdict, other fact-checkers' reviews."""
    found = (
        Claim.objects.published()
        .filter(pk__in=among(set(ids)))
        .defer("article__body", "article__raw")
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
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]
