"""Train the speaker filter (claims/extraction/speaker_filter.py) on PolNeAR train.

    nice .venv/bin/python bench/train_speaker_filter.py        # CV table, then write the model

Every training article goes through the shipped pipeline with the filter off; each sentence
given a speaker becomes one example: its features (``speaker_features``), labelled right or
wrong by the sentence-level evaluation (``bench/eval_sentences.py``), which also says whether
rejecting it would cost recall (a gold sentence whose speaker was right). The regularisation
C and the acceptance threshold are chosen by 5-fold cross-validation grouped by article: the
out-of-fold scores give, per threshold, the precision and recall the training split would get
with the filter; the threshold kept is the one with the best precision whose recall stays at or
above ``MIN_RECALL``. The model is then fitted on all of train, its bias shifted so that the
threshold sits at logit 0, and written as JSON (run time needs no scikit-learn). PolNeAR dev
is never read here.
"""

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_common import progress
from eval_sentences import judge
from polnear import documents

from claims.extraction.pipeline import extract
from claims.extraction.speaker_filter import MODEL_PATH, logit, speaker_features

FOLDS = 5
C_VALUES = (0.3, 1.0, 3.0)
THRESHOLDS = (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0, 1.25)  # logits: rejected below
MIN_RECALL = 0.90
PRUNE = 1e-3
MIN_COUNT = 5  # a feature seen in fewer training examples gets no weight


@dataclass(frozen=True)
class Example:
    features: list[str]
    article: str
    right: bool
    found: bool  # a gold sentence given its right speaker: rejecting it costs recall


def examples(docs) -> tuple[list[Example], Counter]:
    """The examples of every article, and the evaluation's counts with no filter."""
    rows, counts = [], Counter()
    for doc in docs:
        recorded = {}

        def record(text, spans, attributions, recorded=recorded):
            for span, feats in zip(spans, speaker_features(text, spans, attributions), strict=True):
                if feats is not None:
                    recorded[span[0]] = feats

        for j in judge(doc, extract(doc.text, speaker_filter=record)):
            counts.update(gold=j.gold, found=j.found, given=j.given, right=j.right)
            feats = recorded.get(j.sentence.start)
            if j.given and feats is not None:
                rows.append(Example(feats, doc.name, j.right, j.found))
    return rows, counts


def fit(rows: list[Example], c: float) -> dict:
    """Logistic regression (L-BFGS, deterministic) over one-hot features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for r in rows for f in r.features)
    kept = [{f: 1 for f in r.features if seen[f] >= MIN_COUNT} for r in rows]
    vectorizer = DictVectorizer(sparse=False)
    matrix = vectorizer.fit_transform(kept)
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(matrix, [int(r.right) for r in rows])
    names = vectorizer.get_feature_names_out()
    weights = {f: float(w) for f, w in zip(names, clf.coef_[0], strict=True) if abs(w) > PRUNE}
    return {"bias": float(clf.intercept_[0]), "weights": weights}


def out_of_fold(rows: list[Example], c: float) -> list[float]:
    from sklearn.model_selection import GroupKFold

    articles = [r.article for r in rows]
    scores = [0.0] * len(rows)
    for train, test in GroupKFold(n_splits=FOLDS).split(rows, groups=articles):
        model = fit([rows[i] for i in train], c)
        for i in test:
            scores[i] = logit(model, rows[i].features)
    return scores


def with_filter(rows, scores, counts: Counter, threshold: float) -> dict:
    """Precision and recall on train if every example scoring below `threshold` lost its
    speaker."""
    rejected = [r for r, s in zip(rows, scores, strict=True) if s < threshold]
    right = counts["right"] - sum(r.right for r in rejected)
    given = counts["given"] - len(rejected)
    found = counts["found"] - sum(r.found for r in rejected)
    return {
        "threshold": threshold,
        "precision": right / max(given, 1),
        "recall": found / max(counts["gold"], 1),
        "rejected": len(rejected),
        "rejected_right": sum(r.right for r in rejected),
    }


def best(table: list[dict]) -> dict:
    allowed = [row for row in table if row["recall"] >= MIN_RECALL]
    return max(allowed, key=lambda row: (row["precision"], row["recall"]))


def main() -> None:
    docs = documents("train")
    progress(f"running the pipeline on {len(docs)} training articles")
    rows, counts = examples(docs)
    base = with_filter(rows, [0.0] * len(rows), counts, float("-inf"))
    print(f"train without filter: P {base['precision']:.3f} R {base['recall']:.3f}, {counts}")
    print(f"{len(rows)} examples, {sum(not r.right for r in rows)} wrong")
    print("| C | threshold (logit) | precision | recall | rejected (of them right) |")
    print("|---|---|---|---|---|")
    chosen = None
    for c in C_VALUES:
        scores = out_of_fold(rows, c)
        table = [with_filter(rows, scores, counts, t) for t in THRESHOLDS]
        for row in table:
            print(
                f"| {c} | {row['threshold']} | {row['precision']:.3f} | {row['recall']:.3f} | "
                f"{row['rejected']} ({row['rejected_right']}) |"
            )
        pick = {**best(table), "c": c}
        if chosen is None or pick["precision"] > chosen["precision"]:
            chosen = pick
    print(f"chosen: {chosen}")
    model = fit(rows, chosen["c"])
    model = {
        "bias": round(model["bias"] - chosen["threshold"], 4),
        "weights": {f: round(w, 4) for f, w in sorted(model["weights"].items())},
        "about": (
            "Logistic regression over claims.extraction.speaker_filter features, trained on "
            f"PolNeAR train ({len(docs)} articles, {len(rows)} sentences given a speaker); "
            f"C = {chosen['c']} and the threshold (logit {chosen['threshold']}, now at 0) chosen "
            "by 5-fold cross-validation grouped by article: best precision with recall >= "
            f"{MIN_RECALL} (bench/train_speaker_filter.py)"
        ),
    }
    MODEL_PATH.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({len(model['weights'])} weights)")


if __name__ == "__main__":
    main()
