"""Figures: quantities about the world (counts, amounts, shares, measures) given in digits, as
opposed to the digits of a list number, a date, a clock time, an age, a label or an ordinal
heading, and to vague amounts ("hundreds of police")."""

import re

_NUMBER = r"(?!(?:1[89]|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MAGNITUDE = r"(?:(?:hundred|thousand|million|billion|trillion|bn|m)\b\s*)?"
# Words after a number that make it a time, a date or a label rather than a quantity.
_NOT_COUNTED = (
    r"(?:years?|decades?|months?|weeks?|days?|hours?|minutes?|seconds?|centur(?:y|ies)|"
    r"[ap]\.m\.?|[ap]m|o'clock|th|st|nd|rd|and|or|to|in|on|at|by|for|from|when|after|before)\b"
)
_FIGURE = re.compile(
    rf"[$€£¥]\s?\d[\d,.]*|"
    rf"\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per cent\b|percentage points?\b)|"
    rf"(?<![\w.,:/-]){_NUMBER}\s+(?:of\s+)?{_MAGNITUDE}"
    rf"(?!{_NOT_COUNTED})[a-z][\w-]*",
)
_LIST_NUMBER = re.compile(r"^\s*\(?\d{1,2}[.)]\s+")
# "November 18", "No. 2", "Boeing 737", "Chapter 11": a number that names, not counts
_LABEL_NUMBER = re.compile(
    r"\b(?!(?:The|A|An|In|On|At|About|Nearly|Almost|Over|Under|Some|Only|Just|More|Less|"
    r"Around|Roughly|By|For|With|Of|To|And|But|Its|Their|His|Her|Our|All|Another)\b)"
    r"[A-Z][\w-]*\.?\s+\d+\b(?!\s?(?:%|percent|per cent|,\d))"
)


def has_figure(text: str) -> bool:
    """Whether `text` states a figure: 71 percent, $3 billion, 500 people, 2.5 million barrels.
    Not: "2. Never urged ...", "November 18, 2019", "at 10 a.m.", "Nazarbayev, 78,", "No. 2",
    "Boeing 737", "for three decades"."""
    body = _LABEL_NUMBER.sub(" ", _LIST_NUMBER.sub("", text))
    return _FIGURE.search(body) is not None
