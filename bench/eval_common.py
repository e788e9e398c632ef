"""Shared helpers for the extraction evaluations (bench/eval.py)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SKIPPED = "skipped (../shared absent)"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def progress(message: str) -> None:
    print(f"[eval] {message}", file=sys.stderr, flush=True)


def fold(text: str) -> str:
    """Whitespace folded, curly quotes straightened, line-end hyphens joined (seed-gold rules)."""
    import re

    text = re.sub(r"-\s*\n\s*", "-", text)
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.split())
