"""Search through HTTP at scale: the API and the public search page under gunicorn, with wrk.

    .venv/bin/python bench/bench_search_http.py --claims 1000000

Uses bench_search.py's database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
veracity_bench), topped up to --claims synthetic claims with generate_load_data. Starts gunicorn
with the production settings (one sync worker per core, Redis cache) and asks the queries of
bench_search.py, queries with no hits, and very common words, so that the page cache never
answers and every request searches the database:
- the API as a consumer with a token (a request with credentials is never given a stored
  response; the API refuses unknown parameters, so a cache-busting one is not an option);
- the public search page with a parameter no earlier request had (the cache keys on the query).
wrk reports p50, p95, p99 and the slowest request; each query is also run on its own through the
API. Prints Markdown tables for docs/performance.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
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

# A token sets the Authorization header; otherwise each request adds a parameter no request had
# before (the page cache keys on the query string).
SEARCH_LUA = """
paths = {{ {paths} }}
token = "{token}"
counter = 0
math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16))
if token ~= "" then wrk.headers["Authorization"] = "Token " .. token end
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if token == "" then path = path .. "&run=" .. counter .. "-" .. math.random(1000000000) end
  return wrk.format(nil, path)
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


def run_wrk(tmp: Path, paths: list[str], token: str, *, connections: int, seconds: int) -> dict:
    quoted = ", ".join(json.dumps(path) for path in paths)
    script = lua_script(tmp, "search", SEARCH_LUA.format(paths=quoted, token=token))
    threads = min(connections, 2)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    args += ["-s", str(script), f"http://127.0.0.1:{PORT}/"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON "))
    result = json.loads(line.removeprefix("JSON "))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def check_answer(path: str, token: str) -> None:
    """Stop with the server's answer if the endpoint does not answer 200 (a benchmark of error
    pages measures nothing)."""
    headers = {"Authorization": f"Token {token}"} if token else {}
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
    try:
        urllib.request.urlopen(request, timeout=30).read()
    except urllib.error.HTTPError as error:
        sys.exit(f"{path} answered {error.code}: {error.read()[:500]!r}")


def top_up(env: dict, claims: int) -> None:
    """Migrate bench_search.py's database and add synthetic claims up to ``claims``."""
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        stored = connection.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
    if stored < claims:
        manage(env, "generate_load_data", "--claims", str(claims - stored))
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def consumer_token(env: dict) -> str:
    """The API token of a consumer account (not staff: it sees what readers see)."""
    script = (
        "from django.contrib.auth import get_user_model; from rest_framework.authtoken.models "
        "import Token; user, _ = get_user_model().objects.get_or_create(username='bench-consumer'"
        "); print(Token.objects.get_or_create(user=user)[0].key)"
    )
    found = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return found.stdout.split()[-1]


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
    tokens = {"API": consumer_token(env), "public search page": ""}
    queries = QUERIES + NO_HITS + COMMON
    with tempfile.TemporaryDirectory() as folder, servers() as running:
        tmp = Path(folder)
        gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi"]
        gunicorn += ["--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{PORT}"]
        running.start(gunicorn, env=env, port=PORT, log=tmp / "gunicorn.log")
        print(f"\n{options.claims:,} claims, load average {os.getloadavg()[0]:.1f}", flush=True)
        print(f"on {os.cpu_count()} cores; no request is answered from the page cache\n")
        print(
            "| endpoint, queries | conns | requests | req/s | p50 ms | p95 ms | p99 ms | max ms "
            "| errors | target p95 ms |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for endpoint, prefix in ENDPOINTS.items():
            paths = [prefix + quote_plus(q) for q in queries]
            check_answer(paths[0], tokens[endpoint])
            for connections in (1, 2):
                result = run_wrk(
                    tmp, paths, tokens[endpoint], connections=connections, seconds=options.seconds
                )
                print(row(f"{endpoint}, all {len(queries)}", connections, result), flush=True)
        print("\nEach query alone (API, 1 connection):\n")
        print("| query | requests | p50 ms | p95 ms | max ms |")
        print("| --- | ---: | ---: | ---: | ---: |")
        p95s = []
        for query in queries:
            path = ENDPOINTS["API"] + quote_plus(query)
            result = run_wrk(tmp, [path], tokens["API"], connections=1, seconds=options.per_query)
            p95s.append(result["p95"])
            print(
                f"| {query} | {result['requests']:,} | {result['p50']:.1f} "
                f"| {result['p95']:.1f} | {result['max']:.1f} |",
                flush=True,
            )
        print(f"\nMedian of the queries' p95: {statistics.median(p95s):.1f} ms")


if __name__ == "__main__":
    main()
