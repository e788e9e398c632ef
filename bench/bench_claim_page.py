"""A claim page built from the database, part by part: where a full render's time goes.

    .venv/bin/python bench/bench_claim_page.py --claims 300

Runs in one process with the production settings on bench_http's database
(`veracity_bench_http`, filled on first use as bench_http fills it, related lists included)
and its Redis database. Each claim is one never rendered since the page cache was purged, so
every page is a full render; each part of ClaimDetailView is then timed on its own for the same
claims. Medians; the queries are those of one page. Prints a Markdown table and writes it to
the "Claim page" section of docs/performance.md with the machine's load.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import http_report
from bench.bench_http import DATABASE_URL, prepare_database, production_env, setup_django

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 20
MARKERS = ("<!-- bench_claim_page:start -->", "<!-- bench_claim_page:end -->")


def timed(call, claims) -> tuple[float, int]:
    """Median milliseconds of ``call(claim)`` over ``claims``, and the queries of the first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call(claims[0])
    times = []
    for claim in claims:
        started = time.perf_counter()
        call(claim)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries)


def whole_pages(paths: list[str]) -> tuple[list[float], int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.page_cache import purge_public_pages

    client, times = Client(), []
    purge_public_pages()
    for path in paths[1:]:
        started = time.perf_counter()
        assert client.get(path).status_code == 200, path
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(paths[0])
    return times, len(queries)


def measure_parts(claims) -> list[tuple[str, float, int]]:
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from claims.chain_display import chain_with_findings
    from claims.claimreview.build import build_claimreview
    from claims.families import travel_summary
    from claims.matching.related import _published_except, _related, related_claims
    from claims.public.views import RELATED_CLAIMS, ClaimDetailView

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    view = ClaimDetailView(request=request, kwargs={})
    pages = {claim.pk: view.get_queryset().get(pk=claim.pk) for claim in claims}
    loaded = [pages[claim.pk] for claim in claims]

    def context(claim):
        view.object = claim
        return view.get_context_data(object=claim)

    contexts = {claim.pk: context(claim) for claim in loaded}
    return [
        ("the claim with its chain, evidence and topics (`get_object`)",
         *timed(lambda c: view.get_queryset().get(pk=c.pk), claims)),
        ("related claims, the stored list", *timed(related_claims, loaded)),
        ("related claims, computed (a claim without a stored list)",
         *timed(lambda c: _related(c, _published_except(c), RELATED_CLAIMS), loaded)),
        ("the chain with its published findings", *timed(chain_with_findings, loaded)),
        ("the family's count (`travel_summary`; a page asks only when its claim is in a "
         "family)", *timed(travel_summary, loaded)),
        ("ClaimReview JSON-LD", *timed(lambda c: build_claimreview(c, request), loaded)),
        ("the whole context (`get_context_data`: with the above, other fact-checkers' "
         "reviews, and corrections once a verdict was corrected)", *timed(context, loaded)),
        ("the template", *timed(
            lambda c: render_to_string(view.template_name, contexts[c.pk], request), loaded
        )),
    ]  # fmt: skip


def report(parts, pages: list[float], page_queries: int, load, count: int) -> str:
    lines = [
        f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {count} claims, "
        f"load average {load[0][0]:.2f} before and {load[1][0]:.2f} after "
        f"({os.cpu_count()} cores); command: `make bench-claim-page`.",
        "",
        "| part of a full render | median ms | queries |",
        "| --- | ---: | ---: |",
        *(f"| {label} | {ms:.1f} | {queries} |" for label, ms, queries in parts),
        f"| **whole page through Django's test client** (p90 "
        f"{sorted(pages)[int(len(pages) * 0.9)]:.1f}) | **{statistics.median(pages):.1f}** | "
        f"{page_queries} |",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=300, help="claim pages to render")
    options = parser.parse_args()
    env = production_env(DATABASE_URL)
    env["ALLOWED_HOSTS"] = "testserver"
    prepare_database(env, 20_000)
    setup_django(env)
    from claims.models import Claim

    load_before = os.getloadavg()
    claims = list(Claim.objects.public_list()[: 2 * options.claims + WARM_UP])
    warm_up, claims = claims[:WARM_UP], claims[WARM_UP:]
    whole_pages([claim.get_absolute_url() for claim in warm_up])  # templates, prepared plans
    rendered, measured = claims[: options.claims], claims[options.claims :]
    pages, page_queries = whole_pages([claim.get_absolute_url() for claim in rendered])
    parts = measure_parts(measured)
    section = report(parts, pages, page_queries, (load_before, os.getloadavg()), options.claims)
    http_report.write_section(ROOT / "docs" / "performance.md", section, MARKERS)
    print(section)


if __name__ == "__main__":
    main()
