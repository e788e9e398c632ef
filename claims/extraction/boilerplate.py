"""Lines that are not article prose: teasers, bare URLs, credits, promotions."""

import re
from dataclasses import dataclass

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "related",
        re.compile(
            r"^(?:related(?: articles?| stories| story| coverage| content| reading)?|"
            r"read more|read also|see also|more on this|also read|recommended)\s*[:|–—-]",
            re.IGNORECASE,
        ),
    ),
    ("url", re.compile(r"^(?:<?(?:https?://|www\.)\S+>?)$", re.IGNORECASE)),
    (
        "credit",
        re.compile(
            r"(?:\bcontributed(?: additional)? reporting\b|"
            r"\bcontributed to this (?:report|article)\b|"
            r"^\(?(?:additional )?reporting by\b|^\(?writing by\b|^\(?editing by\b|"
            r"^\(?compiled by\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "promo",
        re.compile(
            r"^(?:follow (?:us|the)\b.*\bon (?:twitter|facebook|x|instagram)|sign up for\b|"
            r"subscribe to\b|click here\b|advertisement$|©|copyright\b)",
            re.IGNORECASE,
        ),
    ),
)
_CREDIT_NAMES = re.compile(
    r"^\(?(?P<lead>.+?)\s+contributed\b|\b(?:additional )?reporting by\s+(?P<by>[^;.)]+)",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s+in\s+[A-Z][\w ]+?(?=,|$))\s*")
MAX_BOILERPLATE_CHARS = 300


@dataclass(frozen=True)
class Boilerplate:
    start: int
    end: int
    kind: str
    text: str

    def __iter__(self):
        return iter((self.start, self.end, self.kind, self.text))


def classify_line(line: str) -> str | None:
    """The boilerplate kind of one stripped line, or None for prose."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_CHARS:
        return None
    for kind, pattern in _RULES:
        if pattern.search(stripped):
            return kind
    return None


def credited_names(line: str) -> list[str]:
    """Names credited by a credit line ("Reuters contributed reporting" -> ["Reuters"])."""
    match = _CREDIT_NAMES.search(line.strip())
    if not match:
        return []
    names = match.group("lead") or match.group("by") or ""
    names = re.sub(r"^(?:additional reporting by|reporting by)\s+", "", names, flags=re.I)
    return [n.strip(" .") for n in _NAME_SPLIT.split(names) if n and n.strip(" .")]


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Boilerplate spans in `text`, one per line, offsets exclusive of surrounding whitespace."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        kind = classify_line(line)
        if kind:
            start = offset + len(line) - len(line.lstrip())
            stripped = line.strip()
            spans.append(Boilerplate(start, start + len(stripped), kind, stripped))
        offset += len(line)
    return spans
