"""Long documents through ingestion and extraction, on PostgreSQL.

    .venv/bin/python bench/bench_long_documents.py [--runs 2] [--background 0] [--profile F]

Uses its own database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
veracity_longdocs_bench), migrated and holding the demo newsroom (``load_demo``), plus
``--background`` synthetic claims (``generate_load_data``) for the new claims to be matched
against. Measures, with the immediate task backend (extraction runs inside the call, in chunks
that each commit, as a worker runs it):
- a 400,000-character article: the PolNeAR development articles (../shared/data) joined;
- claim-dense articles of 100,000, 200,000, 400,000 and 900,000 characters: ClaimBuster's
  factual sentences, four a paragraph (the time per claim should not grow with the article;
  the largest holds the ~5,000 claims of the issue's 400,000-character document);
- a 100,000-character transcript (``SPEAKER: words`` turns): the CLEF-2019 debates;
- a text over the size limit (2,000,000 characters): refused before any work.
Each run deletes what the previous one stored (the article, its claims, the sources it made),
so every run does the same work. ``--profile F`` writes a cProfile of the article's first run.
Prints a Markdown table for docs/performance.md.
"""

import argparse
import cProfile
import csv
import os
import secrets
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/veracity_longdocs_bench"
)
os.environ["TASK_BACKEND"] = ""  # the immediate backend: extraction runs inside the call
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402
import psycopg  # noqa: E402


def create_database(url: str) -> None:
    """The benchmark's own database, created on the first run."""
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


create_database(os.environ["DATABASE_URL"])
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402
from claims.ingest import IngestError, ingest_text  # noqa: E402
from claims.models import Claim  # noqa: E402
from sources.models import Source  # noqa: E402

ARTICLE_CHARS = 400_000
# ClaimBuster's sentences are longer than a news article's: the ~5,000 claims the issue's
# 400,000-character document holds take about 900,000 characters of them.
FIVE_THOUSAND_CLAIMS_CHARS = 900_000
TRANSCRIPT_CHARS = 100_000
NEWS = DATA / "attribution" / "polnear-dev" / "text"
DEBATES = DATA / "checkworthiness" / "clef2019-train"
CLAIMBUSTER = DATA / "checkworthiness" / "claimbuster-crowdsourced.csv"


def long_article(chars: int = ARTICLE_CHARS) -> str:
    """News articles joined into one text of about ``chars`` characters."""
    parts, size = [], 0
    for path in sorted(NEWS.glob("*.txt")):
        if size >= chars:
            break
        text = path.read_text(encoding="utf-8").strip()
        parts.append(text)
        size += len(text) + 2
    return "\n\n".join(parts)[:chars]


def dense_article(chars: int = ARTICLE_CHARS) -> str:
    """Claim-dense prose: ClaimBuster's factual debate sentences, four to a paragraph."""
    with CLAIMBUSTER.open(encoding="utf-8") as rows:
        sentences = [row["Text"] for row in csv.DictReader(rows) if row["Verdict"] in {"0", "1"}]
    paragraphs, size = [], 0
    for start in range(0, len(sentences), 4):
        if size >= chars:
            break
        paragraph = " ".join(sentences[start : start + 4])
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars]


def transcript(chars: int = TRANSCRIPT_CHARS) -> str:
    """Debate turns as ``SPEAKER: words`` paragraphs (consecutive lines of one speaker joined)."""
    turns: list[list[str]] = []
    for path in sorted(DEBATES.glob("*.tsv")):
        with path.open(encoding="utf-8") as rows:
            for _, speaker, sentence, _ in csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
                if turns and turns[-1][0] == speaker:
                    turns[-1].append(sentence)
                else:
                    turns.append([speaker, sentence])
    paragraphs, size = [], 0
    for speaker, *sentences in turns:
        if size >= chars:
            break
        paragraph = f"{speaker}: {' '.join(sentences)}"
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def prepare(background: int) -> None:
    call_command("migrate", verbosity=0)
    if not Source.objects.exists():
        call_command("load_demo", verbosity=0, stdout=StringIO())
    if background and Claim.objects.count() < background:
        call_command("generate_load_data", claims=background, verbosity=0)
    vacuum()


def vacuum() -> None:
    """What autovacuum does between runs: dead rows of the last run gone, statistics fresh."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def timed_ingest(text: str, title: str, profile: str | None = None) -> dict:
    """One ingestion with extraction; what it stored is deleted afterwards."""
    known = set(Source.objects.values_list("pk", flat=True))
    profiler = cProfile.Profile() if profile else None
    with CaptureQueriesContext(connection) as queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        article = ingest_text(text, title=title).article
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
        seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    article.refresh_from_db()
    claims = article.claims.count()
    assert article.extraction_state == "done", (article.extraction_state, article.extraction_error)
    article.claims.all().delete()  # claims protect their article
    Article.objects.filter(pk=article.pk).delete()
    Source.objects.exclude(pk__in=known).delete()
    vacuum()
    return {"seconds": seconds, "cpu": cpu, "claims": claims, "queries": len(queries)}


def refusal(chars: int) -> dict:
    text = ("The minister said the budget rose by 4 percent last year. " * (chars // 50))[:chars]
    started = time.perf_counter()
    try:
        ingest_text(text, title="Too long")
    except IngestError as error:
        return {"seconds": time.perf_counter() - started, "message": str(error)}
    raise AssertionError("a text over the limit was stored")


def row(name: str, chars: int, runs: list[dict], target: str) -> str:
    seconds = statistics.median(run["seconds"] for run in runs)
    cpu = statistics.median(run["cpu"] for run in runs)
    claims, queries = runs[-1]["claims"], runs[-1]["queries"]
    return (
        f"| {name} | {chars:,} | {claims:,} | {queries:,} | {seconds:.1f} | {cpu:.1f} "
        f"| {claims / seconds:,.0f} | {target} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--background", type=int, default=0, help="synthetic claims to match")
    parser.add_argument("--profile", help="write a cProfile of the long article's first run")
    parser.add_argument("--only", choices=["article", "dense", "transcript", "refusal"])
    args = parser.parse_args()
    if not NEWS.is_dir() or not DEBATES.is_dir() or not CLAIMBUSTER.is_file():
        sys.exit(f"{DATA} is absent: this benchmark reads PolNeAR and CLEF-2019 from it.")
    settings.DEBUG = False
    prepare(args.background)
    article, speech = long_article(), transcript()
    print(f"\nPostgreSQL {connection.pg_version}, {Claim.objects.count():,} claims stored before")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(
        "| document | characters | claims | queries | median s | median CPU s (app) "
        "| claims/s | target |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    if args.only in (None, "article"):
        runs = [
            timed_ingest(article, "Long article", args.profile if n == 0 else None)
            for n in range(args.runs)
        ]
        print(row("article (PolNeAR joined)", len(article), runs, "≤ 30 s"), flush=True)
    if args.only in (None, "dense"):
        sizes = (ARTICLE_CHARS // 4, ARTICLE_CHARS // 2, ARTICLE_CHARS, FIVE_THOUSAND_CLAIMS_CHARS)
        for chars in sizes:  # linear?
            dense = dense_article(chars)
            runs = [timed_ingest(dense, "Claim-dense article") for _ in range(args.runs)]
            target = "≤ 30 s" if chars >= ARTICLE_CHARS else "linear"
            print(row("article (ClaimBuster sentences)", len(dense), runs, target), flush=True)
    if args.only in (None, "transcript"):
        runs = [timed_ingest(speech, "Long transcript") for _ in range(args.runs)]
        print(row("transcript (CLEF-2019 debates)", len(speech), runs, "≤ 5 s"), flush=True)
    if args.only in (None, "refusal"):
        limit = settings.VERACITY_MAX_ARTICLE_CHARS
        refused = refusal(limit + 1)
        print(
            f"| text over the limit: refused | {limit + 1:,} | 0 | – | "
            f"{refused['seconds']:.3f} | – | – | refused before work |"
        )
        print(f"\nThe refusal says: {refused['message']}")


if __name__ == "__main__":
    main()
