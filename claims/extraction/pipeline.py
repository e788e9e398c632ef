"""extract(): segment, attribute, score and classify the sentences of one text."""

from dataclasses import dataclass, field

from .aliases import AliasIndex
from .attribution import Attribution, Attributor, Link, Span
from .boilerplate import find_boilerplate
from .checkworthiness import model_share, score
from .dateline import find_datelines
from .kinds import classify
from .quotes import assign_quotations
from .ranking import rank_article
from .reported import named_source, reported_words
from .segment import line_spans, split_sentences
from .speaker_filter import default_speaker_filter
from .structure import line_kind
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
    rank: int | None = None

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
    share: float | None = None,
    tagger=_DEFAULT,
    speaker_filter=_DEFAULT,
    transcript: bool | None = None,
) -> list[Sentence]:
    """Sentences of `text` with offsets, attribution, check-worthiness, kind and rank; a
    sentence is a claim (proposed) when its score reaches `threshold` and its rank is within
    the article's top `share` (the model's by default). `tagger`: the learned speaker tagger
    (the shipped one by default; None for the rules alone). `speaker_filter`: called with the
    text, the sentence spans and their attributions, it may take speakers away (the shipped
    learned filter by default; None keeps every speaker found). `transcript`: read
    `SPEAKER: words` turns (None: when the text looks like a transcript)."""
    boilerplate = find_boilerplate(text)
    turns = find_turns(text, transcript)
    excluded = [(b.start, b.end) for b in (*boilerplate, *find_datelines(text))]
    excluded += [(turn.label_start, turn.label_end) for turn in turns]
    spans = split_sentences(text, excluded)
    tagger = default_tagger() if tagger is _DEFAULT else tagger
    speaker_filter = default_speaker_filter() if speaker_filter is _DEFAULT else speaker_filter
    sentences = _analyse(text, spans, aliases, tagger, turns, speaker_filter)
    sentences.extend(
        Sentence(b.start, b.end, b.text, reasons=[f"boilerplate ({b.kind})"], boilerplate=b.kind)
        for b in boilerplate
    )
    sentences.sort(key=lambda s: s.start)
    rank_article(sentences, threshold, model_share() if share is None else share)
    return sentences


def extract_lines(
    text: str, aliases: AliasIndex | None = None, threshold: float = 0.5, share: float | None = None
) -> list[Sentence]:
    """Score each non-empty line of `text` as one sentence, without segmentation."""
    spans = line_spans(text)
    sentences = _analyse(text, spans, aliases, default_tagger(), (), default_speaker_filter())
    rank_article(sentences, threshold, model_share() if share is None else share)
    return sentences


def _analyse(text, spans, aliases, tagger, turns, speaker_filter) -> list[Sentence]:
    attributor = Attributor(aliases, tagger)
    attributions = [attributor.attribute(text[s:e], s) for s, e in spans]
    assign_quotations(text, spans, attributions)
    assign_turns(spans, attributions, turns, attributor.entities)
    if speaker_filter is not None:
        speaker_filter(text, spans, attributions)
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
