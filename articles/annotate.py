"""An article body cut into paragraphs of plain and highlighted pieces, for the annotated page."""

from dataclasses import dataclass

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Piece:
    text: str
    claim: object | None = None  # the claim this text is the quote of
    boilerplate: bool = False  # a teaser, bare URL or credit line, not the article's prose


def annotate(body: str, claims, boilerplate=()) -> list[list[Piece]]:
    """Paragraphs of ``body`` with each claim's quote (start:end) as its own piece.

    Claims that overlap an earlier one are left unmarked: highlights never nest.
    """
    spans = [(c.start, c.end, c, False) for c in sorted(claims, key=lambda c: c.start)]
    spans += [(start, end, None, True) for start, end, *_ in boilerplate]
    pieces, cursor = [], 0
    for start, end, claim, is_boilerplate in sorted(spans, key=lambda span: span[0]):
        if start < cursor or end > len(body):
            continue
        if start > cursor:
            pieces.append(Piece(body[cursor:start]))
        pieces.append(Piece(body[start:end], claim, is_boilerplate))
        cursor = end
    pieces.append(Piece(body[cursor:]))
    return _paragraphs(pieces)


def _paragraphs(pieces: list[Piece]) -> list[list[Piece]]:
    paragraphs: list[list[Piece]] = [[]]
    for piece in pieces:
        first, *rest = piece.text.split(PARAGRAPH_BREAK)
        paragraphs[-1].append(Piece(first, piece.claim, piece.boilerplate))
        for text in rest:
            paragraphs.append([Piece(text, piece.claim, piece.boilerplate)])
    return [
        [p for p in paragraph if p.text.strip()]
        for paragraph in paragraphs
        if any(p.text.strip() for p in paragraph)
    ]
