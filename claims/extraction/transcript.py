"""Transcripts: text in ``SPEAKER: words`` form, as debates, hearings and interviews appear.

A turn opens a line with a speaker label ("TRUMP:", "MR. SMITH:", "Anderson Cooper:", "Q:")
and runs to the next label; paragraphs without a label continue the turn. The label is kept out
of every sentence, and every sentence of the turn is attributed to its speaker (unless the label
is a lone letter, "Q:" or "A:", which says what the turn is, not who speaks). A text is
taken for a transcript when at least three paragraphs open with a label and labelled
paragraphs are at least half of them; ``extract(..., transcript=True)`` forces the reading.
"""

import re
from dataclasses import dataclass

from .entities import Span
from .speakers import words

_LABEL = re.compile(
    r"^[ \t]*(?P<label>(?:[A-Z][A-Za-z.'’-]*|[A-Z]{2,}[A-Za-z.'’-]*)"
    r"(?:[ \t]+(?:[A-Z][A-Za-z.'’-]*|of|the|de|van|von)){0,4}"
    r"(?:[ \t]*\([^)\n]{1,40}\))?)[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
_NOT_SPEAKERS = words("Note Update Editor's Correction Source Sources Photo Related Read")
MIN_TURNS = 3


@dataclass(frozen=True)
class Turn:
    speaker: str
    label_start: int
    label_end: int  # the words start here
    end: int  # up to the next label


def _labels(text: str) -> list[re.Match]:
    return [m for m in _LABEL.finditer(text) if m.group("label").split()[0] not in _NOT_SPEAKERS]


def _paragraph_count(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def find_turns(text: str, force: bool | None = None) -> list[Turn]:
    """The turns of a transcript; none when the text does not read as one (``force`` None),
    or is told not to (False)."""
    if force is False:
        return []
    labels = _labels(text)
    if force is None and (len(labels) < MIN_TURNS or len(labels) * 2 < _paragraph_count(text)):
        return []
    turns = []
    for k, match in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        speaker = re.sub(r"\s*\([^)]*\)", "", match.group("label")).strip()
        turns.append(Turn(speaker, match.start("label"), match.end(), end))
    return turns


def display_name(label: str) -> str:
    """ "MR. SMITH" -> "Mr. Smith"; a name already in mixed case stays as written."""
    return label.title() if label.isupper() else label


def assign_turns(spans, attributions, turns: list[Turn], entities) -> None:
    """Attribute every sentence of a turn to the turn's speaker (in place)."""
    k = 0
    for turn in turns:
        if len(turn.speaker) == 1:  # "Q:", "A:" name a role, not who speaks; the rules decide
            continue
        name = display_name(turn.speaker)
        span = entities.named(
            Span(name, turn.label_start, turn.label_start + len(turn.speaker)),
            person=len(name.split()) > 1,
        )
        while k < len(spans) and spans[k][0] < turn.end:
            if spans[k][0] >= turn.label_end:
                att = attributions[k]
                att.claimant, att.unnamed, att.speaker, att.via = span, None, None, []
                att.cue_word = att.cue_word or "said"
                att.rule, att.resolution, att.origin = "turn", "named", None
            k += 1
