"""The HTTP section of docs/performance.md, written by bench_http.py between two markers so the
other sections of the file (written by other benchmarks and by hand) are left alone."""

import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

START, END = "<!-- bench_http:start -->", "<!-- bench_http:end -->"
TARGETS = [
    # (what, page, measured label, baseline label, minimum ratio)
    ("Warm claim page ≥ 0.8 × minimal Django view", "claim", "app", "minimal", 0.8),
    ("Cold claim page (new URL) ≥ 0.4 × minimal view", "claim", "app_cold", "minimal", 0.4),
    (
        "Cold claim page (full render) ≥ 0.4 × minimal view",
        "claim",
        "app_render",
        "minimal",
        0.4,
    ),
    ("API claims list ≥ 0.5 × minimal view of the same JSON", "api", "app", "minimal", 0.5),
    (
        "Claim page behind the nginx cache ≥ 0.5 × nginx static",
        "claim",
        "nginx_cache",
        "nginx",
        0.5,
    ),
]


def write_section(path: Path, section: str, markers: tuple[str, str] = (START, END)) -> None:
    """Replace what lies between ``markers`` in ``path`` (or append it) with ``section``."""
    start, end = markers
    text = path.read_text() if path.exists() else "# Performance\n"
    block = f"{start}\n{section.strip()}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)


def _row(page, connections, label, result, baseline_minimal, baseline_nginx) -> str:
    return (
        f"| {page} | {connections} | {label} | {result.rps:,.0f} | {result.p50_ms:.1f} | "
        f"{result.p99_ms:.1f} | {result.rps / baseline_minimal.rps:.2f} | "
        f"{result.rps / baseline_nginx.rps:.3f} |"
    )


def throughput_table(rows) -> list[str]:
    lines = [
        "| page | conns | server | req/s | p50 ms | p99 ms | ÷ minimal view | ÷ nginx file |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    labels = {
        "app": "Veracity (cache warm)",
        "app_cold": "Veracity (new URL: page-cache miss)",
        "app_render": "Veracity (full render, nothing cached)",
        "nginx_cache": "nginx cache → Veracity",
        "minimal": "minimal Django view",
        "nginx": "nginx, saved file",
    }
    for row in rows:
        for key, label in labels.items():
            if key in row:
                lines.append(
                    _row(
                        row["page"],
                        row["connections"],
                        label,
                        row[key],
                        row["minimal"],
                        row["nginx"],
                    )
                )
    return lines


def failure_lines(rows) -> list[str]:
    failed = [
        f"{row['page']} {label} c={row['connections']}: {result.non_2xx} non-2xx, "
        f"{result.socket_errors} socket errors"
        for row in rows
        for label, result in row.items()
        if hasattr(result, "non_2xx") and (result.non_2xx or result.socket_errors)
    ]
    return ["**Failed requests:** " + "; ".join(failed)] if failed else ["No failed requests."]


def target_lines(rows) -> list[str]:
    lines = []
    for what, page, measured, baseline, minimum in TARGETS:
        for row in (r for r in rows if r["page"] == page):
            ratio = row[measured].rps / row[baseline].rps
            verdict = "met" if ratio >= minimum else "**missed**"
            lines.append(f"- {what}, {row['connections']} conn.: {ratio:.2f} — {verdict}")
    for row in (r for r in rows if r["connections"] == 32):
        p99 = row["app"].p99_ms
        verdict = "met" if p99 < 50 else "**missed**"
        lines.append(f"- p99 < 50 ms at 32 conn., warm {row['page']}: {p99:.1f} ms — {verdict}")
    return lines


def soak_lines(soak) -> list[str]:
    result, memory = soak["wrk"], soak["memory"]
    first, last = memory[0], memory[-1]
    growth = [round(b - a, 1) for a, b in zip(first, last, strict=False)]
    return [
        f"- {result.requests:,} requests at 16 connections over mixed public pages and API "
        f"reads ({result.rps:,.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms)"
        f", while an editor published {soak['published']} verdicts (each purging the page cache);",
        f"- non-2xx/3xx responses: **{result.non_2xx}**, "
        f"socket errors: **{result.socket_errors}**;",
        f"- worker memory (MB RSS) sampled during the run: {memory}; growth first → last: "
        f"{growth} MB.",
    ]


def render(*, rows, saved, queries, memory_after, soak, load, options) -> str:
    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    lines = [
        "## HTTP (bench/bench_http.py)",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {cpu} cores ({platform.python_version()}"
        f"), load average {load[0][0]:.1f} before and {load[1][0]:.1f} after: **the machine is "
        "shared with other work, so absolute numbers are noisy; the ratios pair runs made "
        "minutes apart on the same machine.**",
        "",
        "```sh",
        f"make bench-http   # = .venv/bin/python bench/bench_http.py --seconds {options.seconds}"
        f" --soak {options.soak}",
        "```",
        "",
        "Setup: gunicorn with `gunicorn.conf.py` (sync workers, one per core), production "
        "settings (DEBUG off, Redis cache, PostgreSQL with persistent connections), database "
        "`veracity_bench_http` (demo newsroom + synthetic claims). Load: `wrk --latency` from a "
        "second process, 2 threads, each run "
        f"{options.seconds} s. Baselines in the same run: the minimal Django view of "
        "`bench/minimal_app.py` returning the page's exact bytes under the same gunicorn, and "
        "nginx serving the same bytes as a file. *New URL* adds a unique query string to every "
        "request (as tracking parameters on shared links do), so the first middleware's lookup "
        "by URL misses every time; the claim view then finds its page stored under its path. "
        "*Full render* asks for a different published claim on every request after a purge, so "
        "nothing is stored and each page is built from the database. *nginx cache* is the "
        "reverse-proxy cache of docs/operations.md in front of the app.",
        "",
        "Pages: "
        + ", ".join(
            f"{n} `{s['path']}` ({s['bytes']:,} bytes, Cache-Control: "
            f"`{s['cache_control'] or 'none'}`)"
            for n, s in saved.items()
        ),
        "",
        *throughput_table(rows),
        "",
        *failure_lines(rows),
        "",
        "Targets (issue 8):",
        "",
        *target_lines(rows),
        "",
        "Database queries per anonymous page (cache cold / warm): "
        + ", ".join(f"{name} {cold} / {warm}" for name, (cold, warm) in queries.items()),
        "",
        f"Worker memory after the runs (MB RSS per gunicorn worker): {memory_after}.",
        "",
        f"Load and soak ({options.soak} s):",
        "",
        *soak_lines(soak),
    ]
    return "\n".join(lines) + "\n"
