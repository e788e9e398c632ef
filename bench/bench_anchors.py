"""Anchor health at scale: `manage.py check_anchors`'s work over 1,000 articles served by local
web servers, on PostgreSQL.

    .venv/bin/python bench/bench_anchors.py --articles 1000 --hosts 10 --interval 0.05

Uses its own database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
veracity_anchors_bench), emptied of articles and loaded afresh: --articles articles with
three claims each, spread over --hosts hosts (web servers on 127.0.0.1, 127.0.0.2, …, each a
host of its own), every article's page stored as its first version with an ETag. The pages
then change: one in five has one claim's sentence edited and another paragraph moved, one in
twenty answers 404, the rest are unchanged and answer 304 to a conditional GET. Two runs of the
check follow (the second finds every page as the first left it). The servers log each
request's time, so the table shows the smallest gap between two requests to one host (the
per-host interval holds when it is not below --interval) and the most requests any page got
in a run (at most once per run: 1). Prints a Markdown table for docs/performance.md.
"""

import argparse
import itertools
import os
import sys
import threading
import time
from collections import Counter
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_db import start_django  # noqa: E402

start_django("veracity_anchors_bench")

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from articles.fetch import Page, fetch_page  # noqa: E402
from articles.models import (  # noqa: E402
    Article,
    ArticleVersion,
    content_hash,
    text_fingerprint,
)
from claims.anchors.check import articles_to_check, check_articles  # noqa: E402
from claims.ingest import page_text  # noqa: E402
from claims.models import Claim  # noqa: E402

CLAIMS_PER_ARTICLE = 3


def claimed(lines: list[str]) -> list[str]:
    """The sentences that are claims: the first, the one edited, the one moved."""
    return [lines[0], lines[1], lines[3]]


def paragraphs(n: int) -> list[str]:
    return [
        f"Police arrested {n} people at rallies in district {n % 40} on Sunday, officials said.",
        f"Turnout in district {n} was {40 + n % 50}.5 percent, the election commission said.",
        f"The opposition called the count in district {n} rigged and promised new protests.",
        f"Observers reported {n % 17 + 2} violations at polling stations in district {n}.",
        f"The results for district {n} are to be confirmed by the end of the week.",
    ]


def changed(n: int) -> list[str]:
    """One claim's sentence edited, the fourth paragraph moved to the top."""
    first, second, third, fourth, fifth = paragraphs(n)
    edited = second.replace(".5 percent", ".9 percent").replace("said.", "said on Monday.")
    return [fourth, first, edited, third, fifth]


def html(lines: list[str]) -> bytes:
    body = "".join(f"<p>{line}</p>\n" for line in lines)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>District results</title>"
        f"</head><body><article><h1>District results</h1>\n{body}</article></body></html>"
    ).encode()


class Site:
    """A web server on one loopback address answering for the articles of that host."""

    def __init__(self, address: str):
        self.pages: dict[str, tuple[int, str, bytes]] = {}  # path -> status, etag, body
        self.log: list[tuple[float, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.log.append((time.monotonic(), self.path))
                status, etag, body = site.pages.get(self.path, (404, "", b""))
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.url = f"http://{address}:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


@transaction.atomic
def load(sites: list[Site], count: int) -> None:
    """Articles, claims and first versions, written in bulk; bodies read as ingestion reads."""
    Claim.objects.all().delete()
    Article.objects.all().delete()  # their versions and page checks go with them
    articles, pages = [], []
    for n in range(count):
        site = sites[n % len(sites)]
        page = html(paragraphs(n))
        url = f"{site.url}/news/{n}"
        body = page_text(Page(url, page, "text/html", "utf-8"))
        articles.append(
            Article(
                title=f"District {n}", url=url, body=body, raw="", content_hash=content_hash(body)
            )
        )
        pages.append((site, f"/news/{n}", page))
    articles = Article.objects.bulk_create(articles)
    claims, versions = [], []
    for n, (article, (site, path, page)) in enumerate(zip(articles, pages, strict=True)):
        site.pages[path] = (200, f'"{n}-1"', page)
        versions.append(
            ArticleVersion(
                article=article,
                text=article.body,
                text_hash=text_fingerprint(article.body),
                fetched_at=article.created_at,
                seen_at=article.created_at,
                etag=f'"{n}-1"',
            )
        )
        for quote in claimed(paragraphs(n)):
            start = article.body.index(quote)
            claim = Claim(article=article, start=start, end=start + len(quote), statement=quote)
            claim.anchor_from_article()
            claims.append(claim)
    ArticleVersion.objects.bulk_create(versions)
    Claim.objects.bulk_create(claims)


def change_pages(sites: list[Site], count: int) -> None:
    for n in range(count):
        site, path = sites[n % len(sites)], f"/news/{n}"
        if n % 20 == 7:
            site.pages[path] = (404, "", b"")
        elif n % 5 == 1:
            site.pages[path] = (200, f'"{n}-2"', html(changed(n)))


def run(sites: list[Site], interval: float) -> dict:
    for site in sites:
        site.log.clear()
    fetch = partial(fetch_page, allowed=lambda address: address.is_loopback)
    started = time.monotonic()
    results = check_articles(articles_to_check(), fetch=fetch, interval=interval)
    elapsed = time.monotonic() - started
    gaps = [
        later - earlier
        for site in sites
        for (earlier, _), (later, _) in itertools.pairwise(site.log)
    ]
    requests = Counter(path for site in sites for _, path in site.log)
    return {
        "pages": len(results),
        "seconds": elapsed,
        "bound": max(len(site.log) for site in sites) * interval,
        "min_gap": min(gaps) if gaps else float("nan"),
        "most_requests": max(requests.values()),
        "outcomes": Counter(str(r.outcome) for r in results),
        "marks": sum((r.marks for r in results), Counter()),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--interval", type=float, default=0.05)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    sites = [Site(f"127.0.0.{k + 1}") for k in range(args.hosts)]
    print(f"Loading {args.articles:,} articles over {args.hosts} hosts…", flush=True)
    load(sites, args.articles)
    change_pages(sites, args.articles)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = [("first run", run(sites, args.interval)), ("second run", run(sites, args.interval))]
    print(
        f"\n{args.articles:,} articles ({CLAIMS_PER_ARTICLE} claims each) on {args.hosts} "
        f"hosts, interval {args.interval} s per host, PostgreSQL {connection.pg_version}"
    )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(
        "| run | pages | wall s | busiest host × interval, s | pages/s | smallest gap to one "
        "host, s | most requests per page | pages: outcomes | claims: marks |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for name, r in rows:
        outcomes = ", ".join(f"{k} {v}" for k, v in r["outcomes"].most_common())
        marks = ", ".join(f"{k} {v}" for k, v in r["marks"].most_common())
        print(
            f"| {name} | {r['pages']:,} | {r['seconds']:.1f} | {r['bound']:.1f} | "
            f"{r['pages'] / r['seconds']:.0f} | {r['min_gap']:.3f} | {r['most_requests']} | "
            f"{outcomes} | {marks} |"
        )


if __name__ == "__main__":
    main()
