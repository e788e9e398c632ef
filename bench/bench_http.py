"""HTTP benchmark: Veracity under gunicorn against nginx and a minimal Django view, with wrk.

    make bench-http            # or: .venv/bin/python bench/bench_http.py --seconds 8 --soak 300

Starts, on loopback: gunicorn with the production settings (one sync worker per core, Redis
cache, PostgreSQL database `veracity_bench_http`, filled once with the demo and synthetic
claims), the minimal Django app of bench/minimal_app.py under the same gunicorn, and nginx
serving saved copies of the same responses and, as docs/operations.md shows, caching the app.
wrk (a second process) measures each page at 1 and 32 connections. Then a bounded soak run
reads mixed pages and API while an editor publishes. Results go to the "HTTP" section of
docs/performance.md. Every process started here is stopped at the end.
"""

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import http_report
from bench.http_tools import (
    COLD_LUA,
    ROOT,
    VENV_BIN,
    fetch,
    find,
    lua_script,
    mixed_paths_script,
    require_tools,
    rss_mb,
    servers,
    worker_pids,
    write_nginx_conf,
)
from bench.http_tools import wrk as run_wrk

APP, MINIMAL, STATIC, CACHE = 8181, 8182, 8183, 8184
CONNECTIONS = (1, 32)
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/veracity_bench_http"


def production_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "VERACITY_TESTING"}}
    env.update(
        DATABASE_URL=database_url,
        CACHE_URL="redis://127.0.0.1:6379/9",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        HTTPS="false",  # plain HTTP on loopback; TLS is the proxy's job
        WEB_CONCURRENCY=str(os.cpu_count()),
        GUNICORN_MAX_REQUESTS="0",  # no recycling: the soak run must show real memory growth
        GUNICORN_ACCESS_LOG="",
        TASK_BACKEND="database",
        # The API throttles (120/minute anonymous; DRF's per-user rate, 1,200/minute, counts an
        # anonymous client by address too) would answer 429 to a load test; their checks (a
        # cache round trip each per request) still run.
        API_THROTTLE_ANON="100000000/minute",
        API_THROTTLE_USER="100000000/minute",
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env: dict, claims: int) -> None:
    """Create and fill the benchmark database once; later runs reuse it."""
    name = env["DATABASE_URL"].rsplit("/", 1)[1]
    exists = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    if not exists:
        print(f"Filling {name}: demo newsroom and {claims:,} synthetic claims", flush=True)
        manage(env, "generate_load_data", "--claims", str(claims))
        manage(env, "load_demo")
    manage(env, "refresh_related_claims", "--missing")  # as publishing them would have
    # As autovacuum would have by now: filling the related lists and earlier runs' publishes
    # rewrote claim rows, and index-only scans read the table again until a vacuum.
    psql(name, "VACUUM ANALYZE claims_claim, claims_verdict")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def psql(database: str, sql: str) -> str:
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def setup_django(env: dict) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def choose_pages() -> dict[str, str]:
    from articles.models import Article
    from claims.models import Claim

    demo = Article.objects.filter(claims__in=Claim.objects.published()).order_by("id").first()
    claim = Claim.objects.published().filter(article=demo).order_by("id").first()
    return {
        "claim": claim.get_absolute_url(),
        "list": "/claims/",
        "article": demo.get_absolute_url(),
        "api": "/api/v1/claims/",
    }


def save_copies(pages: dict[str, str], folder: Path) -> dict[str, dict]:
    """The app's exact responses, saved for nginx and the minimal view; warms the cache."""
    info = {}
    for name, path in pages.items():
        fetch(f"http://127.0.0.1:{APP}{path}")
        body, content_type, headers = fetch(f"http://127.0.0.1:{APP}{path}")
        suffix = ".json" if content_type == "application/json" else ".html"
        (folder / f"{name}{suffix}").write_bytes(body)
        info[name] = {
            "path": path,
            "bytes": len(body),
            "cache_control": headers.get("Cache-Control", ""),
        }
    return info


def count_queries(pages: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Database queries of each page: (cache cold, cache warm), anonymous."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.page_cache import purge_public_pages

    client, counts = Client(), {}
    for name, path in pages.items():
        purge_public_pages()
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200, path
            runs.append(len(queries))
        counts[name] = tuple(runs)
    return counts


def other_claim_paths(limit: int = 5000) -> list[str]:
    """Published claim pages for the full-render runs: each asked once, so never stored."""
    from claims.models import Claim

    return [claim.get_absolute_url() for claim in Claim.objects.public_list()[:limit]]


def measure(pages, seconds: int, tmp: Path) -> list[dict]:
    from core.page_cache import purge_public_pages

    rows = []
    new_url = lua_script(tmp, "cold", COLD_LUA)
    every_claim = mixed_paths_script(tmp, other_claim_paths())
    for name, path in pages.items():
        for connections in CONNECTIONS:
            runs = {
                "app": (f"http://127.0.0.1:{APP}{path}", None),
                "minimal": (f"http://127.0.0.1:{MINIMAL}/{name}", None),
                "nginx": (f"http://127.0.0.1:{STATIC}/{name}", None),
            }
            if name == "claim":
                runs["app_cold"] = (f"http://127.0.0.1:{APP}{path}", new_url)
                runs["app_render"] = (f"http://127.0.0.1:{APP}/", every_claim)
                runs["nginx_cache"] = (f"http://127.0.0.1:{CACHE}{path}", None)
            row = {"page": name, "connections": connections}
            for label, (url, script) in runs.items():
                print(f"  {name} {label} c={connections}", flush=True)
                if label == "app_render":
                    purge_public_pages()
                elif label.startswith("app"):
                    fetch(url)  # stored again after a purge by an earlier full-render run
                row[label] = run_wrk(url, connections=connections, seconds=seconds, script=script)
            rows.append(row)
    return rows


def soak_paths(limit: int = 40) -> list[str]:
    from claims.models import Claim

    claims = list(Claim.objects.public_list()[:limit])
    paths = [c.get_absolute_url() for c in claims]
    paths += [f"/api/v1/claims/{c.pk}/" for c in claims[:10]]
    paths += ["/claims/", "/claims/?page=2", "/api/v1/claims/", "/api/v1/claims/?page=2", "/"]
    paths += sorted({c.article.get_absolute_url() for c in claims[:10]})
    return paths


def publish_while(stop: threading.Event, published: list, every: float = 2, then=None) -> None:
    """An editor publishes verdicts under review, one every ``every`` seconds, calling
    ``then()`` after each."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from claims import workflow
    from claims.models import Claim, ClaimStatus

    editor = get_user_model().objects.get(username="editor")
    queue = Claim.objects.filter(status=ClaimStatus.IN_REVIEW).exclude(verdict__author=editor)
    for claim in queue.iterator(chunk_size=50):
        if stop.wait(every):
            break
        try:
            workflow.publish(claim, actor=editor)
            published.append(claim.pk)
        except workflow.TransitionRefused:
            continue
        if then:
            then()
    connection.close()


def soak(seconds: int, tmp: Path, master: int) -> dict:
    script = mixed_paths_script(tmp, soak_paths())
    memory = [[rss_mb(pid) for pid in worker_pids(master)]]
    stop, published = threading.Event(), []
    publisher = threading.Thread(target=publish_while, args=(stop, published))
    load = {}
    reader = threading.Thread(
        target=lambda: load.update(
            result=run_wrk(
                f"http://127.0.0.1:{APP}/", connections=16, seconds=seconds, script=script
            )
        )
    )
    publisher.start()
    reader.start()
    while reader.is_alive():
        reader.join(timeout=seconds / 6)
        memory.append([rss_mb(pid) for pid in worker_pids(master)])
    stop.set()
    publisher.join()
    return {"wrk": load["result"], "memory": memory, "published": len(published)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    parser.add_argument("--soak", type=int, default=300, help="length of the soak run, seconds")
    parser.add_argument("--claims", type=int, default=20_000, help="synthetic claims to load")
    parser.add_argument("--database-url", default=DATABASE_URL)
    options = parser.parse_args()

    require_tools()
    env = production_env(options.database_url)
    prepare_database(env, options.claims)
    setup_django(env)
    pages = choose_pages()
    load_before = os.getloadavg()
    gunicorn = [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py"]
    with tempfile.TemporaryDirectory() as name, servers() as running:
        tmp = Path(name)
        os.chmod(tmp, 0o755)  # nginx workers run as another user
        copies = tmp / "copies"
        copies.mkdir()
        app = running.start(
            [*gunicorn, "config.wsgi"],
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
        saved = save_copies(pages, copies)
        running.start(
            [*gunicorn, "--pythonpath", "bench", "minimal_app:application"],
            env={**env, "BIND": f"127.0.0.1:{MINIMAL}", "BENCH_COPIES": str(copies)},
            port=MINIMAL,
            log=tmp / "minimal.log",
        )
        conf = write_nginx_conf(
            tmp, copies, static_port=STATIC, cache_port=CACHE, app_port=APP, workers=os.cpu_count()
        )
        running.start(
            [find("nginx"), "-c", str(conf), "-p", str(tmp), "-e", str(tmp / "e.log")],
            env=env,
            port=STATIC,
            log=tmp / "nginx.log",
        )
        print("Measuring (wrk):", flush=True)
        rows = measure(pages, options.seconds, tmp)
        memory_after = [rss_mb(pid) for pid in worker_pids(app.pid)]
        print(f"Soak run ({options.soak} s) while an editor publishes", flush=True)
        soaked = soak(options.soak, tmp, app.pid)
    queries = count_queries(pages)
    report = http_report.render(
        rows=rows,
        saved=saved,
        queries=queries,
        memory_after=memory_after,
        soak=soaked,
        load=(load_before, os.getloadavg()),
        options=options,
    )
    http_report.write_section(ROOT / "docs" / "performance.md", report)
    print(report)


if __name__ == "__main__":
    main()
