"""Search through HTTP at scale: the API and the public search page under gunicorn, with wrk.

    .venv/bin/python bench/bench_search_http.py --claims 1000000

Uses bench_search.py's database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
veracity_bench), topped up to --claims synthetic claims with generate_load_data. Starts gunicorn
with the production settings (one sync worker per core, Redis cache) and measures, for each
endpoint, every query of the set asked with a parameter no earlier request had, so the page
cache never answers and every request searches the database: the queries of bench_search.py,
queries with no hits, and very common words. wrk reports p50, p95, p99 and the slowest request;
each query is also run on its own. Prints Markdown tables for docs/performance.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote_plus

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_db import use_bench_database  # noqa: E402
from bench.bench_http import manage, production_env  # noqa: E402
from bench.http_tools import lua_script, require_tools, servers  # noqa: E402
from bench.search_queries import QUERIES  # noqa: E402

PORT = 8191
NO_HITS = ["zanzibar cryptocurrency", "xylophone"]
COMMON = ["said", "percent", "people", "kazakhstan", "the government said"]
ENDPOINTS = {"API": "/api/v1/claims/?q=", "public search page": "/claims/?q="}
TARGET_P95_MS = 50

# Each request adds a counter no request had before: the page cache keys on the query string.
SEARCH_LUA = """
paths = {{ {paths} }}
counter = 0
math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16))
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format(nil, path .. "&run=" .. counter .. "-" .. math.random(1000000000))
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("JSON {{\\"requests\\": %d, \\"errors\\": %d, \\"p50\\": %f, "
    .. "\\"p95\\": %f, \\"p99\\": %f, \\"max\\": %f, \\"seconds\\": %f}}\\n",
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.duration / 1e6))
end
"""


def run_wrk(tmp: Path, paths: list[str], *, connections: int, seconds: int) -> dict:
    quoted = ", ".join(json.dumps(path) for path in paths)
    script = lua_script(tmp, "search", SEARCH_LUA.format(paths=quoted))
    threads = min(connections, 2)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    args += ["-s", str(script), f"http://127.0.0.1:{PORT}/"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON "))
    result = json.loads(line.removeprefix("JSON "))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def top_up(env: dict, claims: int) -> None:
    """Migrate bench_search.py's database and add synthetic claims up to ``claims``."""
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        stored = connection.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
    if stored < claims:
        manage(env, "generate_load_data", "--claims", str(claims - stored))
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def row(name: str, connections: int, result: dict) -> str:
    met = "✓" if result["p95"] < TARGET_P95_MS and result["errors"] == 0 else "✗"
    return (
        f"| {name} | {connections} | {result['requests']:,} | {result['rps']:,.0f} "
        f"| {result['p50']:.1f} | {result['p95']:.1f} | {result['p99']:.1f} | {result['max']:.1f} "
        f"| {result['errors']} | < {TARGET_P95_MS} {met} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=20, help="length of each mixed run")
    parser.add_argument("--per-query", type=int, default=3, help="seconds for each query alone")
    options = parser.parse_args()

    require_tools()
    env = production_env(use_bench_database("veracity_bench"))
    top_up(env, options.claims)
    queries = QUERIES + NO_HITS + COMMON
    with tempfile.TemporaryDirectory() as folder, servers() as running:
        tmp = Path(folder)
        gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi"]
        gunicorn += ["--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{PORT}"]
        running.start(gunicorn, env=env, port=PORT, log=tmp / "gunicorn.log")
        print(f"\n{options.claims:,} claims, load average {os.getloadavg()[0]:.1f}", flush=True)
        print(f"on {os.cpu_count()} cores; every request a page-cache miss\n")
        print(
            "| endpoint, queries | conns | requests | req/s | p50 ms | p95 ms | p99 ms | max ms "
            "| errors | target p95 ms |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for endpoint, prefix in ENDPOINTS.items():
            paths = [prefix + quote_plus(q) for q in queries]
            for connections in (1, 2):
                result = run_wrk(tmp, paths, connections=connections, seconds=options.seconds)
                print(row(f"{endpoint}, all {len(queries)}", connections, result), flush=True)
        print("\nEach query alone (API, 1 connection):\n")
        print("| query | requests | p50 ms | p95 ms | max ms |")
        print("| --- | ---: | ---: | ---: | ---: |")
        p95s = []
        for query in queries:
            path = ENDPOINTS["API"] + quote_plus(query)
            result = run_wrk(tmp, [path], connections=1, seconds=options.per_query)
            p95s.append(result["p95"])
            print(
                f"| {query} | {result['requests']:,} | {result['p50']:.1f} "
                f"| {result['p95']:.1f} | {result['max']:.1f} |",
                flush=True,
            )
        print(f"\nMedian of the queries' p95: {statistics.median(p95s):.1f} ms")


if __name__ == "__main__":
    main()
