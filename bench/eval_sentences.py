"""Sentence-level attribution on PolNeAR: is each attributed sentence given its speaker?

Gold: a sentence of ours (non-boilerplate) lies inside an annotated Content span when at least
half of its characters do; it is attributed when one of those relations has a Source and a
reporting Cue (``polnear.REPORTING``). Recall: attributed sentences whose claimant (or unnamed
attribution) is an annotated Source of the sentence. Precision: of every sentence given a
claimant or an unnamed attribution, the share whose speaker is the Source of a relation whose
Content or Source touches the sentence.

A speaker is the annotated Source when the words of this sentence that name it (the mention)
overlap the Source span, when the claimant's own span in the article does (a quotation whose
speaker is named in another sentence), or when the resolved name and the Source share their
last word ("Chuck Schumer" where the Source span reads "Schumer"). An annotated pronoun
("he") has no name to compare: it counts when our mention overlaps it, or, in another sentence
of the same quotation, when our claimant is the one we gave the sentence holding that pronoun.
PolNeAR does not annotate what a pronoun refers to, so whether "he" is resolved to the right
person is not checked.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from polnear import Document, Relation, documents

PRONOUNS = frozenset("i we you he she it they me us him her them".split())  # noqa: SIM905


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _words(text: str) -> list[str]:
    return [w.removesuffix("'s").strip(".,'\"") for w in text.replace("’", "'").lower().split()]


def _name(sentence) -> str:
    return sentence.claimant.text if sentence.claimant else sentence.unnamed_attribution or ""


def speaker_matches(sentence, source: tuple[int, int, str], resolved: dict) -> bool:
    span = source[:2]
    if sentence.speaker and _overlap(sentence.speaker, span):
        return True
    claimant = sentence.claimant
    if claimant and _overlap((claimant.start, claimant.end), span):
        return True
    name = _name(sentence)
    if source[2].strip().lower() in PRONOUNS:
        return bool(name) and resolved.get(span[:2]) == name
    words = _words(name)
    return bool(words) and words[-1] in _words(source[2])


def _touching(sentence, relations: list[Relation], half: bool) -> list[Relation]:
    size = len(sentence.text.strip()) or 1
    span = (sentence.start, sentence.end)
    found = []
    for r in relations:
        if not (r.source and r.content):
            continue
        inside = _overlap(span, r.content[:2])
        if inside * 2 >= size or (not half and (inside or _overlap(span, r.source[:2]))):
            found.append(r)
    return found


def _resolutions(sentences, relations: list[Relation]) -> dict:
    """Annotated Source span -> the name we gave the sentence whose mention covers it."""
    resolved = {}
    for sentence in sentences:
        if sentence.speaker is None:
            continue
        for r in relations:
            if r.source and _overlap(sentence.speaker, r.source[:2]):
                resolved[r.source[:2]] = _name(sentence)
    return resolved


@dataclass(frozen=True)
class Judged:
    """One sentence against the gold: attributed in the gold, given a speaker by us, and
    whether that speaker is right (an annotated Source of the sentence: ``found`` for a gold
    sentence, ``right`` for any sentence given one)."""

    sentence: object
    gold: bool
    given: bool
    found: bool
    right: bool


def judge(doc: Document, sentences: list) -> list[Judged]:
    """Every non-boilerplate sentence of `doc` as `run` gave it, judged."""
    sentences = [s for s in sentences if s.boilerplate is None]
    resolved = _resolutions(sentences, doc.relations)
    judged = []
    for sentence in sentences:
        gold = [r.source for r in _touching(sentence, doc.relations, True) if r.reporting]
        given = sentence.claimant is not None or sentence.unnamed_attribution is not None
        found = given and any(speaker_matches(sentence, g, resolved) for g in gold)
        right = given and any(
            speaker_matches(sentence, r.source, resolved)
            for r in _touching(sentence, doc.relations, False)
        )
        judged.append(Judged(sentence, bool(gold), given, found, right))
    return judged


def evaluate(documents: list[Document], run: Callable[[str], list]) -> dict:
    counts = Counter()
    for doc in documents:
        for j in judge(doc, run(doc.text)):
            counts["gold"] += j.gold
            counts["found"] += j.found
            counts["given"] += j.given
            counts["right"] += j.right
    return {
        "recall": counts["found"] / max(counts["gold"], 1),
        "precision": counts["right"] / max(counts["given"], 1),
        **counts,
    }


def dev_rows() -> list[tuple[str, str, str, str, str]]:
    """`make eval` rows: PolNeAR dev, sentence level, the shipped pipeline."""
    from claims.extraction import extract

    docs = documents("dev")
    r = evaluate(docs, extract)
    data = f"../shared/data/attribution/polnear-dev/ ({len(docs)} articles)"
    where = "bench/eval_sentences.py"
    return [
        (
            "PolNeAR dev sentence-level speaker recall",
            f"{r['recall']:.3f} ({r['found']}/{r['gold']})",
            ">= 0.88",
            where,
            data,
        ),
        (
            "PolNeAR dev sentence-level speaker precision",
            f"{r['precision']:.3f} ({r['right']}/{r['given']})",
            ">= 0.92",
            where,
            data,
        ),
    ]
