"""Train the speaker/cue tagger (claims/extraction/tagger.py) on PolNeAR train.

    nice .venv/bin/python bench/train_attribution.py          # train on all of train, write model
    nice .venv/bin/python bench/train_attribution.py --cv     # choose settings: 3-fold CV on train

Each sentence of a training article (our own segmentation and tokens) is labelled from the
attributions whose Cue holds a reporting word and whose Source and Cue both lie in it:
``B-S``/``I-S`` on the Source, ``B-C``/``I-C`` on the Cue, ``O`` elsewhere. The cue words
the tagger looks for are the cue tokens seen at least ``MIN_CUE`` times. Cross-validation
splits articles into three folds and scores each setting with the sentence-level measure of
``bench/eval_sentences.py`` on the held-out fold; PolNeAR dev is never read here.
"""

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pycrfsuite
from eval_common import progress
from eval_sentences import evaluate
from polnear import Document, documents

from claims.extraction.pipeline import extract
from claims.extraction.segment import split_sentences
from claims.extraction.speakers import tokenize
from claims.extraction.tagger import CUE_WORDS, MODEL, Tagger, features, quoted_tokens

MIN_CUE = 3
SETTINGS = {"c1": 0.05, "c2": 0.01, "max_iterations": 60, "feature.minfreq": 2}
CANDIDATES = [{"c1": 0.05, "c2": 0.01}, {"c1": 0.5, "c2": 0.01}]


def _label(tokens, start, relations) -> list[str]:
    labels = ["O"] * len(tokens)
    for relation in relations:
        for span, kind in ((relation.source, "S"), (relation.cue, "C")):
            inside = [
                k
                for k, t in enumerate(tokens)
                if t.start + start < span[1] and span[0] < t.end + start
            ]
            for n, k in enumerate(inside):
                labels[k] = f"{'B' if n == 0 else 'I'}-{kind}"
    return labels


def sentences(docs: list[Document]):
    """(tokens, labels) of every sentence."""
    for doc in docs:
        relations = [r for r in doc.relations if r.reporting]
        for start, end in split_sentences(doc.text):
            inside = [
                r
                for r in relations
                if start <= r.source[0]
                and r.source[1] <= end
                and start <= r.cue[0]
                and r.cue[1] <= end
            ]
            tokens = tokenize(doc.text[start:end])
            if tokens:
                yield tokens, _label(tokens, start, inside)


def cue_words(labelled) -> list[str]:
    counts = Counter(
        t.text.lower()
        for tokens, labels in labelled
        for t, lab in zip(tokens, labels, strict=True)
        if lab != "O" and lab.endswith("C") and t.text[0].isalpha()
    )
    return sorted(word for word, n in counts.items() if n >= MIN_CUE)


def train(docs: list[Document], model: Path, cues_path: Path, settings: dict) -> None:
    """Train on the sentences the tagger will read: those with a cue word outside quotes."""
    labelled = list(sentences(docs))
    cues = frozenset(cue_words(labelled))
    cues_path.write_text(json.dumps(sorted(cues), indent=0) + "\n", encoding="utf-8")
    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, labels in labelled:
        quoted = quoted_tokens(tokens)
        if any(t.text.lower() in cues for k, t in enumerate(tokens) if k not in quoted):
            trainer.append(features(tokens, quoted, cues), labels)
    trainer.set_params({**SETTINGS, **settings})
    trainer.train(str(model))


def cross_validate(docs: list[Document], folds: int = 3) -> None:
    rows = []
    for settings in [None, *CANDIDATES]:
        totals = Counter()
        for fold in range(folds):
            held = docs[fold::folds]
            rest = [d for k, d in enumerate(docs) if k % folds != fold]
            with tempfile.TemporaryDirectory() as folder:
                tagger = None
                if settings is not None:
                    model, cues = Path(folder) / "m.crfsuite", Path(folder) / "c.json"
                    started = time.process_time()
                    train(rest, model, cues, settings)
                    progress(f"{settings} fold {fold}: {time.process_time() - started:.0f}s")
                    tagger = Tagger(model, cues)
                result = evaluate(held, lambda text, t=tagger: extract(text, tagger=t))
            totals.update({k: v for k, v in result.items() if isinstance(v, int)})
        label = "rules only" if settings is None else f"rules + CRF {settings}"
        rows.append((label, totals["found"] / totals["gold"], totals["right"] / totals["given"]))
        progress(f"{label}: R {rows[-1][1]:.3f} P {rows[-1][2]:.3f}")
    print("| Setting | Recall | Precision |\n|---|---|---|")
    for label, recall, precision in rows:
        print(f"| {label} | {recall:.3f} | {precision:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="3-fold cross-validation on train")
    args = parser.parse_args()
    docs = documents("train")
    if args.cv:
        cross_validate(docs)
        return
    train(docs, MODEL, CUE_WORDS, {})
    print(f"Wrote {MODEL} ({MODEL.stat().st_size / 1e6:.1f} MB) and {CUE_WORDS}")


if __name__ == "__main__":
    main()
