"""Claim cards, as home, the claims list and source pages show them.

A publish renders home and the list's first pages again, but only the new claim's card on
them is new: each card is kept between renders (``claims.pieces``).
"""

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from claims.models import Claim
from claims.pieces import fields, kept_pieces

CARD_TEMPLATE = "claims/_claim_card.html"


def card(claim: Claim) -> SafeString:
    """One claim's card, rendered (search results, whose snippets differ by query, use this)."""
    return render_to_string(CARD_TEMPLATE, {"claim": claim})


def claim_cards(claims: QuerySet) -> list[SafeString]:
    """The cards of ``claims``, a slice of ``Claim.objects.public_list()``, in its order."""
    return kept_pieces(
        "claim-card",
        claims.values_list(*fields()),
        lambda loaded: [card(claim) for claim in loaded],
        Claim.objects.public_list(),
    )
