"""Check-worthiness without leaks (evaluation only).

ClaimBuster: 5-fold cross-validation grouped by debate (File_id), so no debate is on both
sides; calibration and the proposal share are chosen inside each training part, also grouped.

CLEF-2019 training documents, leave one document out: the model is trained on ClaimBuster
(never on CLEF, whose terms allow evaluation and tuning only) without any debate of the held
out document; its regularisation C and its F1 threshold are chosen on the other documents.
"""

import csv
from datetime import date, datetime

from eval_common import DATA, progress

CLAIMBUSTER = DATA / "checkworthiness" / "claimbuster-crowdsourced.csv"
CLEF = DATA / "checkworthiness" / "clef2019-train"
C_GRID = (0.1, 0.3, 1.0)


def claimbuster_cv() -> dict:
    """Grouped 5-fold CV of the shipped recipe (features, calibration, share, threshold 0.5)."""
    from train_checkworthiness import cross_validate, load_claimbuster

    texts, labels, groups = load_claimbuster(CLAIMBUSTER)
    return cross_validate(texts, labels, groups, k=5, progress=progress)


def claimbuster_baseline() -> dict:
    """A strong standard baseline: TF-IDF word 1-2 + char 2-5 grams, balanced LR, same folds."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from train_checkworthiness import (
        f1_report,
        grouped_folds,
        load_claimbuster,
        mean_average_precision,
    )

    texts, labels, groups = load_claimbuster(CLAIMBUSTER)
    margins = [0.0] * len(labels)
    for n, test in enumerate(grouped_folds(groups, 5), start=1):
        progress(f"baseline grouped fold {n}/5")
        held = set(test)
        train = [i for i in range(len(texts)) if i not in held]
        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=3)
        train_texts = [texts[i] for i in train]
        x = hstack([words.fit_transform(train_texts), chars.fit_transform(train_texts)]).tocsr()
        clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=3000)
        clf.fit(x, [labels[i] for i in train])
        test_texts = [texts[i] for i in test]
        xt = hstack([words.transform(test_texts), chars.transform(test_texts)]).tocsr()
        for i, margin in zip(test, clf.decision_function(xt), strict=True):
            margins[i] = float(margin)
    return {
        **f1_report(labels, [int(m >= 0) for m in margins]),
        "map": mean_average_precision(margins, labels, groups),
    }


def _claimbuster_days(groups: list[str]) -> dict[str, date]:
    return {g: date.fromisoformat(g.removesuffix(".txt")) for g in set(groups)}


def _debates_of(name: str, days: dict[str, date]) -> set[str]:
    """ClaimBuster debates of the same event as a CLEF document (within a day)."""
    try:
        day = datetime.strptime(name[:8], "%Y%m%d").date()
    except ValueError:
        return set()
    return {g for g, d in days.items() if abs((day - d).days) <= 1}


def _clef_documents() -> list[tuple[str, list[str], list[int]]]:
    files = sorted(CLEF.glob("*.tsv"))
    if not files:
        raise FileNotFoundError(CLEF)
    documents = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            rows = [r for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r]
        documents.append((path.name, [r[2] for r in rows], [int(r[3]) for r in rows]))
    return documents


def clef_leave_one_out() -> dict:
    """MAP and F1 on the CLEF-2019 training documents, each scored by a model, C and
    threshold chosen without it."""
    from train_checkworthiness import featurize, fit, load_claimbuster, logit

    documents = _clef_documents()
    texts, labels, groups = load_claimbuster(CLAIMBUSTER)
    days = _claimbuster_days(groups)
    progress("featurising ClaimBuster and CLEF")
    train_features = featurize(texts)
    clef_features = [featurize(sentences) for _, sentences, _ in documents]
    excluded = [frozenset(_debates_of(name, days)) for name, _, _ in documents]
    logits: dict[float, list[list[float]]] = {}
    for c in C_GRID:
        models = {}
        for leave_out in sorted(set(excluded), key=sorted):
            progress(f"CLEF: training C={c} without {sorted(leave_out) or 'nothing'}")
            keep = [i for i, g in enumerate(groups) if g not in leave_out]
            models[leave_out] = fit([train_features[i] for i in keep], [labels[i] for i in keep], c)
        logits[c] = [
            [logit(models[excluded[d]], f) for f in clef_features[d]] for d in range(len(documents))
        ]
    return _leave_one_out_scores(documents, excluded, logits)


def _leave_one_out_scores(documents, excluded, logits) -> dict:
    from train_checkworthiness import average_precision, best_threshold, f1_report

    gold = [doc_labels for _, _, doc_labels in documents]
    precision = {
        c: [average_precision(list(zip(doc, gold[d], strict=True))) for d, doc in enumerate(rows)]
        for c, rows in logits.items()
    }
    held_out_ap, predictions, chosen = [], [], []
    for d in range(len(documents)):
        others = [o for o in range(len(documents)) if o != d]
        c = max(logits, key=lambda c: sum(precision[c][o] for o in others))
        pooled = [x for o in others for x in logits[c][o]]
        threshold = best_threshold(pooled, [y for o in others for y in gold[o]])
        held_out_ap.append(precision[c][d])
        predictions.extend(int(x >= threshold) for x in logits[c][d])
        chosen.append(c)
        progress(f"CLEF {documents[d][0]}: C={c}, AP {precision[c][d]:.3f}")
    unseen = [ap for ap, ex in zip(held_out_ap, excluded, strict=True) if not ex]
    return {
        **f1_report([y for doc in gold for y in doc], predictions),
        "map": sum(held_out_ap) / len(held_out_ap),
        "documents": len(documents),
        "unseen_map": sum(unseen) / len(unseen),
        "unseen_documents": len(unseen),
        "chosen_c": sorted(set(chosen)),
    }
