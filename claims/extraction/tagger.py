"""A learned tagger for the speaker (Source) and the reporting cue of a sentence.

A linear-chain CRF (CRFsuite, through python-crfsuite) trained on PolNeAR's training split by
``bench/train_attribution.py``; it labels tokens ``B-S``/``I-S`` (speaker), ``B-C``/``I-C``
(cue) or ``O``. The model is CRFsuite's own binary file (no pickle) beside this module, with a
JSON list of the cue words seen in training: the tagger only reads sentences holding one of
them outside quotation marks, which keeps it off most sentences.
"""

import json
from functools import cache
from pathlib import Path

import pycrfsuite

from .cues import quoted_tokens
from .speakers import ORG_WORDS, PRONOUNS, SKIPPABLE, STOP_WORDS, TITLES, Token, words

MODEL = Path(__file__).with_name("attribution_crf.crfsuite")
CUE_WORDS = Path(__file__).with_name("attribution_cues.json")
_SPEAKER_NOUNS = words(
    "officials spokesman spokeswoman spokesperson sources source aides adviser advisers "
    "analysts experts critics poll survey report statement campaign people"
)
_NOT_GATES = STOP_WORDS | SKIPPABLE | words("even first only finally initially recently")


def _gate(cues: frozenset[str]) -> frozenset[str]:
    """The cue words that send a sentence to the tagger: not the auxiliaries and adverbs that
    open some cues ("has said", "was quoted"), whose sentences hold the verb anyway."""
    return frozenset(
        w for w in cues if w not in _NOT_GATES and not w.endswith("ly") and "’" not in w
    )


def _shape(token: Token) -> str:
    text = token.text
    if text[0].isdigit():
        return "num"
    if not text[0].isalnum():
        return "punct"
    if text.isupper() and len(text) > 1:
        return "caps"
    return "cap" if text[0].isupper() else "low"


def features(tokens: list[Token], quoted: set[int], cues: frozenset[str]) -> list[list[str]]:
    """CRFsuite attributes of each token: the word, its shape and class, its neighbours, and
    whether it is inside quotation marks or next to a cue word."""
    lowers = [t.lower for t in tokens]
    shapes = [_shape(t) for t in tokens]
    cue_at = [k for k, w in enumerate(lowers) if w in cues and k not in quoted]
    rows = []
    for k, word in enumerate(lowers):
        row = [f"w={word}", f"s3={word[-3:]}", f"sh={shapes[k]}"]
        if word in cues:
            row.append("cue")
        if word in PRONOUNS:
            row.append("pron")
        if word.rstrip(".") in TITLES:
            row.append("title")
        if word in ORG_WORDS:
            row.append("org")
        if word in _SPEAKER_NOUNS:
            row.append("spk")
        if k in quoted:
            row.append("q")
        for d in (-2, -1, 1, 2):
            j = k + d
            if 0 <= j < len(tokens):
                row.append(f"w{d}={lowers[j]}")
                row.append(f"sh{d}={shapes[j]}")
            else:
                row.append(f"w{d}=<edge>")
        if cue_at:
            nearest = min(cue_at, key=lambda c: abs(c - k))
            gap = k - nearest
            row.append(f"dc={max(-4, min(4, gap))}")
        rows.append(row)
    return rows


class Tagger:
    """Speaker and cue spans of a tokenised sentence, as token ranges."""

    def __init__(self, model: Path = MODEL, cue_words: Path = CUE_WORDS) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        self.cues = frozenset(json.loads(cue_words.read_text(encoding="utf-8")))
        self.gate = _gate(self.cues)

    def spans(self, tokens: list[Token]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(speaker ranges, cue ranges); both empty when no cue word stands outside quotes."""
        quoted = quoted_tokens(tokens)
        if not any(t.lower in self.gate for k, t in enumerate(tokens) if k not in quoted):
            return [], []
        labels = self._tagger.tag(features(tokens, quoted, self.cues))
        return _ranges(labels, "S"), _ranges(labels, "C")


def _ranges(labels: list[str], kind: str) -> list[tuple[int, int]]:
    ranges, start = [], None
    for k, label in enumerate([*labels, "O"]):
        if start is not None and label != f"I-{kind}":
            ranges.append((start, k))
            start = None
        if label == f"B-{kind}" or (label == f"I-{kind}" and start is None):
            start = k
    return ranges


@cache
def default_tagger() -> Tagger | None:
    """The shipped model, or None when it is absent (a tree before its first training)."""
    return Tagger() if MODEL.exists() else None
