"""Newsroom plain text -> normalised body with an exact map back to the raw offsets.

Hard-wrapped lines are joined into paragraphs separated by a blank line ("\n\n"). A hyphen at
a line end is kept when it joins a compound ("66-\nyear-old", "state-\nrun") and dropped when it
splits a word ("elec-\ntion"). Boilerplate lines stay in the text as their own paragraphs and
are listed in `boilerplate`, so offsets stay trivially exact and the body stays auditable.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .boilerplate import Boilerplate, classify_line, credited_names, find_boilerplate
from .dateline import find_datelines

_LEFT_FRAGMENT = re.compile(r"([A-Za-z0-9]+)-$")
_RIGHT_FRAGMENT = re.compile(r"^([\w’'-]+)")


@dataclass
class Normalized:
    text: str
    offsets: list[int] = field(repr=False)
    boilerplate: list[Boilerplate]
    contributors: list[str]

    def to_original(self, offset: int) -> int:
        """Offset in the raw input for an offset in `text` (len(text) maps past the end)."""
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} outside 0..{len(self.text)}")
        return self.offsets[offset]


@cache
def _lexicon() -> frozenset[str]:
    path = Path(__file__).with_name("lexicon.txt")
    return frozenset(path.read_text(encoding="utf-8").split())


def _raw_lines(raw: str) -> list[tuple[int, str]]:
    """(offset, stripped line) for each line, offset pointing at the first kept character."""
    lines, offset = [], 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        lines.append((offset + lead, body.strip()))
        offset += len(line)
    return lines


def _paragraphs(raw: str) -> list[list[tuple[int, str]]]:
    """Blocks of consecutive non-blank lines; each boilerplate line is a block of its own."""
    blocks, current = [], []
    for start, line in _raw_lines(raw):
        if not line or classify_line(line):
            if current:
                blocks.append(current)
            current = []
            if line:
                blocks.append([(start, line)])
            continue
        current.append((start, line))
    if current:
        blocks.append(current)
    return blocks


def keeps_hyphen(left: str, right: str, document: str) -> bool:
    """Whether "left-\\nright" is a compound (keep the hyphen) or a split word (drop it)."""
    left_word = _LEFT_FRAGMENT.search(left)
    right_word = _RIGHT_FRAGMENT.search(right)
    if not left_word or not right_word:
        return True
    a, b = left_word.group(1), right_word.group(1)
    if a[-1].isdigit() or b[0].isdigit() or b[0].isupper() or "-" in b:
        return True
    joined = (a + b).lower()
    lower_doc = document.lower()
    if re.search(rf"\b{re.escape(joined)}\b", lower_doc):
        return False
    if f"{a}-{b}".lower() in lower_doc:
        return True
    words = _lexicon()
    if joined in words or joined.rstrip("s") in words:
        return False
    return a.lower() in words and b.lower().rstrip("s") in words


def normalize_text(raw: str) -> "Normalized":
    """Join wrapped lines, repair line-end hyphens, mark boilerplate; keep an offset map."""
    chars: list[str] = []
    offsets: list[int] = []
    for block in _paragraphs(raw):
        if chars:
            chars.extend("\n\n")
            offsets.extend((offsets[-1] + 1, offsets[-1] + 1))
        _append_block(block, raw, chars, offsets)
    offsets.append(len(raw) if not offsets else offsets[-1] + 1)
    text = "".join(chars)
    boilerplate = find_boilerplate(text)
    credited = [
        name for span in boilerplate if span.kind == "credit" for name in credited_names(span.text)
    ]
    wired = [dateline.agency for dateline in find_datelines(text) if dateline.agency]
    return Normalized(text, offsets, boilerplate, list(dict.fromkeys(credited + wired)))


def _append_block(block, raw: str, chars: list[str], offsets: list[int]) -> None:
    for index, (start, line) in enumerate(block):
        nxt = block[index + 1][1] if index + 1 < len(block) else None
        keep = line
        joiner = " "
        if nxt is not None and line.endswith("-") and _LEFT_FRAGMENT.search(line):
            joiner = ""
            if not keeps_hyphen(line, nxt, raw):
                keep = line[:-1]
        chars.extend(keep)
        offsets.extend(range(start, start + len(keep)))
        if nxt is not None and joiner:
            chars.append(joiner)
            offsets.append(start + len(line))
