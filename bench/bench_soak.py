"""Soak benchmark: readers on a mix of pages and API while an editor publishes every second.

    make bench-soak            # or: .venv/bin/python bench/bench_soak.py --seconds 300

Starts, on loopback: gunicorn with the production settings (as bench_http.py, database
`veracity_bench_soak`, filled once), backed by a redis-server of its own. wrk (16 connections)
reads the soak mix of bench_http.py (40 claim pages, their API records and articles, the
lists, home) for ``--seconds`` in three runs:

1. tag purges: each publish purges the pages that show the claim (what the site does);
2. purge everything: each publish also retires every stored page (what it did before);
3. Redis down: the redis-server is stopped (saving what it holds) for the whole run while the
   editor goes on publishing; then it is started again and the home page read once.

Writes the "Soak" section of docs/performance.md. Every process started here is stopped.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import http_report
from bench.bench_http import (
    APP,
    prepare_database,
    production_env,
    publish_while,
    setup_django,
    soak_paths,
)
from bench.http_tools import ROOT, VENV_BIN, mixed_paths_script, servers, wrk
from tests.redis_server import RedisServer

MARKERS = ("<!-- bench_soak:start -->", "<!-- bench_soak:end -->")
SOAK_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/veracity_bench_soak"
CONNECTIONS = 16


def soak(seconds: int, tmp: Path, then=None) -> dict:
    """wrk over the soak mix for ``seconds`` while an editor publishes one claim a second."""
    script = mixed_paths_script(tmp, soak_paths())
    stop, published, load = threading.Event(), [], {}
    publisher = threading.Thread(target=publish_while, args=(stop, published, 1, then))
    publisher.start()
    try:
        url = f"http://127.0.0.1:{APP}/"
        load["wrk"] = wrk(url, connections=CONNECTIONS, seconds=seconds, script=script)
    finally:
        stop.set()
        publisher.join()
    return {**load, "published": published}


def home_shows(claim: int) -> bool:
    """Whether the home page lists this claim: the copy stored before Redis stopped (saved
    with it, so back when it starts) must have been purged."""
    from claims.models import Claim

    link = Claim.objects.get(pk=claim).get_absolute_url()
    with urllib.request.urlopen(f"http://127.0.0.1:{APP}/", timeout=10) as page:
        return link in page.read().decode()


def health() -> str:
    """What /healthz says (its status and reason), whatever its HTTP status."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{APP}/healthz", timeout=10) as response:
            body = json.loads(response.read())
    except urllib.error.HTTPError as error:
        body = json.loads(error.read())
    return f"{body['status']}: {body.get('reason', '')}"


def row(name: str, result: dict) -> str:
    run = result["wrk"]
    errors = run.non_2xx + run.socket_errors
    return (
        f"| {name} | {run.requests:,} | {run.rps:,.0f} | {run.p50_ms:.1f} | {run.p99_ms:.1f} | "
        f"{errors} | {len(result['published'])} |"
    )


def report(runs: dict, *, seconds: int, load: tuple, down: dict) -> str:
    machine = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    lines = [
        "## Soak: publishes every second (bench/bench_soak.py)",
        "",
        f"`.venv/bin/python bench/bench_soak.py --seconds {seconds}`: gunicorn "
        f"({os.cpu_count()} sync workers, production settings), PostgreSQL, a redis-server of the "
        f"run's own; wrk with {CONNECTIONS} connections over the soak mix of bench_http.py; an "
        f"editor publishes one claim a second. {machine} cores; load average "
        f"{load[0][0]:.1f} before, {load[1][0]:.1f} after (the machine is shared).",
        "",
        "| run | requests | req/s | p50 ms | p99 ms | errors (non-2xx + socket) | published |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(row(name, result) for name, result in runs.items()),
        "",
        f"After the Redis-down run Redis was started again, with the pages it held before: the "
        f"first request for the home page {'listed' if down['shown'] else 'did NOT list'} the "
        f"last claim published while it was down. `/healthz` during the run: "
        f"`{down['health']}`.",
        "",
        "Target: p99 < 50 ms and 0 errors with tag purges.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=300, help="length of each run")
    parser.add_argument("--claims", type=int, default=20_000, help="synthetic claims to load")
    parser.add_argument("--database-url", default=SOAK_DATABASE_URL)
    options = parser.parse_args()

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as name, servers() as running:
        tmp = Path(name)
        redis = RedisServer(tmp)
        redis.start()
        try:
            env = production_env(options.database_url)
            env["CACHE_URL"] = f"redis://127.0.0.1:{redis.port}/0"
            prepare_database(env, options.claims)
            setup_django(env)
            from core.page_tags import purge_public_pages

            gunicorn = [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py", "config.wsgi"]
            running.start(
                gunicorn,
                env={**env, "BIND": f"127.0.0.1:{APP}"},
                port=APP,
                log=tmp / "app.log",
            )
            running.start(
                [sys.executable, "manage.py", "db_worker", "--queue-name", "*"],
                env=env,
                port=None,
                log=tmp / "worker.log",
            )
            runs = {}
            print(f"Soak ({options.seconds} s): tag purges", flush=True)
            runs["tag purges"] = soak(options.seconds, tmp)
            print(f"Soak ({options.seconds} s): every publish purges everything", flush=True)
            runs["purge everything"] = soak(options.seconds, tmp, then=purge_public_pages)
            print(f"Soak ({options.seconds} s): Redis stopped", flush=True)
            redis.stop()
            degraded = health()
            runs["Redis down"] = soak(options.seconds, tmp)
            redis.start()
            last = runs["Redis down"]["published"][-1]
            down = {"health": degraded, "shown": home_shows(last)}
        finally:
            redis.kill()
    section = report(runs, seconds=options.seconds, load=(load_before, os.getloadavg()), down=down)
    http_report.write_section(ROOT / "docs" / "performance.md", section, MARKERS)
    print(section)


if __name__ == "__main__":
    main()
