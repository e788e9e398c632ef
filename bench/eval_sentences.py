"""Sentence-level attribution on PolNeAR: is each attributed sentence given its speaker?

Gold: a sentence of ours (non-boilerplate) lies inside an annotated Content span when at least
half of its characters do; it is attributed when one of those relations has a Source and a
reporting Cue (``polnear.REPORTING``). Recall: attributed sentences whose claimant (or unnamed
attribution) is an annotated Source of the sentence. Precision: of every sentence given a
claimant or an unnamed attribution, the share whose speaker is an annotated Source of a
relation (any cue) covering it.

A speaker is the annotated Source when the words of this sentence that name it (the mention)
overlap the Source span, when the claimant's own span in the article does (a quotation whose
speaker is named in another sentence), or when the resolved name and the Source share their
last word ("he" resolved to "Chuck Schumer" where the Source span reads "Schumer"); an
annotated pronoun counts only through its span.
"""

from collections import Counter
from collections.abc import Callable, Iterable

from polnear import Document, Relation

PRONOUNS = frozenset(
    ["i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them"]
)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _last_word(text: str) -> str:
    words = text.replace("’", "'").lower().split()
    return words[-1].removesuffix("'s").strip(".,'\"") if words else ""


def speaker_matches(sentence, source: tuple[int, int, str]) -> bool:
    span = source[:2]
    if sentence.speaker and _overlap(sentence.speaker, span):
        return True
    claimant = sentence.claimant
    if claimant and _overlap((claimant.start, claimant.end), span):
        return True
    if source[2].strip().lower() in PRONOUNS:
        return False
    name = claimant.text if claimant else sentence.unnamed_attribution or ""
    gold_words = {w.removesuffix("'s").strip(".,'\"") for w in source[2].lower().split()}
    return bool(name) and _last_word(name) in gold_words


def _covering(sentence, relations: Iterable[Relation]) -> list[Relation]:
    size = len(sentence.text.strip()) or 1
    span = (sentence.start, sentence.end)
    return [
        r for r in relations if r.content and _overlap(span, r.content[:2]) * 2 >= size and r.source
    ]


def evaluate(documents: list[Document], run: Callable[[str], list]) -> dict:
    counts = Counter()
    for doc in documents:
        for sentence in run(doc.text):
            if sentence.boilerplate is not None:
                continue
            covering = _covering(sentence, doc.relations)
            gold = [r.source for r in covering if r.reporting]
            given = sentence.claimant is not None or sentence.unnamed_attribution is not None
            if gold:
                counts["gold"] += 1
                counts["found"] += given and any(speaker_matches(sentence, g) for g in gold)
            if given:
                counts["given"] += 1
                counts["right"] += any(speaker_matches(sentence, r.source) for r in covering)
    return {
        "recall": counts["found"] / max(counts["gold"], 1),
        "precision": counts["right"] / max(counts["given"], 1),
        **counts,
    }
