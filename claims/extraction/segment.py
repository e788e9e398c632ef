"""Sentence segmentation with syntok, keeping exact character offsets.

syntok handles abbreviations ("U.S.", "Dr."), initials ("J. R. R. Tolkien"), decimals and
quotes, and is fast enough to segment while ingesting (blingfire is faster but splits initials;
pysbd is as correct but several times slower; figures in docs/extraction.md). Boilerplate spans
are cut out first so no sentence ever crosses one.
"""

import re
from collections.abc import Iterable, Iterator

import syntok.segmenter as syntok
from syntok._segmentation_states import State
from syntok.tokenizer import Tokenizer

from .speakers import words

_PARAGRAPH_BREAK = re.compile(r"\r?\n(?:\s*\r?\n)+")  # syntok's own paragraph separator
# syntok ends a sentence only at one of its terminals or an opening bracket; a paragraph with
# none of them before its final punctuation is one sentence, found without running syntok.
_SPLIT_POINT = re.compile(
    "["
    + re.escape("".join(c for t in State.terminals for c in t) + "".join(State.opening_brackets))
    + "]"
)
_ENDING = re.escape(
    "".join({c for t in State.terminals for c in t} | State.closing_quotes | State.closing_brackets)
)
_TRAILING = re.compile(rf"[{_ENDING}\s]*$")
_TOKENIZER = Tokenizer(replace_not_contraction=False)

# Titles before a name that syntok takes for a sentence end ("South Dakota Gov." | "Kristi Noem").
_TITLE_END = re.compile(
    r"(?:^|[\s(])(?:Gov|Lt|Cmdr|Rep|Sen|Gen|Col|Capt|Sgt|Adm|Maj|Brig|Cpl|Pvt|Supt|Insp|Det|"
    r"Atty|Rev|Fr|Msgr|Amb|Pres|Prof|Dr|Mr|Mrs|Ms|Hon)\.$"
)
_OPENERS = words("The A An He She It They We I In On At But And This That There")


def _regions(text: str, excluded: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    cursor = 0
    for start, end in sorted(excluded):
        if start > cursor:
            yield cursor, start
        cursor = max(cursor, end)
    if cursor < len(text):
        yield cursor, len(text)


def split_sentences(text: str, excluded: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, skipping the `excluded` spans."""
    spans = []
    for region_start, region_end in _regions(text, excluded):
        region = text[region_start:region_end]
        if not region.strip():
            continue
        for offset, paragraph in _paragraphs(region):
            found = [
                (region_start + start, region_start + end)
                for start, end in _sentences(paragraph, offset)
            ]
            spans.extend(_join_titles(text, found))
    return spans


def _paragraphs(region: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for match in _PARAGRAPH_BREAK.finditer(region):
        yield offset, region[offset : match.start()]
        offset = match.end()
    yield offset, region[offset:]


def _sentences(paragraph: str, offset: int) -> Iterator[tuple[int, int]]:
    stripped = paragraph.strip()
    if not stripped:
        return
    body = stripped[: _TRAILING.search(stripped).start()]
    if not _SPLIT_POINT.search(body):
        start = offset + paragraph.index(stripped[0])
        yield start, start + len(stripped)
        return
    # Offsets are added here: syntok's own base offset pads the text with that many spaces and
    # scans them, which made segmenting grow with the square of the article's length.
    for sentence in syntok.segment(_TOKENIZER.tokenize(paragraph)):
        yield offset + sentence[0].offset, offset + sentence[-1].offset + len(sentence[-1].value)


def _join_titles(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a sentence that ends with a title ("Gov.", "Lt.") to the name that follows."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _TITLE_END.search(text[joined[-1][0] : joined[-1][1]]):
            first = text[start:end].split(maxsplit=1)[0]
            if first[:1].isupper() and first not in _OPENERS:
                joined[-1] = (joined[-1][0], end)
                continue
        joined.append((start, end))
    return joined


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, stripped: one sentence per line, no segmentation."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        offset += len(line)
    return spans
