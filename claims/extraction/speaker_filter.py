"""A learned check on each sentence's speaker: accept it or leave the sentence unattributed.

The rules and quotation tracking give a sentence a speaker in several ways (its own cue, a
relay pattern, "according to", the tagger, a quotation whose speaker is named in another
sentence, a quotation continuing the previous one); some ways are much less reliable than
others, above all a sentence swept into a quotation it is not part of. A logistic regression
trained on PolNeAR train (bench/train_speaker_filter.py) weighs how the speaker was found and
what the sentence looks like; its bias is shifted so that a logit below 0 rejects. Run-time
scoring is a dictionary lookup per feature: no scikit-learn, no numpy. Only what training
showed is judged: not transcript turns, relay patterns, or speakers the alias index knows.
"""

import json
import re
from functools import cache, partial
from itertools import repeat
from pathlib import Path

from .attribution import Attribution
from .cues import CUES

MODEL_PATH = Path(__file__).with_name("speaker_filter.json")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|we|We|my|My|our|Our|us|me)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|You|your|Your)\b")
_THIRD_PERSON_START = re.compile(r"^(?:He|She|They|It|His|Her|Their)\b")
_OPENING_MARK = re.compile(r"^(?:[“\"‘]|``|'')")
_CLOSING_MARK = re.compile(r"(?:[”\"’]|'')\W*$")
_QUOTE_MARK = re.compile(r"[“”\"]|``|''")
# A sentence without what lies between quotation marks (an unclosed one runs to an edge).
_QUOTED_PART = re.compile(r"[“\"][^”\"]*(?:[”\"]|$)|^[^“”\"]*”")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_LENGTHS = (8, 15, 25, 40)
# Ways the training data does not show: a transcript's label names the speaker, and PolNeAR
# train holds one sentence found by a relay pattern ("was quoted as saying by").
UNJUDGED_RULES = frozenset({"turn", "passive relay", "active relay"})


@cache
def load_model(path: Path = MODEL_PATH) -> dict | None:
    """The shipped weights, or None when absent (a tree before its first training)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def speaker_features(
    text: str, spans: list[tuple[int, int]], attributions: list[Attribution]
) -> list[list[str] | None]:
    """The model's features of each sentence given a speaker (None for the others)."""
    index = {id(att): k for k, att in enumerate(attributions)}
    return [
        _features(text, spans, k, att, index) if _judged(att) else None
        for k, att in enumerate(attributions)
    ]


def _judged(att: Attribution) -> bool:
    """A speaker the model was trained to judge. Not one of UNJUDGED_RULES, and not a speaker
    named in the sentence itself whom the alias index knows: training ran with no alias index,
    and a source the newsroom registered is a speaker whatever the verb ("A Reuters
    correspondent saw ...")."""
    if not (att.claimant or att.unnamed) or att.rule in UNJUDGED_RULES:
        return False
    return att.origin is not None or att.claimant is None or att.claimant.source is None


def _features(text, spans, k, att: Attribution, index: dict[int, int]) -> list[str]:
    body = text[spans[k][0] : spans[k][1]].strip()
    group = "copy" if att.origin is not None else "own"
    found = [
        f"rule={att.rule}",
        f"res={att.resolution}",
        f"rule={att.rule}|res={att.resolution}",
        f"{group}:cue={att.cue_word}",
        f"{group}:len<={next((n for n in _LENGTHS if len(body.split()) <= n), 'more')}",
    ]
    found.extend(f"{group}:{name}" for name in _shape(body, att))
    if att.origin is not None:
        found.extend(_distance(text, spans, k, index.get(id(att.origin)), att.rule))
    return found


def _shape(body: str, att: Attribution) -> list[str]:
    """What the sentence looks like: quotation marks, persons, whether it names the speaker."""
    found = []
    if _OPENING_MARK.match(body):
        found.append("opens quoted")
    if _CLOSING_MARK.search(body):
        found.append("closes quoted")
    marks = len(_QUOTE_MARK.findall(body))
    found.append(f"marks={min(marks, 3)}")
    if _FIRST_PERSON.search(body):
        found.append("first person")
    if _SECOND_PERSON.search(body):
        found.append("second person")
    if _THIRD_PERSON_START.match(body):
        found.append("starts he/she/they")
    if body.endswith(":"):
        found.append("ends with colon")
    if att.via:
        found.append("relayed")
    name = att.claimant.text if att.claimant else ""
    if name and name.split()[-1] in body:
        found.append("names the speaker")
    outside = _WORD.findall(_QUOTED_PART.sub(" ", body))
    if any(w in CUES for w in outside):
        found.append("cue outside quotes")
    if any(w[0].isupper() and w not in name for w in outside[1:]):
        found.append("other name outside quotes")
    if not outside:
        found.append("all quoted")
    return found


def _distance(text, spans, k, origin: int | None, rule: str) -> list[str]:
    """Sentences and paragraph breaks between this sentence and the one its speaker came from."""
    if origin is None:
        return ["origin unknown"]
    side = "after" if origin < k else "before"
    first, last = sorted((origin, k))
    breaks = text.count("\n\n", spans[first][1], spans[last][0])
    # by rule: a quotation carried over a paragraph break by its marks (the newswire
    # convention) is another case than a new quotation taking the previous one's speaker
    return [
        f"{side} {min(last - first, 4)}",
        f"{rule}|{side} {min(last - first, 4)}",
        f"{rule}|{side} breaks={min(breaks, 2)}",
    ]


def logit(model: dict, features: list[str]) -> float:
    return model["bias"] + sum(map(model["weights"].get, features, repeat(0.0)))


def filter_speakers(
    text: str, spans: list[tuple[int, int]], attributions: list[Attribution], model: dict
) -> None:
    """Leave unattributed (in place) every sentence whose speaker the model rejects."""
    for k, features in enumerate(speaker_features(text, spans, attributions)):
        if features is not None and logit(model, features) < 0:
            attributions[k] = Attribution()


@cache
def default_speaker_filter():
    """The shipped filter, or None when its weights are absent."""
    model = load_model()
    return None if model is None else partial(filter_speakers, model=model)
