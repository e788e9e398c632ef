"""Claim cards, as home and the claims list show them.

A publish renders home and the list's first pages again, but only the new claim's card on
them is new: each card is kept (``core.fragments``) under its claim's and verdict's versions,
which every save moves, and its claim's tag, which every change readers see purges. Rating
labels and colours, which every card shows, purge the site when edited.
"""

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from claims.models import Claim
from core.fragments import Shows, kept
from core.page_tags import tags_for

CARD_TEMPLATE = "claims/_claim_card.html"


def card(claim: Claim) -> SafeString:
    """One claim's card, rendered (search results, whose snippets differ by query, use this)."""
    return render_to_string(CARD_TEMPLATE, {"claim": claim})


def claim_cards(claims: QuerySet) -> list[SafeString]:
    """The cards of ``claims``, a slice of ``Claim.objects.public_list()``, in its order."""
    rows = claims.values_list("pk", "version", "verdict__version")
    wanted = {pk: _shows(pk, version, verdict_version) for pk, version, verdict_version in rows}

    def render(pks):
        fresh = Claim.objects.public_list().filter(pk__in=pks)
        return {
            claim.pk: (card(claim), _shows(claim.pk, claim.version, claim.verdict.version))
            for claim in fresh
        }

    cards = kept(wanted, render)
    return [cards[pk] for pk in wanted if pk in cards]


def _shows(pk: int, version: int, verdict_version: int) -> Shows:
    return Shows(f"claim-card:{pk}:{version}:{verdict_version}", frozenset(tags_for(Claim, [pk])))
