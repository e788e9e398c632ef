"""Check-worthiness 0..1 with reasons.

A logistic regression trained on ClaimBuster (bench/train_checkworthiness.py) scores word,
word-pair and explainable features; its bias is shifted so 0.5 is the F1-optimal threshold.
The explainable features are inputs of the same linear model, so each reason is a term of the
score. Reported speech is scored on the words reported (`reported.py`); the source it names
counts as an entity of the claim. Run-time scoring is a dictionary lookup per feature: no
scikit-learn, no numpy.
"""

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from .features import FEATURES, find_features, model_features
from .ranking import DEFAULT_SHARE

MODEL_PATH = Path(__file__).with_name("checkworthiness_model.json")
REPORTED = "reported"
_LABELS = {f.name: f.label for f in FEATURES} | {REPORTED: "scored on the words reported"}
_FOLD = re.compile(r"-\s*\n\s*")


@dataclass(frozen=True)
class Score:
    value: float
    reasons: list[str]
    features: dict[str, str]


@cache
def load_model(path: Path = MODEL_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def model_share() -> float:
    """The part of an article's sentences that may be proposed, chosen in training."""
    return load_model().get("share", DEFAULT_SHARE)


def fold_sentence(text: str) -> str:
    """One-line form of a sentence: line-end hyphens joined, whitespace collapsed."""
    return " ".join(_FOLD.sub("-", text).split())


def sentence_features(
    text: str, cue: str = "", source: str = ""
) -> tuple[dict[str, str], list[str]]:
    """(explainable features found, sparse model features) of the words to score. `cue` is
    the reporting verb when the words are reported speech (a reason, not a model feature);
    `source` the name they are attributed to, which counts as an entity the claim names."""
    folded = fold_sentence(text)
    found = find_features(folded)
    if source and "entity" not in found:
        found["entity"] = source
    feats = model_features(folded, found)
    if cue:  # said to the editor, not weighed: see docs/extraction.md on reported speech
        found[REPORTED] = cue
    return found, feats


def score(text: str, extra_logit: float = 0.0, cue: str = "", source: str = "") -> Score:
    """Check-worthiness of the words `text`, reported through `cue` by `source` if given;
    `extra_logit` lets the caller add explained evidence."""
    model = load_model()
    weights = model["weights"]
    found, feats = sentence_features(text, cue, source)
    logit = model["bias"] + sum(map(weights.get, feats, repeat(0.0))) + extra_logit
    reasons = _reasons(found, weights)
    return Score(1.0 / (1.0 + math.exp(-max(min(logit, 30.0), -30.0))), reasons, found)


def _reasons(found: dict[str, str], weights: dict[str, float]) -> list[str]:
    ranked = sorted(found, key=lambda name: (name != REPORTED, -abs(weights.get(f"f:{name}", 0.0))))
    return [f"{_LABELS[name]} ({found[name]})" for name in ranked]
