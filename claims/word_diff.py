"""A word diff of what was said and what was relayed, for readers: difflib over words."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

WORD_OR_SPACE = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "removed" (only in the original) or "added" (only in the relay)
    text: str


def word_diff(original: str, relayed: str) -> list[Piece]:
    """The relayed wording against the original, word by word, spaces kept."""
    before, after = WORD_OR_SPACE.findall(original), WORD_OR_SPACE.findall(relayed)
    pieces = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(Piece("removed", "".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(Piece("added", "".join(after[b1:b2])))
    return pieces
