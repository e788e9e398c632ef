"""Instructions counted by valgrind's callgrind: a measure that does not move with the
machine's speed or load, so two versions of the code compare on any machine."""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def add_options(parser: argparse.ArgumentParser, counted: str, flag: str) -> None:
    """``--instructions``, and ``flag``: the hidden option callgrind's runs are started with,
    saying how many items to run."""
    parser.add_argument(
        "--instructions",
        action="store_true",
        help=f"also count the instructions {counted} with callgrind (needs valgrind)",
    )
    parser.add_argument(flag, type=int, help=argparse.SUPPRESS)


def instructions_per_item(script: str, flag: str, count: int, *extra: str) -> float:
    """Run ``script flag 0`` and ``script flag count`` under callgrind, one after the other
    (they may share state, such as a page cache), and divide the difference by ``count``:
    start-up and warm-up cancel out. Only the script's own process is counted."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        sys.exit("--instructions needs valgrind: apt-get install valgrind")
    print(f"Counting instructions with callgrind ({count} items; a few minutes)")
    with tempfile.TemporaryDirectory() as tmp:
        counts = []
        for items in (0, count):
            out = Path(tmp) / f"callgrind.{items}"
            command = [valgrind, "--tool=callgrind", f"--callgrind-out-file={out}"]
            command += [sys.executable, script, flag, str(items), *extra]
            if subprocess.run(command, capture_output=True).returncode:
                sys.exit("A callgrind run failed; run it without --instructions to see why.")
            counts.append(_total(out))
    return (counts[1] - counts[0]) / count


def _total(callgrind_out: Path) -> int:
    for line in callgrind_out.read_text().splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise ValueError(f"no summary line in {callgrind_out}")
