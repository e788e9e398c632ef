"""Quotations across sentences and paragraphs, and the speaker of every sentence inside one.

A quotation is read from its marks: curly “ ”, straight ", AP's '' (and `` as an opener),
and single ‘ ’ or ' when no double quotation is open. A straight mark opens after a space or
at a paragraph start and closes after a word or punctuation. The newswire convention is
followed: a paragraph that opens a quotation without closing it continues in the next
paragraph when that one opens with a mark; otherwise the quotation ends with its paragraph.

Every sentence that lies mostly inside a quotation takes the speaker of the quotation: the
attribution of a sentence that overlaps it with its cue outside the marks (before, inside or
after the quoted sentences), the nearest one when there are several; else, for a quotation
with no cue of its own, the speaker of the quotation just before it in the same or the
previous paragraph, or of a sentence ending in a colon just before it ("Vogel said:").
"""

import re
from dataclasses import dataclass

_MARK = re.compile(r"``|''|[“”\"‘’']")
_DOUBLE_TOGGLE = frozenset(('"', "''"))
_OPENS_AFTER = frozenset(" \t\n([{—–-/")


@dataclass
class Quotation:
    start: int
    end: int


def _opener_position(text: str, k: int) -> bool:
    return k == 0 or text[k - 1] in _OPENS_AFTER


def _word_after(text: str, k: int) -> bool:
    return k < len(text) and text[k].isalnum()


def find_quotations(text: str) -> list[Quotation]:
    """Quotation spans (marks included) in reading order."""
    found: list[Quotation] = []
    open_at, single, last_mark = None, False, 0
    paragraph_end = _next_break(text, 0)
    for match in _MARK.finditer(text):
        k, mark = match.start(), match.group(0)
        last_mark = k
        while k >= paragraph_end:  # crossing a paragraph break with a quotation open
            if open_at is not None and (single or not _reopens(text, paragraph_end, k)):
                if not single:
                    found.append(Quotation(open_at, paragraph_end))
                open_at, single = None, False
            paragraph_end = _next_break(text, paragraph_end + 1)
        if open_at is not None and _continuation_mark(text, k, found, open_at):
            continue
        if open_at is None:
            if mark in ("“", "``") or (mark in _DOUBLE_TOGGLE and _opener_position(text, k)):
                open_at, single = k, False
            elif mark in "‘'" and _opener_position(text, k) and _word_after(text, match.end()):
                open_at, single = k, True
            elif mark in ("”", *_DOUBLE_TOGGLE):  # a closing mark whose opener was lost
                found.append(Quotation(_paragraph_start(text, k), match.end()))
            continue
        if single:
            if mark in "’'" and not _word_after(text, match.end()):
                found.append(Quotation(open_at, match.end()))
                open_at, single = None, False
        elif mark in ("”", *_DOUBLE_TOGGLE):
            found.append(Quotation(open_at, match.end()))
            open_at = None
    if open_at is not None and not single:
        found.append(Quotation(open_at, _next_break(text, last_mark)))
    return found


def _continuation_mark(text: str, k: int, found, open_at: int) -> bool:
    """The opening mark of a paragraph that continues an open quotation."""
    return k > open_at and _paragraph_start(text, k) == k and text[k] in "“\"`'"


def _reopens(text: str, paragraph_end: int, k: int) -> bool:
    """The next paragraph opens with a quotation mark at `k`."""
    start = paragraph_end
    while start < len(text) and text[start].isspace():
        start += 1
    return start == k and text[k] in "“\"`'"


def _next_break(text: str, start: int) -> int:
    found = text.find("\n\n", start)
    return len(text) if found < 0 else found


def _paragraph_start(text: str, k: int) -> int:
    found = text.rfind("\n\n", 0, k)
    start = 0 if found < 0 else found + 2
    while start < k and text[start].isspace():
        start += 1
    return start


def _inside(span: tuple[int, int], quote: Quotation) -> int:
    return max(0, min(span[1], quote.end) - max(span[0], quote.start))


def assign_quotations(text: str, spans: list[tuple[int, int]], attributions: list) -> None:
    """Give every sentence inside a quotation the quotation's speaker (in place)."""
    quotes = find_quotations(text)
    if not quotes:
        return
    members = _members(text, spans, quotes)
    speakers = _speakers(spans, attributions, quotes)
    previous = None
    for q, quote in enumerate(quotes):
        source, rule = speakers.get(q), "quotation"
        if source is None:
            source, rule = _inherited(text, spans, attributions, quotes, q, previous)
        if source is None:
            continue
        previous = (q, source)
        for k in members.get(q, ()):
            own = attributions[k]
            if own is source:
                continue
            wholly_inside = spans[k][0] >= quote.start and spans[k][1] <= quote.end
            if wholly_inside or not (own.claimant or own.unnamed):
                carried = "\n\n" in text[quote.start : spans[k][0]]  # the newswire convention
                _copy(source, own, "carried-over quotation" if carried else rule)


def _members(text, spans, quotes) -> dict[int, list[int]]:
    """Sentences lying at least half inside each quotation."""
    members: dict[int, list[int]] = {}
    q = 0
    for k, span in enumerate(spans):
        while q < len(quotes) and quotes[q].end <= span[0]:
            q += 1
        best, best_size = None, 0
        for j in range(q, len(quotes)):
            if quotes[j].start >= span[1]:
                break
            size = _inside(span, quotes[j])
            if size > best_size:
                best, best_size = j, size
        length = len(text[span[0] : span[1]].strip()) or 1
        if best is not None and best_size * 2 >= length:
            members.setdefault(best, []).append(k)
    return members


def _speakers(spans, attributions, quotes) -> dict[int, object]:
    """For each quotation, the attribution of an overlapping sentence whose cue lies outside
    the marks, the one nearest the quotation's middle."""
    found: dict[int, list[tuple[int, object]]] = {}
    q = 0
    for span, att in zip(spans, attributions, strict=True):
        if att.cue is None or not (att.claimant or att.unnamed):
            continue
        while q < len(quotes) and quotes[q].end <= span[0]:
            q += 1
        for j in range(q, len(quotes)):
            quote = quotes[j]
            if quote.start >= span[1]:
                break
            if att.cue[1] <= quote.start or att.cue[0] >= quote.end:
                middle = (quote.start + quote.end) // 2
                found.setdefault(j, []).append((abs(att.cue[0] - middle), att))
    return {j: min(options, key=lambda o: o[0])[1] for j, options in found.items()}


def _inherited(text, spans, attributions, quotes, q, previous):
    """A quotation with no cue of its own continues the previous quotation in this or the
    previous paragraph, or follows a sentence ending in a colon: (that speaker, which), or
    (None, "")."""
    quote = quotes[q]
    before = [k for k, span in enumerate(spans) if span[1] <= quote.start]
    if before:
        k = before[-1]
        lead = text[spans[k][0] : spans[k][1]].rstrip()
        att = attributions[k]
        if lead.endswith(":") and (att.claimant or att.unnamed):
            return att, "after colon"
    if previous is None:
        return None, ""
    p, source = previous
    gap = text[quotes[p].end : quote.start]
    if gap.count("\n\n") > 1:
        return None, ""
    between = [k for k in before if spans[k][0] >= quotes[p].end]
    if any(attributions[k].claimant or attributions[k].unnamed for k in between):
        return None, ""
    return source, "previous quotation"


def _copy(source, target, rule: str) -> None:
    target.claimant, target.unnamed = source.claimant, source.unnamed
    target.via, target.cue_word = list(source.via), source.cue_word
    target.speaker = target.cue = None
    target.rule, target.resolution, target.origin = rule, source.resolution, source
