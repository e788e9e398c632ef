"""`make eval`: one table of extraction figures, each with the command and data behind it.

    .venv/bin/python bench/eval.py [--quick]   (--quick skips the cross-validation runs)

Data under ../shared is located relative to the repository; when it is absent the rows say
"skipped (../shared absent)".
"""

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_attribution
import eval_checkworthiness
import eval_seed
import eval_sentences
import eval_speed
from eval_common import SKIPPED, progress

CMD = ".venv/bin/python bench/eval.py"
Row = tuple[str, str, str, str, str]


def _seed_rows() -> list[Row]:
    r = eval_seed.evaluate()
    data = "../shared/data/seed-gold.json, ../shared/seed/kazakhstan-election-2019.txt"
    return [
        (
            "Seed: check-worthy sentences >= 0.5",
            f"{r['above']}/{r['n_true']}",
            "10/10",
            "bench/eval_seed.py",
            data,
        ),
        (
            "Seed: not check-worthy < 0.5",
            f"{r['below']}/{r['n_false']}",
            "3/3",
            "bench/eval_seed.py",
            data,
        ),
        (
            "Seed: non-claim lines made claims",
            f"{r['leaked']}/{r['n_not_claims']}",
            "0/4",
            "bench/eval_seed.py",
            data,
        ),
        (
            "Seed: claimant / unnamed attribution right",
            f"{r['claimant_ok']}/{r['n_attributed']}",
            "7/7",
            "bench/eval_seed.py",
            data,
        ),
        (
            "Seed: via chain right",
            f"{r['chain_ok']}/{r['n_chains']}",
            "7/7",
            "bench/eval_seed.py",
            data,
        ),
        (
            "Seed: kind matches gold",
            f"{r['kind_ok']}/{r['n_kinds']}",
            "-",
            "bench/eval_seed.py",
            data,
        ),
    ]


def _claimbuster_rows() -> list[Row]:
    data = "../shared/data/checkworthiness/claimbuster-crowdsourced.csv"
    ours = eval_checkworthiness.claimbuster_cv()
    base = eval_checkworthiness.claimbuster_baseline()
    return [
        (
            "ClaimBuster 5-fold CV, shipped model: P / R / F1 (positive class)",
            _prf(ours),
            "F1 >= 0.88",
            "bench/eval_checkworthiness.py",
            data,
        ),
        (
            "ClaimBuster 5-fold CV, baseline TF-IDF word+char LR: P / R / F1",
            _prf(base),
            "-",
            "bench/eval_checkworthiness.py",
            data,
        ),
    ]


def _prf(r: dict) -> str:
    return (
        f"{r['precision']:.3f} / {r['recall']:.3f} / **{r['f1']:.3f}** "
        f"(macro F1 {r['macro_f1']:.3f}, weighted F1 {r['weighted_f1']:.3f})"
    )


def _clef_rows() -> list[Row]:
    r = eval_checkworthiness.clef_map()
    data = f"../shared/data/checkworthiness/clef2019-train/ ({r['documents']} documents)"
    rows = [
        (
            "CLEF-2019 train MAP (all documents)",
            f"{r['map']:.3f}",
            ">= 0.20",
            "bench/eval_checkworthiness.py",
            data,
        )
    ]
    label = f"CLEF-2019 train MAP ({r['unseen_documents']} debates not in ClaimBuster)"
    rows.append((label, f"{r['unseen_map']:.3f}", "-", "bench/eval_checkworthiness.py", data))
    return rows


def _polnear_rows() -> list[Row]:
    r = eval_attribution.evaluate()
    data = f"../shared/data/attribution/polnear-dev/ ({r['documents']} articles)"
    return [
        (
            "PolNeAR dev reporting-cue recall",
            f"{r['recall']:.3f} ({r['found']}/{r['gold']})",
            ">= 0.80",
            "bench/eval_attribution.py",
            data,
        ),
        (
            "PolNeAR dev speaker precision",
            f"{r['precision']:.3f} ({r['right']}/{r['proposed']})",
            ">= 0.85",
            "bench/eval_attribution.py",
            data,
        ),
    ]


def _speed_rows() -> list[Row]:
    rate = eval_speed.sentences_per_second()
    seed = eval_speed.seed_end_to_end()
    ingest = eval_speed.seed_ingest()
    return [
        (
            "Speed: sentences/s, one core, full pipeline",
            f"{rate['rate']:,.0f}",
            ">= 2,000",
            "bench/eval_speed.py",
            rate["corpus"],
        ),
        (
            "Speed: seed article, normalise + extract only (warm, median)",
            f"{seed['median_ms']:.1f} ms",
            "< 100 ms",
            "bench/eval_speed.py",
            "articles/fixtures/seed/kazakhstan-election-2019.txt",
        ),
        (
            f"Speed: seed article ingested into SQLite (warm, median of {ingest['runs']})",
            f"{ingest['median_ms']:.1f} ms ({ingest['claims']} claims)",
            "< 100 ms",
            "bench/eval_speed.py",
            "articles/fixtures/seed/kazakhstan-election-2019.txt, demo sources",
        ),
    ]


def _section(name: str, build: Callable[[], list[Row]]) -> list[Row]:
    progress(name)
    try:
        return build()
    except FileNotFoundError:
        return [(name, SKIPPED, "-", "-", "-")]
    except ImportError as error:
        return [(name, f"skipped ({error.name} missing: pip install -e '.[train]')", "-", "-", "-")]


def main() -> None:
    quick = "--quick" in sys.argv
    sections = [("Seed", _seed_rows), ("CLEF-2019", _clef_rows), ("PolNeAR", _polnear_rows)]
    sections.append(("PolNeAR sentences", eval_sentences.dev_rows))
    if not quick:
        sections.insert(1, ("ClaimBuster", _claimbuster_rows))
    sections.append(("Speed", _speed_rows))
    speed = _section(*sections.pop())  # first, before the heavy runs warm up the machine
    rows = [row for name, build in sections for row in _section(name, build)] + speed
    print(f"Command: {CMD}{' --quick' if quick else ''}\n")
    print(_markdown(("Figure", "Result", "Target", "Computed by", "Data"), rows))


def _markdown(header: tuple[str, ...], rows: list[Row]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


if __name__ == "__main__":
    main()
