"""Search and claim matching at scale, on PostgreSQL.

    .venv/bin/python bench/bench_search.py --claims 100000
    .venv/bin/python bench/bench_search.py --claims 1000000

Uses its own database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
veracity_bench): migrates it, tops it up to --claims synthetic claims with generate_load_data,
then measures over a fixed set of queries:
- search: the first page (20 results, ranked, with snippets) of Claim.objects.published().search();
- matching: match_new_claim() for a new claim reworded from an existing one (rolled back);
- pages: the public /claims/ list and the admin changelist (with and without a query), rendered
  through Django's test client with the page cache purged before every request.
Prints a Markdown table for docs/performance.md.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_db import start_django  # noqa: E402

start_django("veracity_bench")

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from search_queries import QUERIES  # noqa: E402

from articles.models import Article  # noqa: E402
from claims.matching.matches import match_new_claim  # noqa: E402
from claims.models import Claim  # noqa: E402
from core.page_cache import purge_public_pages  # noqa: E402

REWORDINGS = {"won": "took", "nearly": "almost", "arrested": "detained", "%": " percent"}
PAGE_SIZE = 20


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(action, repeats: int) -> list[float]:
    action()  # warm the caches once; real traffic is warm too
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def measure_search(repeats: int) -> list[float]:
    timings = []
    for query in QUERIES:

        def first_page(query=query):
            return list(Claim.objects.published().search(query)[:PAGE_SIZE])

        timings += timed(first_page, repeats)
    return timings


def reworded(statement: str) -> str:
    for word, other in REWORDINGS.items():
        statement = statement.replace(word, other)
    return f"{statement} last week"


def measure_matching(samples: int) -> tuple[list[float], int]:
    """Timings of match_new_claim, and how often it found the claim that was reworded."""
    rng = random.Random(7)
    last = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    timings, found = [], 0
    for _ in range(samples):
        original = Claim.objects.filter(pk__gte=rng.randint(1, last)).order_by("pk").first()
        with transaction.atomic():
            text = reworded(original.statement)
            article = Article.objects.create(title="Bench", body=f"{text}.", raw=text)
            claim = Claim(article=article, start=0, end=len(text), statement=text)
            claim.anchor_from_article()
            claim.save()
            start = time.perf_counter()
            matches = match_new_claim(claim)
            timings.append((time.perf_counter() - start) * 1000)
            found += any(match.claim.pk == original.pk for match in matches)
            transaction.set_rollback(True)
    return timings, found


def measure_page(client: Client, url: str, repeats: int) -> list[float]:
    def get():
        purge_public_pages()
        response = client.get(url, secure=True)  # production settings redirect to HTTPS
        assert response.status_code == 200, (url, response.status_code)

    return timed(get, repeats)


def admin_client() -> Client:
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client


def row(name: str, timings: list[float], target: float) -> str:
    p95 = percentile(timings, 0.95)
    verdict = "✓" if p95 < target else "✗"
    return (
        f"| {name} | {len(timings)} | {statistics.median(timings):.1f} | {p95:.1f} "
        f"| {target:.0f} {verdict} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=10, help="runs of each query")
    parser.add_argument(
        "--only", choices=["search", "matching", "pages"], help="measure one part, not all three"
    )
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    missing = args.claims - Claim.objects.count()
    if missing > 0:
        call_command("generate_load_data", claims=missing)
    total = Claim.objects.count()
    published = Claim.objects.published().count()
    print(f"\n{total:,} claims ({published:,} published), PostgreSQL {connection.pg_version}")

    anonymous, staff = Client(), admin_client()
    pages = [
        ("public list /claims/", anonymous, "/claims/"),
        ("public search /claims/?q=inflation almaty", anonymous, "/claims/?q=inflation+almaty"),
        ("admin changelist", staff, "/admin/claims/claim/"),
        ("admin search ?q=tokayev", staff, "/admin/claims/claim/?q=tokayev"),
    ]
    print("| measure | runs | median ms | p95 ms | target p95 ms |")
    print("| --- | ---: | ---: | ---: | --- |")
    if args.only in (None, "search"):
        timings = measure_search(args.repeats)
        print(row(f"search, first page of {PAGE_SIZE}", timings, 50), flush=True)
    if args.only in (None, "matching"):
        timings, found = measure_matching(args.repeats * 5)
        print(row("matching a new claim", timings, 50), flush=True)
        print(f"(matching found the reworded original {found} times of {len(timings)})")
    for name, client, url in pages if args.only in (None, "pages") else []:
        try:
            print(row(name, measure_page(client, url, args.repeats), 200), flush=True)
        except Exception as error:  # a broken page is a result too; the other rows still count
            print(f"| {name} | – | – | – | fails: {type(error).__name__}: {error} |", flush=True)


if __name__ == "__main__":
    main()
