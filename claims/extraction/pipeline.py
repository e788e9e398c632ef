"""extract(): segment, attribute, score and classify the sentences of one text."""

from dataclasses import dataclass, field

from .aliases import AliasIndex
from .attribution import Attribution, Attributor, Link, Span
from .boilerplate import find_boilerplate
from .checkworthiness import model_share, score
from .dateline import find_datelines
from .kinds import classify
from .ranking import rank_article
from .reported import named_source, reported_words
from .segment import line_spans, split_sentences
from .structure import line_kind

_OPEN_QUOTES = '“"'


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    is_claim: bool = False
    checkworthiness: float = 0.0
    reasons: list[str] = field(default_factory=list)
    kind: str = "fact"
    claimant: Span | None = None
    unnamed_attribution: str | None = None
    via: list[Link] = field(default_factory=list)
    speaker: tuple[int, int] | None = field(default=None, repr=False)
    boilerplate: str | None = None
    rank: int | None = None

    def as_dict(self) -> dict:
        claimant = self.claimant
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "is_claim": self.is_claim,
            "checkworthiness": round(self.checkworthiness, 4),
            "rank": self.rank,
            "reasons": list(self.reasons),
            "kind": self.kind,
            "claimant": None
            if claimant is None
            else {
                "text": claimant.text,
                "start": claimant.start,
                "end": claimant.end,
                "source": claimant.source,
            },
            "unnamed_attribution": self.unnamed_attribution,
            "via": [
                {"text": link.text, "role": link.role, "source": link.source} for link in self.via
            ],
        }


def extract(
    text: str, aliases: AliasIndex | None = None, threshold: float = 0.5, share: float | None = None
) -> list[Sentence]:
    """Sentences of `text` with offsets, attribution, check-worthiness, kind and rank; a
    sentence is a claim (proposed) when its score reaches `threshold` and its rank is within
    the article's top `share` (the model's by default)."""
    boilerplate = find_boilerplate(text)
    excluded = [(b.start, b.end) for b in (*boilerplate, *find_datelines(text))]
    spans = split_sentences(text, excluded)
    sentences = _analyse(text, spans, aliases)
    sentences.extend(
        Sentence(b.start, b.end, b.text, reasons=[f"boilerplate ({b.kind})"], boilerplate=b.kind)
        for b in boilerplate
    )
    rank_article(sentences, threshold, model_share() if share is None else share)
    return sorted(sentences, key=lambda s: s.start)


def extract_lines(
    text: str, aliases: AliasIndex | None = None, threshold: float = 0.5, share: float | None = None
) -> list[Sentence]:
    """Score each non-empty line of `text` as one sentence, without segmentation."""
    sentences = _analyse(text, line_spans(text), aliases)
    rank_article(sentences, threshold, model_share() if share is None else share)
    return sentences


def _analyse(text, spans, aliases) -> list[Sentence]:
    attributor = Attributor(aliases)
    attributions = [attributor.attribute(text[s:e], s) for s, e in spans]
    _continue_quotes(text, spans, attributions)
    return [_sentence(text, span, att) for span, att in zip(spans, attributions, strict=True)]


def _sentence(text: str, span: tuple[int, int], att: Attribution) -> Sentence:
    start, end = span
    body = text[start:end]
    structure = line_kind(body.strip())
    if structure:  # a caption or embedded post inside a paragraph
        return Sentence(
            start, end, body, reasons=[f"boilerplate ({structure})"], boilerplate=structure
        )
    words = reported_words(body, att, start)
    if words:
        result = score(words, cue=att.cue_word, source=named_source(body, att, start))
    else:
        result = score(body)
    return Sentence(
        start=start,
        end=end,
        text=body,
        checkworthiness=result.value,
        reasons=result.reasons,
        kind=classify(body, result.features, att.cue_word),
        claimant=att.claimant,
        unnamed_attribution=att.unnamed,
        via=att.via,
        speaker=att.speaker,
    )


def _continue_quotes(text: str, spans, attributions: list[Attribution]) -> None:
    """A quoted sentence without a cue takes its speaker from a neighbouring quote fragment:
    the next one when it is a quote or a lower-case tail ("he said."), else the previous quote."""
    for k, att in enumerate(attributions):
        if att.claimant or att.unnamed or not _opens_quote(text, spans[k]):
            continue
        nxt, prev = k + 1, k - 1
        if nxt < len(spans) and _continues(text, spans, k, nxt, attributions):
            _copy(attributions[nxt], att)
        elif prev >= 0 and _continues(text, spans, k, prev, attributions):
            _copy(attributions[prev], att)


def _continues(text: str, spans, k: int, other: int, attributions) -> bool:
    source = attributions[other]
    if not (source.claimant or source.unnamed) or not _same_paragraph(text, spans, k, other):
        return False
    body = text[spans[other][0] : spans[other][1]]
    return _opens_quote(text, spans[other]) or body[:1].islower() or any(q in body for q in '“”"')


def _copy(source: Attribution, target: Attribution) -> None:
    target.claimant, target.unnamed = source.claimant, source.unnamed
    target.via, target.cue_word = list(source.via), source.cue_word


def _opens_quote(text: str, span: tuple[int, int]) -> bool:
    return text[span[0] : span[1]].lstrip("'‘ ")[:1] in _OPEN_QUOTES


def _same_paragraph(text: str, spans, a: int, b: int) -> bool:
    first, second = sorted((a, b))
    return "\n\n" not in text[spans[first][1] : spans[second][0]]
