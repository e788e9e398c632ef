"""Train the check-worthiness model shipped in claims/extraction/.

Data: ClaimBuster crowdsourced (Arslan, Hassan, Li, Tremayne, ICWSM 2020), Verdict 1
(check-worthy factual) against 0 and -1. A logistic regression over the sparse features of
claims.extraction.features; the weights are exported to JSON so run-time scoring needs no
scikit-learn. The bias is shifted so that 0.5 is the F1-optimal threshold found by
cross-validation on the training data, grouped by debate; the same out-of-fold scores choose
the share of a document's sentences that may be proposed (claims.extraction.ranking).

    .venv/bin/python bench/train_checkworthiness.py  (needs the `train` extra: scikit-learn)
"""

import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.extraction.checkworthiness import sentence_features  # noqa: E402
from claims.extraction.features import word_tokens  # noqa: E402
from claims.extraction.ranking import proposals  # noqa: E402
from claims.extraction.reported import reported_view  # noqa: E402

SHARED = ROOT.parent / "shared"
CLAIMBUSTER = SHARED / "data" / "checkworthiness" / "claimbuster-crowdsourced.csv"
MODEL_DIR = ROOT / "claims" / "extraction"
C = 0.3
MIN_DF = 2
PRUNE = 1e-3
SHARES = (0.15, 0.2, 0.25, 0.3, 1 / 3)  # at most about a third of an article is proposed


def load_claimbuster(path: Path = CLAIMBUSTER) -> tuple[list[str], list[int], list[str]]:
    """Sentences, labels (Verdict 1 vs rest) and debates (File_id)."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels = [1 if r["Verdict"] == "1" else 0 for r in rows]
    return [r["Text"] for r in rows], labels, [r["File_id"] for r in rows]


def featurize(texts: list[str]) -> list[list[str]]:
    """Model features of each sentence as `extract` scores it (reported words and cue)."""
    return [sentence_features(*reported_view(t))[1] for t in texts]


def _matrix(feature_lists, vocab):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, feats in enumerate(feature_lists):
        for f in feats:
            j = vocab.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(feature_lists), len(vocab)))


def _vocabulary(feature_lists) -> dict[str, int]:
    df = Counter(f for feats in feature_lists for f in feats)
    kept = sorted(f for f, n in df.items() if n >= MIN_DF)
    return {f: i for i, f in enumerate(kept)}


def fit(feature_lists, labels, c: float = C) -> dict:
    """Fit on featurized sentences; return {"bias", "weights"} with raw (unshifted) bias."""
    from sklearn.linear_model import LogisticRegression

    vocab = _vocabulary(feature_lists)
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    clf.fit(_matrix(feature_lists, vocab), labels)
    weights = {f: float(w) for f, w in zip(vocab, clf.coef_[0], strict=True) if abs(w) > PRUNE}
    return {"bias": float(clf.intercept_[0]), "weights": weights}


def logit(model: dict, feats: list[str]) -> float:
    weights = model["weights"]
    return model["bias"] + sum(weights.get(f, 0.0) for f in feats)


def best_threshold(scores: list[float], labels: list[int]) -> float:
    """The logit threshold that maximises positive-class F1."""
    pairs = sorted(zip(scores, labels, strict=True), reverse=True)
    positives = sum(labels)
    best, best_f1, tp = pairs[0][0], 0.0, 0
    for k, (score, label) in enumerate(pairs, start=1):
        tp += label
        f1 = 2 * tp / (k + positives)
        if f1 > best_f1:
            best, best_f1 = score, f1
    return best


def calibrated_fit(feature_lists, labels, groups, inner_folds: int = 3) -> dict:
    """Fit, then shift the bias so the inner-CV F1-optimal threshold sits at probability 0.5,
    and choose the proposal share on the same out-of-fold scores; folds never split a debate."""
    scores = [0.0] * len(labels)
    for test in grouped_folds(groups, inner_folds):
        held = set(test)
        train = [i for i in range(len(labels)) if i not in held]
        model = fit([feature_lists[i] for i in train], [labels[i] for i in train])
        for i in test:
            scores[i] = logit(model, feature_lists[i])
    threshold = best_threshold(scores, labels)
    model = fit(feature_lists, labels)
    model["bias"] -= threshold
    model["share"] = best_share([s - threshold for s in scores], labels, groups)
    return model


def best_share(logits: list[float], labels: list[int], groups: list[str]) -> float:
    """The proposal share (of SHARES) with the best positive-class F1 at logit 0."""
    return max(SHARES, key=lambda share: f1_report(labels, propose(logits, groups, share))["f1"])


def propose(logits: list[float], groups: list[str], share: float) -> list[int]:
    """The ranking rule of claims.extraction.ranking applied to each document (group)."""
    predicted = [0] * len(logits)
    for members in by_group(groups).values():
        chosen = proposals([logits[i] for i in members], 0.0, share)
        for i, flag in zip(members, chosen, strict=True):
            predicted[i] = int(flag)
    return predicted


def by_group(groups: list[str]) -> dict[str, list[int]]:
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    return members


def grouped_folds(groups: list[str], k: int) -> list[list[int]]:
    """k test folds that never split a group (a debate)."""
    from sklearn.model_selection import GroupKFold

    splitter = GroupKFold(n_splits=k)
    return [list(test) for _, test in splitter.split(groups, groups, groups)]


def average_precision(scored: list[tuple[float, int]]) -> float:
    ranked = sorted(scored, key=lambda pair: -pair[0])
    hits, total = 0, 0.0
    for rank, (_, label) in enumerate(ranked, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def mean_average_precision(logits: list[float], labels: list[int], groups: list[str]) -> float:
    """Average precision of each document's ranking, averaged over documents."""
    precisions = [
        average_precision([(logits[i], labels[i]) for i in members])
        for members in by_group(groups).values()
    ]
    return sum(precisions) / len(precisions)


def cross_validate(texts, labels, groups, k: int = 5, progress=None) -> dict:
    """k-fold CV grouped by debate of the whole recipe (calibration and share included):
    F1 at probability 0.5, F1 of the proposal rule, MAP over debates."""
    feature_lists = featurize(texts)
    logits = [0.0] * len(labels)
    proposed = [0] * len(labels)
    for n, test in enumerate(grouped_folds(groups, k), start=1):
        if progress:
            progress(f"ClaimBuster grouped CV fold {n}/{k}")
        held = set(test)
        train = [i for i in range(len(labels)) if i not in held]
        model = calibrated_fit(
            [feature_lists[i] for i in train],
            [labels[i] for i in train],
            [groups[i] for i in train],
        )
        for i in test:
            logits[i] = logit(model, feature_lists[i])
        test_proposed = propose(
            [logits[i] for i in test], [groups[i] for i in test], model["share"]
        )
        for i, flag in zip(test, test_proposed, strict=True):
            proposed[i] = flag
    return {
        **f1_report(labels, [int(x >= 0) for x in logits]),
        "map": mean_average_precision(logits, labels, groups),
        "debates": len(set(groups)),
        "proposed": f1_report(labels, proposed),
        "proposed_share": sum(proposed) / len(proposed),
    }


def f1_report(labels: list[int], predictions: list[int]) -> dict[str, float]:
    """Positive-class precision, recall, F1, plus macro and support-weighted F1."""
    scores = {}
    for cls in (1, 0):
        tp = sum(1 for y, p in zip(labels, predictions, strict=True) if y == cls and p == cls)
        predicted = sum(1 for p in predictions if p == cls)
        actual = sum(1 for y in labels if y == cls)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[cls] = (precision, recall, f1, actual)
    positive = scores[1]
    total = positive[3] + scores[0][3]
    return {
        "precision": positive[0],
        "recall": positive[1],
        "f1": positive[2],
        "macro_f1": (positive[2] + scores[0][2]) / 2,
        "weighted_f1": (positive[2] * positive[3] + scores[0][2] * scores[0][3]) / total,
    }


def lexicon(texts: list[str]) -> list[str]:
    words = Counter(t for text in texts for t in word_tokens(text) if t.isalpha())
    return sorted(w for w in words if len(w) > 1)


def main() -> None:
    if not CLAIMBUSTER.exists():
        sys.exit(f"missing {CLAIMBUSTER}")
    texts, labels, groups = load_claimbuster()
    model = calibrated_fit(featurize(texts), labels, groups)
    model["weights"] = {f: round(w, 4) for f, w in sorted(model["weights"].items())}
    model["bias"] = round(model["bias"], 4)
    model["about"] = (
        "Logistic regression over claims.extraction.features.model_features, trained on "
        "ClaimBuster crowdsourced (Arslan et al., ICWSM 2020), Verdict 1 vs rest; "
        "bias shifted so probability 0.5 is the F1-optimal threshold; share: the part of a "
        "document's sentences that may be proposed, both chosen by cross-validation grouped "
        "by debate (bench/train_checkworthiness.py)"
    )
    out = MODEL_DIR / "checkworthiness_model.json"
    out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    (MODEL_DIR / "lexicon.txt").write_text("\n".join(lexicon(texts)) + "\n", encoding="utf-8")
    size = out.stat().st_size / 1e6
    print(f"wrote {out} ({len(model['weights'])} weights, {size:.2f} MB)")
    if "--cv" in sys.argv:
        print(cross_validate(texts, labels, groups, progress=lambda m: print(m, file=sys.stderr)))


if __name__ == "__main__":
    main()
