"""An article's sentences ranked by check-worthiness, and which of them are proposed.

A sentence is proposed when its score reaches the threshold and it is among the article's
top `share` of sentences: a dense wire brief still proposes its best third, and a long
feature does not flood the queue. The share is chosen by grouped cross-validation when the
model is trained (bench/train_checkworthiness.py) and shipped in the model file.
"""

import math
from collections.abc import Sequence

DEFAULT_SHARE = 1 / 3


def proposal_limit(sentences: int, share: float) -> int:
    """How many of an article's `sentences` may be proposed (at least one)."""
    return max(1, math.ceil(share * sentences)) if sentences else 0


def ranks(scores: Sequence[float]) -> list[int]:
    """1-based rank of each score, highest first; ties keep text order."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    result = [0] * len(scores)
    for rank, index in enumerate(order, start=1):
        result[index] = rank
    return result


def proposals(scores: Sequence[float], threshold: float, share: float) -> list[bool]:
    """Whether each sentence is proposed: score >= threshold and rank within the share."""
    limit = proposal_limit(len(scores), share)
    return [
        score >= threshold and rank <= limit
        for score, rank in zip(scores, ranks(scores), strict=True)
    ]


def rank_article(sentences: list, threshold: float, share: float) -> None:
    """Set `rank` on the article's prose sentences and `is_claim` on those proposed."""
    prose = [s for s in sentences if s.boilerplate is None]
    scores = [s.checkworthiness for s in prose]
    for sentence, rank, proposed in zip(
        prose, ranks(scores), proposals(scores, threshold, share), strict=True
    ):
        sentence.rank = rank
        sentence.is_claim = proposed
