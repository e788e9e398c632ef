"""Speed: sentences per second on one core (full pipeline), seed article end to end."""

import statistics
import time

from eval_common import DATA, ROOT

from claims.extraction import AliasIndex, extract, normalize_text

SEED = ROOT / "articles" / "fixtures" / "seed" / "kazakhstan-election-2019.txt"
NEWS = DATA / "attribution" / "polnear-dev" / "text"


def _corpus() -> tuple[list[str], str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(NEWS.glob("*.txt"))]
    if texts:
        return texts, f"PolNeAR dev texts ({len(texts)} articles)"
    return [SEED.read_text(encoding="utf-8")] * 50, "seed article x50"


def sentences_per_second(repeats: int = 3) -> dict:
    """CPU time of one process (one core), best of `repeats` passes to damp machine noise."""
    texts, label = _corpus()
    extract(texts[0])
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        count = sum(len(extract(text)) for text in texts)
        best = min(best, time.process_time() - start)
    return {"rate": count / best, "sentences": count, "corpus": label}


def seed_end_to_end(aliases: AliasIndex | None = None, runs: int = 20) -> dict:
    raw = SEED.read_text(encoding="utf-8")
    timings = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        normalized = normalize_text(raw)
        extract(normalized.text, aliases)
        timings.append((time.perf_counter() - start) * 1000)
    return {"median_ms": statistics.median(timings[1:]), "max_ms": max(timings[1:])}
