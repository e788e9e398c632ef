"""The claims app's models, one module per concern; import them from here."""

from claims.models.claim import (
    ANCHOR_CONTEXT,
    Action,
    Attribution,
    AttributionRole,
    Claim,
    ClaimEvent,
    ClaimKind,
    ClaimQuerySet,
    ClaimStatus,
    MatchKeyField,
    Topic,
)
from claims.models.external import (
    ExternalReview,
)
from claims.models.review import (
    RATING_SCALE_MAX,
    RATING_SCALE_MIN,
    Correction,
    CorrectionDraft,
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
    "Action",
    "Attribution",
    "AttributionRole",
    "Claim",
    "ClaimEvent",
    "ClaimKind",
    "ClaimQuerySet",
    "ClaimStatus",
    "Correction",
    "CorrectionDraft",
    "CorrectionKind",
    "Evidence",
    "ExternalReview",
    "MatchKeyField",
    "Rating",
    "Stance",
    "Topic",
    "Verdict",
    "VerdictQuerySet",
]
