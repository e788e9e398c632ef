"""The claims app's models, one module per concern; import them from here."""

from claims.models.claim import (
    ANCHOR_CONTEXT,
    Attribution,
    AttributionRole,
    Claim,
    ClaimEvent,
    ClaimKind,
    ClaimQuerySet,
    ClaimStatus,
    Topic,
)
from claims.models.external import ExternalReview
from claims.models.review import (
    RATING_SCALE_MAX,
    RATING_SCALE_MIN,
    Correction,
    CorrectionKind,
    Evidence,
    Rating,
    Stance,
    Verdict,
    VerdictQuerySet,
)

__all__ = [
    "ANCHOR_CONTEXT",
    "RATING_SCALE_MAX",
    "RATING_SCALE_MIN",
    "Attribution",
    "AttributionRole",
    "Claim",
    "ClaimEvent",
    "ClaimKind",
    "ClaimQuerySet",
    "ClaimStatus",
    "Correction",
    "CorrectionKind",
    "Evidence",
    "ExternalReview",
    "Rating",
    "Stance",
    "Topic",
    "Verdict",
    "VerdictQuerySet",
]
