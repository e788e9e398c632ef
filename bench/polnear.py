"""PolNeAR (brat) reader shared by the attribution evaluation and the tagger's training script.

Each article: its text and its attributions, each with the Source, Cue and Content spans
(start, end, text) it has. One .ann per article: the first annotator's when there are two.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from eval_common import DATA

POLNEAR = DATA / "attribution"
REPORTING = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|according to|report|reports|reported|"
    r"announce[sd]?|stated?|states|write|writes|wrote|written|add|adds|added|claim(?:s|ed)?|"
    r"argue[sd]?|insist(?:s|ed)?|explain(?:s|ed)?|note[sd]?|warn(?:s|ed)?|ask(?:s|ed)?|"
    r"quoted?|tweet(?:s|ed)?|declare[sd]?|confirm(?:s|ed)?|den(?:y|ies|ied)|"
    r"acknowledge[sd]?|admit(?:s|ted)?|allege[sd]?|repl(?:y|ies|ied)|respond(?:s|ed)?)\b",
    re.IGNORECASE,
)

Span = tuple[int, int, str]
_SPAN_LINE = re.compile(r"^T\d+\t")


@dataclass(frozen=True)
class Relation:
    source: Span | None
    cue: Span | None
    content: Span | None

    @property
    def reporting(self) -> bool:
        """A Source and a Cue holding a reporting word (the evaluation's scope)."""
        return bool(self.source and self.cue and REPORTING.search(self.cue[2]))


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    relations: list[Relation]


def _parse(path: Path, text: str) -> list[Relation]:
    """Relations of one .ann; span texts are read from ``text`` (an annotated span's own text
    may run over several lines of the .ann)."""
    spans: dict[str, Span] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if _SPAN_LINE.match(line):
            ident, info, _ = line.split("\t", 2)
            _kind, *ranges = info.split(" ")
            bounds = " ".join(ranges).split(";")
            start, end = int(bounds[0].split()[0]), int(bounds[-1].split()[1])
            spans[ident] = (start, end, text[start:end])
        elif line.startswith("E"):
            events.append(dict(part.split(":") for part in line.split("\t")[1].split()[1:]))
    return [
        Relation(
            spans.get(event.get("Source")),
            spans.get(event.get("Cue")),
            spans.get(event.get("Content")),
        )
        for event in events
    ]


def documents(split: str) -> list[Document]:
    """The articles of ``split`` ("train" or "dev"); FileNotFoundError when absent."""
    folder = POLNEAR / f"polnear-{split}"
    docs, seen = [], set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text = folder / "text" / f"{stem}.txt"
        if stem not in seen and text.exists():
            seen.add(stem)
            body = text.read_text(encoding="utf-8")
            docs.append(Document(stem, body, _parse(ann, body)))
    if not docs:
        raise FileNotFoundError(folder)
    return docs
