"""How long `manage.py extract_claims` takes to start, against Python and Django alone.

    .venv/bin/python bench/bench_startup.py [--runs 5] [--root DIR]

Each command runs ``--runs`` times in a fresh process (DEBUG on, SQLite, no database needed for
``--help``; the first run leaves the compiled modules the others load); the table gives the
best wall-clock and CPU (user + system) seconds of each, and the heaviest imports of
``extract_claims --help`` as ``python -X importtime`` reports them. ``--root`` measures another
checkout of Veracity (e.g. an older commit exported with ``git archive``).
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.7
SENTENCE = "The minister said the budget rose by 4 percent last year, according to Reuters.\n"


def start_env() -> dict[str, str]:
    """DEBUG on, and Python keeping the modules it compiles, as it does wherever
    PYTHONDONTWRITEBYTECODE is not set: where it is (some sandboxes), every start would compile
    the whole app again and this would time the compiler."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "config.settings"}


def timed(command: list[str], root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` in ``root``."""
    env = start_env()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def heaviest_imports(root: Path, count: int = 12) -> list[tuple[int, str]]:
    """Packages by the time their own modules took to import (µs, each module's self time
    summed per top-level package) for ``extract_claims --help``."""
    env = start_env()
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "manage.py", "extract_claims", "--help"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    packages = {}
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \| *(\S+)", line)
        if match:
            name = match.group(2).split(".")[0]
            packages[name] = packages.get(name, 0) + int(match.group(1))
    return sorted(((us, name) for name, us in packages.items()), reverse=True)[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    root = args.root.resolve()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as sample:
        sample.write(SENTENCE)
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "django.setup() alone": [
            sys.executable,
            "-c",
            "import django; django.setup()",
        ],
        "manage.py extract_claims --help": [
            sys.executable,
            "manage.py",
            "extract_claims",
            "--help",
        ],
        "manage.py extract_claims one-sentence.txt": [
            sys.executable,
            "manage.py",
            "extract_claims",
            sample.name,
        ],
    }
    print(f"\n{root}, best of {args.runs}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| command | best wall s | best CPU s | target |")
    print("| --- | ---: | ---: | --- |")
    for name, command in commands.items():
        runs = [timed(command, root) for _ in range(args.runs)]
        target = f"< {TARGET} s" if "extract_claims" in name else "–"
        wall, cpu = min(run[0] for run in runs), min(run[1] for run in runs)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {target} |", flush=True)
    os.unlink(sample.name)
    print("\nHeaviest packages imported by `extract_claims --help` (self time, one run):\n")
    print("| package | ms |")
    print("| --- | ---: |")
    for microseconds, name in heaviest_imports(root):
        print(f"| {name} | {microseconds / 1000:.0f} |")


if __name__ == "__main__":
    main()
