"""extract(): segment, attribute, score and classify the sentences of one text."""

from dataclasses import dataclass, field

from .aliases import AliasIndex
from .attribution import Attribution, Attributor, Link, Span
from .boilerplate import find_boilerplate
from .checkworthiness import score
from .dateline import find_datelines
from .kinds import classify
from .quotes import assign_quotations
from .segment import line_spans, split_sentences
from .tagger import default_tagger
from .transcript import assign_turns, find_turns


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

    def mention(self) -> dict | None:
        """The words of this sentence that refer to the speaker ("he", "Ospanov", "the
        newspaper"); None when the speaker is named only in another sentence."""
        if self.speaker is None:
            return None
        start, end = self.speaker
        return {
            "text": self.text[start - self.start : end - self.start],
            "start": start,
            "end": end,
        }

    def as_dict(self) -> dict:
        claimant = self.claimant
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "is_claim": self.is_claim,
            "checkworthiness": round(self.checkworthiness, 4),
            "reasons": list(self.reasons),
            "kind": self.kind,
            "claimant": None
            if claimant is None
            else {
                "text": claimant.text,
                "start": claimant.start,
                "end": claimant.end,
                "source": claimant.source,
                "mention": self.mention(),
            },
            "unnamed_attribution": self.unnamed_attribution,
            "via": [
                {"text": link.text, "role": link.role, "source": link.source} for link in self.via
            ],
        }


_DEFAULT = object()


def extract(
    text: str,
    aliases: AliasIndex | None = None,
    threshold: float = 0.5,
    *,
    tagger=_DEFAULT,
    transcript: bool | None = None,
) -> list[Sentence]:
    """Sentences of `text` with offsets, attribution, check-worthiness and kind. `tagger`: the
    learned speaker tagger (the shipped one by default; None for the rules alone).
    `transcript`: read `SPEAKER: words` turns (None: when the text looks like a transcript)."""
    boilerplate = find_boilerplate(text)
    turns = find_turns(text, transcript)
    excluded = [(b.start, b.end) for b in (*boilerplate, *find_datelines(text))]
    excluded += [(turn.label_start, turn.label_end) for turn in turns]
    spans = split_sentences(text, excluded)
    tagger = default_tagger() if tagger is _DEFAULT else tagger
    sentences = _analyse(text, spans, aliases, threshold, tagger, turns)
    sentences.extend(
        Sentence(b.start, b.end, b.text, reasons=[f"boilerplate ({b.kind})"], boilerplate=b.kind)
        for b in boilerplate
    )
    return sorted(sentences, key=lambda s: s.start)


def extract_lines(
    text: str, aliases: AliasIndex | None = None, threshold: float = 0.5
) -> list[Sentence]:
    """Score each non-empty line of `text` as one sentence, without segmentation."""
    return _analyse(text, line_spans(text), aliases, threshold, default_tagger())


def _analyse(text, spans, aliases, threshold, tagger=None, turns=()) -> list[Sentence]:
    attributor = Attributor(aliases, tagger)
    attributions = [attributor.attribute(text[s:e], s) for s, e in spans]
    assign_quotations(text, spans, attributions)
    assign_turns(spans, attributions, turns, attributor.entities)
    return [
        _sentence(text, span, att, threshold) for span, att in zip(spans, attributions, strict=True)
    ]


def _sentence(text: str, span: tuple[int, int], att: Attribution, threshold: float) -> Sentence:
    start, end = span
    body = text[start:end]
    result = score(body)
    return Sentence(
        start=start,
        end=end,
        text=body,
        is_claim=result.value >= threshold,
        checkworthiness=result.value,
        reasons=result.reasons,
        kind=classify(body, result.features, att.cue_word),
        claimant=att.claimant,
        unnamed_attribution=att.unnamed,
        via=att.via,
        speaker=att.speaker,
    )
