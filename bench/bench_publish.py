"""What one publish costs the readers' side: the pages of the soak mix it has rendered again.

    .venv/bin/python bench/bench_publish.py --publishes 10

Runs in one process with the production settings on the soak's database
(`veracity_bench_soak`, filled on first use as bench_soak.py fills it) and its own Redis
database, the task backend immediate (a publish's related-list refresh and purges are done when
it returns). Every page of the soak mix is stored first; then, after each publish, every page is
asked once, and those that take longer than a stored copy (FULL_RENDER_MS) are counted as full
renders. Prints a Markdown table and writes it to the "Soak" part of docs/performance.md: the
work each publish puts in front of the soak's readers, which on 2 cores decides its p99.

    .venv/bin/python bench/bench_publish.py --publishes 10 --instructions

also counts the instructions one publish costs this process (the publish, the related lists
it refreshes and the pages rendered again) with valgrind's callgrind: a figure that, unlike the
times, does not move with the machine's speed or load. A few minutes; needs valgrind.
"""

import argparse
import logging
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import callgrind, http_report
from bench.bench_http import prepare_database, production_env, setup_django, soak_paths
from bench.bench_soak import SOAK_DATABASE_URL

ROOT = Path(__file__).resolve().parents[1]
MARKERS = ("<!-- bench_publish:start -->", "<!-- bench_publish:end -->")
FULL_RENDER_MS = 3.0  # a stored page answers in well under 1 ms in one process


def page_kind(path: str) -> str:
    if path.startswith("/api/v1/claims/") and path.rstrip("/").rsplit("/", 1)[-1].isdigit():
        return "a claim's API record"
    if path.startswith("/articles/"):
        return "an article page"
    if re.match(r"/claims/\d", path):
        return "a claim page"
    return f"`{path}`"


def renders_after_publishes(count: int) -> tuple[dict[str, list[float]], list[float]]:
    """Each kind of page's full-render milliseconds, and each publish's total."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from claims import workflow
    from claims.models import Claim, ClaimStatus
    from core.page_cache import purge_public_pages

    client, paths = Client(), soak_paths()
    purge_public_pages()  # every run stores the whole mix afresh
    for path in paths:
        client.get(path)
    editor = get_user_model().objects.get(username="editor")
    queue = Claim.objects.filter(status=ClaimStatus.IN_REVIEW).exclude(verdict__author=editor)
    by_kind, per_publish = defaultdict(list), []
    for claim in queue[:count]:
        workflow.publish(claim, actor=editor)
        total = 0.0
        for path in paths:
            started = time.perf_counter()
            assert client.get(path).status_code == 200, path
            elapsed = (time.perf_counter() - started) * 1000
            if elapsed > FULL_RENDER_MS:
                by_kind[page_kind(path)].append(elapsed)
                total += elapsed
        per_publish.append(total)
    return by_kind, per_publish


def report(by_kind, per_publish, load, count: int, instructions) -> str:
    kinds = sorted(by_kind.items(), key=lambda item: -sum(item[1]))
    option = " --instructions" if instructions is not None else ""
    lines = [
        f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {count} publishes, "
        f"load average {load[0][0]:.2f} before and {load[1][0]:.2f} after "
        f"({os.cpu_count()} cores); command: "
        f"`.venv/bin/python bench/bench_publish.py --publishes {count}{option}`.",
        "",
        "| page rendered again after a publish | times | median ms |",
        "| --- | ---: | ---: |",
        *(f"| {kind} | {len(ms)} | {statistics.median(ms):.1f} |" for kind, ms in kinds),
        f"| **all of them, per publish** (median; max {max(per_publish):.0f}) | "
        f"{sum(map(len, by_kind.values())) / count:.1f} | "
        f"**{statistics.median(per_publish):.0f}** |",
    ]
    if instructions is not None:
        lines += [
            "",
            "Instructions per publish (callgrind, this process: the publish, its related lists "
            f"and the pages rendered again; `--instructions`): **{instructions / 1e6:.0f} M**.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--publishes", type=int, default=10)
    parser.add_argument("--claims", type=int, default=20_000, help="synthetic claims to load")
    callgrind.add_options(parser, "of a publish", "--only")
    options = parser.parse_args()
    env = production_env(SOAK_DATABASE_URL)
    env.update(ALLOWED_HOSTS="testserver", CACHE_URL="redis://127.0.0.1:6379/10", TASK_BACKEND="")
    if options.only is not None:
        setup_django(env)
        renders_after_publishes(options.only)
        return
    prepare_database(env, options.claims)
    setup_django(env)
    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    load_before = os.getloadavg()
    by_kind, per_publish = renders_after_publishes(options.publishes)
    load = (load_before, os.getloadavg())
    instructions = None
    if options.instructions:
        instructions = callgrind.instructions_per_item(__file__, "--only", options.publishes)
    section = report(by_kind, per_publish, load, options.publishes, instructions)
    http_report.write_section(ROOT / "docs" / "performance.md", section, MARKERS)
    print(section)


if __name__ == "__main__":
    main()
