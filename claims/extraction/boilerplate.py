"""Lines that are not article prose: teasers, bare URLs, credits, promotions, and the page
structure of `structure.py` (headings, captions, embedded posts, timestamps, link lists)."""

import re
from dataclasses import dataclass

from .structure import is_heading, line_kind

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "related",
        re.compile(
            r"^(?:related(?: articles?| stories| story| coverage| content| reading)?|"
            r"read more|read also|see also|more on this|also read|recommended|"
            r"(?:more|latest) (?:from|on) [\w .'’-]{1,40}|don['’]t miss|trending|popular)"
            r"\s*[:|–—-]",
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
    return line_kind(stripped)


def credited_names(line: str) -> list[str]:
    """Names credited by a credit line ("Reuters contributed reporting" -> ["Reuters"])."""
    match = _CREDIT_NAMES.search(line.strip())
    if not match:
        return []
    names = match.group("lead") or match.group("by") or ""
    names = re.sub(r"^(?:additional reporting by|reporting by)\s+", "", names, flags=re.I)
    return [n.strip(" .") for n in _NAME_SPLIT.split(names) if n and n.strip(" .")]


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Boilerplate spans in `text`, one per line, offsets exclusive of surrounding whitespace.
    A line standing alone between blank lines may also be a heading."""
    spans = []
    offset = 0
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        kind = classify_line(line) or ("heading" if _alone(lines, index) else None)
        if kind:
            start = offset + len(line) - len(line.lstrip())
            stripped = line.strip()
            spans.append(Boilerplate(start, start + len(stripped), kind, stripped))
        offset += len(line)
    return spans


def _alone(lines: list[str], index: int) -> bool:
    """Whether the line is a paragraph of its own that reads as a heading."""
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 == len(lines) or not lines[index + 1].strip()
    return before and after and is_heading(lines[index])
