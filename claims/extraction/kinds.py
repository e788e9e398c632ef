"""Claim kind: statistic, event, quote, fact, prediction or opinion."""

import re

from .quantities import has_figure
from .speakers import words

KINDS = ("statistic", "event", "quote", "fact", "prediction", "opinion")
_QUOTED = re.compile(r"[“\"‘][^”\"’]{12,}(?:[”\"’]|$)")
_EVENT_TIME = re.compile(
    r"\b(?:yesterday|today|tonight|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s)?|last "
    r"(?:week|night|month))\b"
)

# Stance words: the writer's or speaker's judgement, whatever figures the sentence holds.
_STANCE = re.compile(
    r"\b(?:think|thinks|believe[sd]?|feel|feels|hope[sd]?|wish(?:es)?|guess|suppose|"
    r"seems?|love|hate|should|ought to|good|bad|great|wonderful|terrible|wrong|important|"
    r"shameful|disgraceful|outrageous|ridiculous|absurd|remarkable|admirable|"
    r"characteristic|deplorable|sadly|unfortunately|thankfully|clearly|obviously)\b",
    re.IGNORECASE,
)

SPEECH_CUES = words(
    "say says said saying tell tells told adds added stated write writes wrote announced "
    "asks asked replied continued noted notes tweeted insisted explained argued"
)
PERCEPTION_CUES = words("saw see sees witnessed watched")


def classify(text: str, features: dict[str, str], cue: str = "") -> str:
    """The kind of claim in `text`, given its explainable features and attribution cue."""
    if cue and (_QUOTED.search(text) or cue in SPEECH_CUES or "quot" in cue):
        return "quote"
    if cue in PERCEPTION_CUES:
        return "event"
    if "exhortation" in features or _STANCE.search(text):
        return "opinion"
    if "future" in features and "event_verb" not in features:
        return "prediction"
    if has_figure(text):
        return "statistic"
    if ("event_verb" in features and _EVENT_TIME.search(text)) or _past_event(features):
        return "event"
    return "fact"


def _past_event(features: dict[str, str]) -> bool:
    verb = features.get("event_verb", "")
    return "date" in features and verb.endswith(("ed", "took place")) and verb != "remains"
