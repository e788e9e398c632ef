"""The words a sentence reports, so that the claim is scored and not its reporting clause.

"'I messed up,' Thomas allegedly told a supervisor." is scored as "I messed up", with the
fact of attribution as a feature of its own. Quoted words win; otherwise the sentence
without the speaker and cue (and a "that" or an addressee after them, or the appositive after
an inverted "..., said X, a member of ...").
"""

import re

from .attribution import Attribution, Attributor

_QUOTED = re.compile(
    r"[“\"](?P<double>[^“”\"]{2,}?)(?:[”\"]|$)|(?:^|(?<=[\s(—–-]))‘(?P<curly>[^‘’]{2,}?)’(?!\w)|"
    r"(?:^|(?<=[\s(—–-]))'(?P<plain>[^']{2,}?)'(?!\w)"
)
_LEAD_IN = re.compile(r"^[^,.;:“\"‘']{0,40}?\bthat\s+|^\s*[,:—–-]\s*", re.IGNORECASE)
_TRAIL = re.compile(r"[\s,;:—–-]+$")
MIN_WORDS = 3


def reported_words(sentence: str, attribution: Attribution, offset: int = 0) -> str | None:
    """What an attributed sentence reports, or None when nobody is reported or the words left
    are too few to score on their own."""
    if attribution.cue is None:
        return None
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(sentence)]
    quoted = [q.strip(" ,") for q in quoted if len(q.split()) >= 2]
    if quoted:
        words = " ".join(quoted)
    else:
        start, end = _clause(attribution, offset)
        before = _TRAIL.sub("", sentence[:start])
        after = _LEAD_IN.sub("", sentence[end:].strip()).strip()
        if before and _inverted(attribution):  # "..., said X, a member of ...": all tail
            after = ""
        if not any(char.isalnum() for char in after):
            after = ""
        words = " ".join(side for side in (before, after) if side)
    return words if len(words.split()) >= MIN_WORDS or quoted else None


def _inverted(attribution: Attribution) -> bool:
    return attribution.speaker is not None and attribution.cue[0] < attribution.speaker[0]


def _clause(attribution: Attribution, offset: int) -> tuple[int, int]:
    """The reporting clause: the speaker and cue, relative to the sentence."""
    spans = [attribution.cue, attribution.speaker]
    spans.extend((link.start, link.end) for link in attribution.via if link.end > link.start)
    spans = [span for span in spans if span is not None]
    return min(s for s, _ in spans) - offset, max(e for _, e in spans) - offset


def named_source(sentence: str, attribution: Attribution, offset: int = 0) -> str:
    """The name the sentence gives whoever it reports ("Thomas", "Organization for Security
    and Cooperation in Europe"); "" for a pronoun or an unnamed source."""
    claimant, speaker = attribution.claimant, attribution.speaker
    if claimant is None or speaker is None:
        return ""
    phrase = sentence[speaker[0] - offset : speaker[1] - offset]
    return claimant.text if claimant.text in phrase else ""


def reported_view(sentence: str) -> tuple[str, str, str]:
    """(words to score, reporting cue, named source) for a sentence read on its own, cue and
    source "" when nobody is reported: what training and evaluation use, so that they score
    sentences the way `extract` does."""
    attribution = Attributor().attribute(sentence)
    words = reported_words(sentence, attribution)
    if not words:
        return sentence, "", ""
    return words, attribution.cue_word, named_source(sentence, attribution)
