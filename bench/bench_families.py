"""How a claim travelled, at scale: the family page of a claim repeated 1,000 times, on
PostgreSQL.

    .venv/bin/python bench/bench_families.py --appearances 1000

Uses its own database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
veracity_families_bench): migrates it and, once, loads one family of --appearances published
claims (each in its own article, 12 outlets, dates over five years, a relay on every claim and
another fact-checker's review on one in ten). Then measures, through Django's test client:
- the family page rendered from the database (the page cache purged before every request):
  its chart and counts over every appearance, its timeline's first page of 25;
- the same page answered from the page cache;
- the claim page, which counts the family ("This claim appeared 1,000 times since …").
Prints a Markdown table for docs/performance.md.
"""

import argparse
import os
import secrets
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_db import start_django  # noqa: E402

start_django("veracity_families_bench")

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article  # noqa: E402
from claims.models import (  # noqa: E402
    Attribution,
    Claim,
    ClaimStatus,
    ExternalReview,
    Rating,
    Verdict,
)
from core.page_cache import purge_public_pages  # noqa: E402
from sources.models import Source  # noqa: E402

STATEMENT = "Tokayev won the 2019 snap presidential election with nearly 71 percent of the vote"
OUTLETS = 12
FIRST_DAY = datetime(2019, 6, 10, 9, tzinfo=UTC)
TARGET_MS = 50


def family_root() -> Claim | None:
    return Claim.objects.filter(statement=STATEMENT, duplicate_of=None).first()


@transaction.atomic
def load_family(appearances: int) -> Claim:
    """One family of published claims, written in bulk (the workflow is not what is measured)."""
    users = get_user_model().objects
    author = users.get_or_create(username="bench-reviewer")[0]
    approver = users.get_or_create(username="bench-editor")[0]
    outlets = [
        Source.objects.get_or_create(
            slug=f"bench-outlet-{n}", defaults={"name": f"Bench Outlet {n}", "kind": "news_outlet"}
        )[0]
        for n in range(OUTLETS)
    ]
    claimant = Source.objects.get_or_create(
        slug="bench-claimant", defaults={"name": "Bench Claimant", "kind": "person"}
    )[0]
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bench article {n}",
            body=f"{STATEMENT}, Bench Claimant said. Article {n}.",
            raw="",
            publisher=outlets[n % OUTLETS],
            published_at=FIRST_DAY + timedelta(days=n * 1800 // appearances),
            content_hash=secrets.token_hex(16),
        )
        for n in range(appearances)
    )
    claims = []
    for article in articles:
        claim = Claim(
            article=article,
            start=0,
            end=len(STATEMENT),
            statement=STATEMENT,
            claimant=claimant,
            status=ClaimStatus.PUBLISHED,
        )
        claim.anchor_from_article()
        claims.append(claim)
    root, *others = Claim.objects.bulk_create(claims[:1]) + claims[1:]
    for claim in others:
        claim.duplicate_of = root
    claims = [root, *Claim.objects.bulk_create(others)]
    rating = Rating.objects.get(slug="mostly-true")
    Verdict.objects.bulk_create(
        Verdict(
            claim=claim,
            rating=rating,
            summary="Nearly right.",
            author=author,
            approved_by=approver,
            published_at=claim.article.published_at + timedelta(days=2),
        )
        for claim in claims
    )
    Attribution.objects.bulk_create(
        link
        for claim in claims
        for link in (
            Attribution(claim=claim, position=0, role="said", source=claimant),
            Attribution(claim=claim, position=1, role="quoted_by", source=outlets[claim.pk % 5]),
        )
    )
    ExternalReview.objects.bulk_create(
        ExternalReview(
            claim=claim,
            url=f"https://factcheck.example/{claim.pk}",
            publisher_name="Example Fact Check",
            rating_text="False",
        )
        for claim in claims[::10]
    )
    return root


def timed_get(client: Client, url: str, repeats: int, *, purge: bool):
    """Wall-clock and this process's CPU milliseconds per request, and the queries it ran."""
    timings, cpu, queries = [], [], 0
    for _ in range(repeats):
        if purge:
            purge_public_pages()
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, secure=True)  # production settings redirect to HTTPS
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return timings, cpu, queries


def row(name: str, measured, target: str) -> str:
    timings, cpu, queries = measured
    p95 = sorted(timings)[max(0, round(len(timings) * 0.95) - 1)]
    return (
        f"| {name} | {len(timings)} | {queries} | {statistics.median(timings):.1f} | {p95:.1f} "
        f"| {statistics.median(cpu):.1f} | {target} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appearances", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production static storage
    root = family_root()
    if root is None or Claim.objects.filter(duplicate_of=root).count() + 1 != args.appearances:
        Claim.objects.filter(statement=STATEMENT).update(duplicate_of=None)
        print(f"Loading a family of {args.appearances:,} published appearances…", flush=True)
        root = load_family(args.appearances)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would soon after a load
    family = f"/claims/{root.pk}-{root.slug}/travels/"
    client = Client()
    client.get(family, secure=True)  # warm: templates compiled, connection open
    print(f"\nA family of {args.appearances:,} appearances, PostgreSQL {connection.pg_version}\n")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| measure | runs | queries | median ms | p95 ms | median CPU ms (app) | target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    measured = timed_get(client, family, args.repeats, purge=True)
    print(row("family page, rendered from the database", measured, f"< {TARGET_MS} ms"))
    measured = timed_get(client, family, args.repeats, purge=False)
    print(row("family page, from the page cache", measured, "–"))
    measured = timed_get(client, root.get_absolute_url(), args.repeats, purge=True)
    print(row("claim page with the family count", measured, "–"))
    measured = timed_get(client, "/methodology/", args.repeats, purge=True)
    print(row("methodology page (baseline: one query)", measured, "–"))


if __name__ == "__main__":
    main()
