"""Where other fact-checkers disagree with us: an imported review of one of our claims whose
rating is at least half the scale away from ours, or on the other side of it (true against
false), by their numeric rating where they give one and by their words where they do not.
"""

import re
from dataclasses import dataclass

from claims.models import RATING_SCALE_MAX, RATING_SCALE_MIN, ExternalReview, Rating

SCALE_GAP = 0.5  # normalised ratings (0 worst, 1 best) this far apart disagree
TRUE, FALSE, MIDDLE = "true", "false", "middle"
# Words of rating labels, read in this order: "half true" is in the middle, "not true" false.
SIDE_WORDS = (
    (MIDDLE, re.compile(r"\b(half|mixed?|mixture|partly|partially|unproven)\b", re.I)),
    (
        FALSE,
        re.compile(
            r"\b(false|fake|not true|incorrect|wrong|pants on fire|misleading|"
            r"fabricated|inaccurate|distort\w*|pinocchios?|scam|hoax)\b",
            re.I,
        ),
    ),
    (TRUE, re.compile(r"\b(true|correct|accurate|right)\b", re.I)),
)


@dataclass(frozen=True)
class Disagreement:
    review: ExternalReview
    ours: Rating
    reason: str


def our_score(rating: Rating) -> float | None:
    if rating.value is None:
        return None
    return (rating.value - RATING_SCALE_MIN) / (RATING_SCALE_MAX - RATING_SCALE_MIN)


def side_of_score(score: float) -> str:
    return TRUE if score > 0.5 else FALSE if score < 0.5 else MIDDLE


def side_of_words(text: str) -> str | None:
    return next((side for side, words in SIDE_WORDS if words.search(text or "")), None)


def our_side(rating: Rating) -> str | None:
    score = our_score(rating)
    return side_of_score(score) if score is not None else side_of_words(rating.label)


def their_side(review: ExternalReview) -> str | None:
    if review.rating_value is not None:
        return side_of_score(review.rating_value)
    return side_of_words(review.rating_text)


def disagreement(rating: Rating | None, review: ExternalReview) -> Disagreement | None:
    """How ``review`` disagrees with our ``rating``, or None when it does not (or cannot be
    told: no rating, or no rating of theirs we can read)."""
    if rating is None:
        return None
    ours = our_score(rating)
    if ours is not None and review.rating_value is not None:
        gap = abs(ours - review.rating_value)
        if gap >= SCALE_GAP:
            return Disagreement(review, rating, f"{gap:.0%} of the scale apart")
    sides = {our_side(rating), their_side(review)}
    if sides == {TRUE, FALSE}:
        return Disagreement(review, rating, "opposite conclusions")
    return None


def split_reviews(rating: Rating | None, reviews) -> tuple[list[Disagreement], list]:
    """Other fact-checkers' reviews of a claim: those that disagree with us, and the rest."""
    disagreeing, others = [], []
    for review in reviews:
        found = disagreement(rating, review)
        if found:
            disagreeing.append(found)
        else:
            others.append(review)
    return disagreeing, others


def disagreeing_review_ids(reviews) -> list[int]:
    """The ids of ``reviews`` (with ``claim__verdict__rating`` selected) that disagree."""
    return [
        review.pk
        for review in reviews
        if disagreement(getattr(getattr(review.claim, "verdict", None), "rating", None), review)
    ]
