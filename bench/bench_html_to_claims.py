"""HTML in, claims out: what trafilatura's options cost and keep, and sentences per second end
to end (page → article text → normalised → the extraction pipeline), on one core.

    .venv/bin/python bench/bench_html_to_claims.py [--repeats 3]

The pages are the PolNeAR development articles set in a news site's markup
(bench/news_pages.py). For each way of calling trafilatura it reports the CPU time per page and
how much of the article it kept: the share of the article's paragraphs found in the extracted
text (recall) and of extracted paragraphs that belong to the article (precision), and whether
title, author and date were found. Then the pipeline end to end with the options
``articles.page_reader.read_page`` uses. Prints Markdown tables for docs/performance.md. No
database: names are not resolved (an empty alias index), as in ``manage.py extract_claims``
without one.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402
from news_pages import news_pages  # noqa: E402

from articles import page_reader  # noqa: E402
from claims.extraction import extract, normalize_text  # noqa: E402

COMMON = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "date_extraction_params": {"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
}
VARIANTS = {
    "default (fallback extractors on)": {},
    "fast=True (no fallback extractors)": {"fast": True},
    "fast=True, favor_precision": {"fast": True, "favor_precision": True},
    "fast=True, favor_recall": {"fast": True, "favor_recall": True},
}


def _blocks(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if len(line.split()) >= 4]


def quality(document, page) -> tuple[float, float, bool]:
    """(recall, precision) of the article's paragraphs, and title/author/date all found."""
    found = "\n".join(_blocks(document.text if document else ""))
    source = _blocks(page.text)
    recall = sum(block in found for block in source) / max(1, len(source))
    joined = " ".join(" ".join(page.text.split()).split())
    extracted = _blocks(document.text if document else "")
    precision = sum(block in joined for block in extracted) / max(1, len(extracted))
    metadata = bool(document and document.title and document.author and document.date)
    return recall, precision, metadata


def measure_variant(pages, options: dict, *, tree: bool, repeats: int) -> dict:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        documents = [
            trafilatura.bare_extraction(
                lxml.html.fromstring(page.html) if tree else page.html, **COMMON, **options
            )
            for page in pages
        ]
        best = min(best, time.process_time() - started)
    scores = [quality(document, page) for document, page in zip(documents, pages, strict=True)]
    return {
        "ms_per_page": best * 1000 / len(pages),
        "recall": statistics.mean(score[0] for score in scores),
        "precision": statistics.mean(score[1] for score in scores),
        "metadata": sum(score[2] for score in scores),
    }


def end_to_end(pages, repeats: int) -> dict:
    """read_page as configured, then normalisation and the pipeline; best of ``repeats``."""
    best, best_reading, sentences = float("inf"), 0.0, 0
    for _ in range(repeats):
        started = time.process_time()
        reading = 0.0
        sentences = 0
        for page in pages:
            read_started = time.process_time()
            text = page_reader.read_page(page.html).text
            reading += time.process_time() - read_started
            sentences += len(extract(normalize_text(text).text))
        elapsed = time.process_time() - started
        if elapsed < best:
            best, best_reading = elapsed, reading
    return {"seconds": best, "reading": best_reading, "sentences": sentences}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pages = news_pages()
    if not pages:
        sys.exit("../shared/data is absent: this benchmark builds its pages from PolNeAR.")
    megabytes = sum(len(page.html.encode()) for page in pages) / 1e6
    print(f"\n{len(pages)} pages ({megabytes:.1f} MB of HTML), best of {args.repeats}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| trafilatura | CPU ms/page | paragraphs kept | precision | title, author, date |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, options in VARIANTS.items():
        for tree in (False, True):
            label = name + (", lxml tree passed" if tree else "")
            result = measure_variant(pages, options, tree=tree, repeats=args.repeats)
            print(
                f"| {label} | {result['ms_per_page']:.1f} | {result['recall']:.1%} "
                f"| {result['precision']:.1%} | {result['metadata']} / {len(pages)} |",
                flush=True,
            )
    extract(pages[0].text)  # warm: models loaded
    result = end_to_end(pages, args.repeats)
    rate = result["sentences"] / result["seconds"]
    print(f"\nEnd to end with read_page's options {page_reader.TRAFILATURA_OPTIONS}:\n")
    print("| pages | sentences | CPU s | of which reading HTML | sentences/s | target |")
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    print(
        f"| {len(pages)} | {result['sentences']:,} | {result['seconds']:.2f} "
        f"| {result['reading'] / result['seconds']:.0%} | {rate:,.0f} | ≥ 1,500 |"
    )


if __name__ == "__main__":
    main()
