"""PolNeAR dev: does the extracted speaker span cover the annotated Source span?

Evaluation only. One .ann per article (the first annotator's when there are two). Scope:
attributions whose Cue contains a reporting word (REPORTING below: speech and report verbs
and "according to", a fixed list). An extracted speaker counts when its span overlaps the
annotated Source span (pronouns count as their own span, as annotated). Recall is over gold
reporting-cue attributions; precision over every speaker the extractor proposed, right when
it overlaps any annotated Source span in the article.
"""

import re
from collections import defaultdict

from eval_common import DATA, progress

from claims.extraction import extract

POLNEAR = DATA / "attribution" / "polnear-dev"
REPORTING = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|according to|report|reports|reported|"
    r"announce[sd]?|stated?|states|write|writes|wrote|written|add|adds|added|claim(?:s|ed)?|"
    r"argue[sd]?|insist(?:s|ed)?|explain(?:s|ed)?|note[sd]?|warn(?:s|ed)?|ask(?:s|ed)?|"
    r"quoted?|tweet(?:s|ed)?|declare[sd]?|confirm(?:s|ed)?|den(?:y|ies|ied)|"
    r"acknowledge[sd]?|admit(?:s|ted)?|allege[sd]?|repl(?:y|ies|ied)|respond(?:s|ed)?)\b",
    re.IGNORECASE,
)


def _parse(path):
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            ident, info, _text = line.split("\t", 2)
            kind, *ranges = info.split(" ")
            bounds = " ".join(ranges).split(";")
            start, end = int(bounds[0].split()[0]), int(bounds[-1].split()[1])
            spans[ident] = (kind, start, end, _text)
        elif line.startswith("E"):
            events.append(dict(part.split(":") for part in line.split("\t")[1].split()[1:]))
    return spans, events


def _documents():
    seen = set()
    for ann in sorted((POLNEAR / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text = POLNEAR / "text" / f"{stem}.txt"
        if stem not in seen and text.exists():
            seen.add(stem)
            yield text.read_text(encoding="utf-8"), _parse(ann)


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate() -> dict:
    counts = defaultdict(int)
    for n, (text, (spans, events)) in enumerate(_documents(), start=1):
        if n % 20 == 0:
            progress(f"PolNeAR document {n}")
        speakers = [s.speaker for s in extract(text) if s.speaker and s.boilerplate is None]
        sources = [spans[e["Source"]][1:3] for e in events if "Source" in e]
        counts["proposed"] += len(speakers)
        counts["right"] += sum(1 for sp in speakers if any(_overlaps(sp, g) for g in sources))
        for event in events:
            if "Source" not in event or "Cue" not in event:
                continue
            if not REPORTING.search(spans[event["Cue"]][3]):
                continue
            counts["gold"] += 1
            source = spans[event["Source"]][1:3]
            counts["found"] += any(_overlaps(sp, source) for sp in speakers)
        counts["documents"] += 1
    if not counts["documents"]:
        raise FileNotFoundError(POLNEAR)
    return {
        "recall": counts["found"] / counts["gold"],
        "precision": counts["right"] / counts["proposed"],
        **counts,
    }
