"""Speed: sentences per second on one core (full pipeline), seed article end to end."""

import json
import logging
import os
import secrets
import statistics
import tempfile
import time
from io import StringIO

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


def seed_ingest(runs: int = 20) -> dict:
    """The seed article through ``claims.ingest.ingest_text`` into a throwaway SQLite file
    (migrated, holding the demo's sources), with the immediate task backend: normalisation,
    the article row, contributors, then on commit extraction, source resolution, claims,
    chains and claim matching. The article, its claims and the sources a run created are
    deleted after each run, so every run does the same work; the first (cold) run is not
    counted."""
    with tempfile.TemporaryDirectory() as folder:
        _setup_django(f"sqlite:///{folder}/eval.sqlite3")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return _time_ingests(_load_demo_sources(), runs)


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["TASK_BACKEND"] = ""  # the immediate backend: extraction runs inside the call
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    logging.getLogger("django.tasks").setLevel(logging.WARNING)


def _load_demo_sources():
    """The demo's sources and aliases, as `load_demo` loads them; returns the publisher."""
    from claims.management.commands.load_demo import SEED_DIR, Command

    demo = json.loads((SEED_DIR / "demo.json").read_text(encoding="utf-8"))
    sources = Command(stdout=StringIO()).load_sources(demo["sources"])
    return sources[demo["article"]["publisher"]]


def _time_ingests(publisher, runs: int) -> dict:
    from claims.ingest import ingest_text
    from sources.models import Source

    raw = SEED.read_text(encoding="utf-8")
    known = set(Source.objects.values_list("pk", flat=True))
    timings, claims = [], 0
    for _ in range(runs + 1):
        start = time.perf_counter()
        article = ingest_text(raw, title="Seed", publisher=publisher).article
        timings.append((time.perf_counter() - start) * 1000)
        claims = article.claims.count()
        article.claims.all().delete()  # claims protect their article
        article.delete()
        Source.objects.exclude(pk__in=known).delete()
    return {"median_ms": statistics.median(timings[1:]), "claims": claims, "runs": runs}
