"""A claim page built from the database, part by part: where a full render's time goes.

    .venv/bin/python bench/bench_claim_page.py --claims 300

Runs in one process with the production settings on bench_http's database
(`veracity_bench_http`, filled on first use as bench_http fills it, related lists included)
and its Redis database. Each claim is one never rendered since the page cache was purged, so
every page is a full render; each part of ClaimDetailView is then timed on its own for the same
claims. Medians; the queries are those of one page. Prints a Markdown table and writes it to
the "Claim page" section of docs/performance.md with the machine's load.

    .venv/bin/python bench/bench_claim_page.py --claims 300 --instructions

also counts the instructions of a full render with valgrind's callgrind: the Django process's
instructions for 40 more pages, divided by 40. Unlike times, the count does not move with the
machine's load or speed, so two versions of the code compare on any machine (PostgreSQL's
side is not in it). About three minutes; needs valgrind.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import callgrind, http_report
from bench.bench_http import DATABASE_URL, prepare_database, production_env, setup_django

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 20
MARKERS = ("<!-- bench_claim_page:start -->", "<!-- bench_claim_page:end -->")
COUNTED_RENDERS = 40


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


class DatabaseTime:
    """Milliseconds spent in the database's calls (a ``connection.execute_wrapper``)."""

    def __init__(self):
        self.ms = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - started) * 1000


def whole_pages(paths: list[str]) -> tuple[list[float], list[float], int]:
    """Each page's milliseconds and those of it in the database; the queries of one page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.page_cache import purge_public_pages

    client, times, in_database = Client(), [], []
    purge_public_pages()
    database = DatabaseTime()
    with connection.execute_wrapper(database):
        for path in paths[1:]:
            started, database_before = time.perf_counter(), database.ms
            assert client.get(path).status_code == 200, path
            times.append((time.perf_counter() - started) * 1000)
            in_database.append(database.ms - database_before)
    with CaptureQueriesContext(connection) as queries:
        client.get(paths[0])
    return times, in_database, len(queries)


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


def render_pages(count: int) -> None:
    """Full renders of WARM_UP claim pages, then of ``count`` more (for callgrind)."""
    from claims.models import Claim

    claims = Claim.objects.public_list()[: WARM_UP + count]
    whole_pages([claim.get_absolute_url() for claim in claims])


def report(parts, pages, in_database, page_queries: int, load, count: int, instructions) -> str:
    command = "`make bench-claim-page`"
    if instructions is not None:
        command = f"`.venv/bin/python bench/bench_claim_page.py --claims {count} --instructions`"
    lines = [
        f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {count} claims, "
        f"load average {load[0][0]:.2f} before and {load[1][0]:.2f} after "
        f"({os.cpu_count()} cores); command: {command}.",
        "",
        "| part of a full render | median ms | queries |",
        "| --- | ---: | ---: |",
        *(f"| {label} | {ms:.1f} | {queries} |" for label, ms, queries in parts),
        f"| **whole page through Django's test client** (p90 "
        f"{sorted(pages)[int(len(pages) * 0.9)]:.1f}) | **{statistics.median(pages):.1f}** | "
        f"{page_queries} |",
        f"| of which waiting for PostgreSQL | {statistics.median(in_database):.1f} | |",
    ]
    if instructions is not None:
        lines += [
            "",
            f"Instructions per full render (callgrind, Django's process, {COUNTED_RENDERS} "
            f"renders; `--instructions`): **{instructions / 1e6:.1f} M**.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=300, help="claim pages to render")
    callgrind.add_options(parser, "per full render", "--render")
    options = parser.parse_args()
    env = production_env(DATABASE_URL)
    env["ALLOWED_HOSTS"] = "testserver"
    if options.render is not None:
        setup_django(env)
        render_pages(options.render)
        return
    prepare_database(env, 20_000)
    setup_django(env)
    from claims.models import Claim

    load_before = os.getloadavg()
    claims = list(Claim.objects.public_list()[: 2 * options.claims + WARM_UP])
    warm_up, claims = claims[:WARM_UP], claims[WARM_UP:]
    whole_pages([claim.get_absolute_url() for claim in warm_up])  # templates, prepared plans
    rendered, measured = claims[: options.claims], claims[options.claims :]
    pages, in_database, page_queries = whole_pages([c.get_absolute_url() for c in rendered])
    parts = measure_parts(measured)
    instructions = None
    if options.instructions:
        instructions = callgrind.instructions_per_item(__file__, "--render", COUNTED_RENDERS)
    load = (load_before, os.getloadavg())
    section = report(parts, pages, in_database, page_queries, load, options.claims, instructions)
    http_report.write_section(ROOT / "docs" / "performance.md", section, MARKERS)
    print(section)


if __name__ == "__main__":
    main()
