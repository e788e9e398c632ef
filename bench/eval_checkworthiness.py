"""Check-worthiness: ClaimBuster 5-fold CV and CLEF-2019 MAP (evaluation only)."""

import csv
from datetime import date, datetime

from eval_common import DATA, progress

from claims.extraction.checkworthiness import score

CLAIMBUSTER = DATA / "checkworthiness" / "claimbuster-crowdsourced.csv"
CLEF = DATA / "checkworthiness" / "clef2019-train"


def claimbuster_cv() -> dict:
    """5-fold CV of the shipped recipe (features, calibration, threshold 0.5)."""
    from train_checkworthiness import cross_validate, load_claimbuster

    texts, labels = load_claimbuster(CLAIMBUSTER)
    return cross_validate(texts, labels, k=5, progress=progress)


def claimbuster_baseline() -> dict:
    """A strong standard baseline: TF-IDF word 1-2 + char 2-5 grams, balanced LR, same folds."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from train_checkworthiness import f1_report, load_claimbuster, stratified_folds

    texts, labels = load_claimbuster(CLAIMBUSTER)
    predictions = [0] * len(labels)
    for n, test in enumerate(stratified_folds(labels, 5), start=1):
        progress(f"baseline fold {n}/5")
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
        for i, predicted in zip(test, clf.predict(xt), strict=True):
            predictions[i] = int(predicted)
    return f1_report(labels, predictions)


def _average_precision(scored: list[tuple[float, int]]) -> float:
    ranked = sorted(scored, key=lambda pair: -pair[0])
    hits, total = 0, 0.0
    for rank, (_, label) in enumerate(ranked, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def _claimbuster_dates() -> set[date]:
    if not CLAIMBUSTER.exists():
        return set()
    with CLAIMBUSTER.open(encoding="utf-8") as handle:
        ids = {row["File_id"] for row in csv.DictReader(handle)}
    return {date.fromisoformat(i.removesuffix(".txt")) for i in ids}


def _seen_in_training(name: str, dates: set[date]) -> bool:
    """Debates ClaimBuster also holds (same event within a day): the model saw those."""
    try:
        day = datetime.strptime(name[:8], "%Y%m%d").date()
    except ValueError:
        return False
    return any(abs((day - d).days) <= 1 for d in dates)


def clef_map() -> dict:
    """Mean average precision over the CLEF-2019 training documents (never trained on)."""
    dates = _claimbuster_dates()
    precisions, unseen = [], []
    files = sorted(CLEF.glob("*.tsv"))
    if not files:
        raise FileNotFoundError(CLEF)
    for path in files:
        with path.open(encoding="utf-8") as handle:
            rows = [r for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if r]
        precisions.append(_average_precision([(score(r[2]).value, int(r[3])) for r in rows]))
        if not _seen_in_training(path.name, dates):
            unseen.append(precisions[-1])
        progress(f"CLEF {path.name}: AP {precisions[-1]:.3f}")
    return {
        "map": sum(precisions) / len(precisions),
        "documents": len(files),
        "unseen_map": sum(unseen) / len(unseen),
        "unseen_documents": len(unseen),
    }
