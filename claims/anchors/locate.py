"""Finding a claim's quote again in a later text of its article's page.

A claim is anchored by its quote in the text it was taken from, with the text just before and
after it (its prefix and suffix). In a later text its passage is

- unchanged: the same words in the same place: the quote's paragraph kept its place among the
  others (paragraphs before it may have been edited, added or removed) and still holds it;
- moved: the same words elsewhere (the paragraph moved, or the sentence went to another one);
- changed: not there word for word, but a passage close to it is: its new wording is kept;
- gone: nothing close enough is left.

The texts are aligned paragraph by paragraph (the body's blank-line blocks), then, for a
passage that changed, word by word against its paragraph's counterpart, with RapidFuzz's
Levenshtein alignment; ``fuzz.partial_ratio_alignment`` looks for a reworded passage that
also moved. Pure Python: no Django, so it is tested and benchmarked alone.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

BLOCK = re.compile(r"[^\n](?:[^\n]|\n(?!\n))*")  # a paragraph: up to a blank line
WORD = re.compile(r"\S+")
# How alike a passage must be to count as the quote reworded: the share of words in common
# (an edited figure or an added clause stays far above it; another sentence falls below),
# and the character score at which a passage anywhere in the text is considered at all.
SAME_PASSAGE_WORDS = 0.6
ANYWHERE_SCORE = 80


class Mark(StrEnum):
    UNCHANGED = "unchanged"
    MOVED = "moved"
    CHANGED = "changed"
    GONE = "gone"


@dataclass(frozen=True)
class Anchor:
    """A quote (``text[start:end]`` of the text it was taken from) with its context."""

    start: int
    end: int
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Found:
    mark: Mark
    start: int | None = None  # in the later text; None when gone
    end: int | None = None
    wording: str = ""  # the later text at start:end


GONE = Found(Mark.GONE)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _spans(pattern: re.Pattern, text: str, offset: int = 0) -> list[_Span]:
    return [_Span(m.start() + offset, m.end() + offset) for m in pattern.finditer(text)]


class Relocator:
    """One earlier text and one later text, aligned once; ``find`` places each anchor."""

    def __init__(self, before: str, after: str):
        self.before, self.after = before, after
        self.old_blocks, self.new_blocks = _spans(BLOCK, before), _spans(BLOCK, after)
        ops = Levenshtein.opcodes(
            [before[b.start : b.end] for b in self.old_blocks],
            [after[b.start : b.end] for b in self.new_blocks],
        )
        # For each old paragraph, the new paragraphs at its place in the alignment.
        self.places: list[range] = [range(0)] * len(self.old_blocks)
        for op in ops:
            for i in range(op.src_start, op.src_end):
                if op.tag == "equal":
                    j = op.dest_start + i - op.src_start
                    self.places[i] = range(j, j + 1)
                elif op.tag == "replace":
                    self.places[i] = range(op.dest_start, op.dest_end)

    def find(self, anchor: Anchor) -> Found:
        quote = self.before[anchor.start : anchor.end]
        home = self._home(anchor)
        found = self._word_for_word(quote, anchor, home)
        if found is not None:
            return found
        return self._reworded(quote, anchor, home) or GONE

    def _home(self, anchor: Anchor) -> _Span | None:
        """Where the quote's paragraphs are now: the span of their counterparts, if any."""
        indices = [
            i
            for i, block in enumerate(self.old_blocks)
            if block.start < anchor.end and anchor.start < block.end
        ]
        places = [j for i in indices for j in self.places[i]]
        if not places:
            return None
        return _Span(self.new_blocks[min(places)].start, self.new_blocks[max(places)].end)

    def _word_for_word(self, quote: str, anchor: Anchor, home: _Span | None) -> Found | None:
        starts = [m.start() for m in re.finditer(re.escape(quote), self.after)]
        if not starts:
            return None
        at_home = [s for s in starts if home and home.start <= s and s + len(quote) <= home.end]
        start = max(at_home or starts, key=lambda s: self._context_score(anchor, s, len(quote)))
        mark = Mark.UNCHANGED if at_home else Mark.MOVED
        return Found(mark, start, start + len(quote), quote)

    def _context_score(self, anchor: Anchor, start: int, length: int) -> float:
        before = self.after[max(0, start - len(anchor.prefix)) : start]
        after = self.after[start + length : start + length + len(anchor.suffix)]
        return fuzz.ratio(anchor.prefix, before) + fuzz.ratio(anchor.suffix, after)

    def _reworded(self, quote: str, anchor: Anchor, home: _Span | None) -> Found | None:
        """The quote's passage reworded: at its place first, else anywhere in the text."""
        regions = [home] if home else []
        anywhere = fuzz.partial_ratio_alignment(quote, self.after, score_cutoff=ANYWHERE_SCORE)
        if anywhere is not None:
            regions.append(self._block_at(anywhere.dest_start))
        for region in regions:
            found = self._mapped(quote, anchor, region)
            if found is not None:
                return found
        return None

    def _block_at(self, offset: int) -> _Span:
        """The paragraph at ``offset``, or the next one when it falls between two."""
        return next(b for b in self.new_blocks if offset < b.end)

    def _mapped(self, quote: str, anchor: Anchor, region: _Span) -> Found | None:
        """The words of ``region`` that the quote's words (and the words around it) align
        with, if they are alike enough to be the same passage."""
        paragraph = self._old_paragraph(anchor)
        old = _spans(WORD, self.before[paragraph.start : paragraph.end], paragraph.start)
        new = _spans(WORD, self.after[region.start : region.end], region.start)
        inside = [k for k, w in enumerate(old) if w.start < anchor.end and anchor.start < w.end]
        if not inside or not new:
            return None
        alignment = _WordAlignment(
            [self.before[w.start : w.end] for w in old], [self.after[w.start : w.end] for w in new]
        )
        candidates = []
        for first, last in alignment.candidates(inside[0], inside[-1]):
            start, end = new[first].start, new[last].end
            wording = self.after[start:end]
            candidates.append((_word_share(quote, wording), start, end, wording))
        if not candidates:
            return None
        share, start, end, wording = max(candidates)
        if share < SAME_PASSAGE_WORDS:
            return None
        return Found(Mark.CHANGED, start, end, wording)

    def _old_paragraph(self, anchor: Anchor) -> _Span:
        blocks = [b for b in self.old_blocks if b.start < anchor.end and anchor.start < b.end]
        return _Span(blocks[0].start, blocks[-1].end)


def _word_share(quote: str, wording: str) -> float:
    """The share of words two passages have in common, in order (0 to 1)."""
    return Indel.normalized_similarity(quote.split(), wording.split())


class _WordAlignment:
    """Old words aligned with new ones; which new words stand where a run of old words was."""

    def __init__(self, old: list[str], new: list[str]):
        self.old_length, self.new_length = len(old), len(new)
        self.ops = Levenshtein.opcodes(old, new)

    def _op(self, index: int):
        return next(op for op in self.ops if op.src_start <= index < op.src_end)

    def _kept(self, index: int) -> int | None:
        """Where an old word is in the new text, if it was kept as it was."""
        op = self._op(index)
        return op.dest_start + index - op.src_start if op.tag == "equal" else None

    def _first(self, index: int) -> int:
        op = self._op(index)
        if op.tag == "delete":
            return op.dest_start
        return op.dest_start + min(index - op.src_start, max(op.dest_end - op.dest_start - 1, 0))

    def _last(self, index: int) -> int:
        op = self._op(index)
        if op.tag == "delete":
            return op.dest_start - 1
        if op.tag == "replace" and op.src_end <= index + 1:
            return op.dest_end - 1
        return op.dest_start + min(index - op.src_start, max(op.dest_end - op.dest_start - 1, 0))

    def candidates(self, first: int, last: int) -> list[tuple[int, int]]:
        """New word ranges (first, last) standing where the old words first..last were: one
        bounded by where the quote's own words went, one by the kept words just outside it
        (which takes in words added at either edge; a paragraph's edge counts as kept)."""
        by_words = (self._first(first), self._last(last))
        before = self._kept(first - 1) if first > 0 else -1
        after = self._kept(last + 1) if last + 1 < self.old_length else self.new_length
        by_context = (
            by_words[0] if before is None else before + 1,
            by_words[1] if after is None else after - 1,
        )
        return [(a, b) for a, b in {by_words, by_context} if 0 <= a <= b < self.new_length]
