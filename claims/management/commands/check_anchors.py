"""`manage.py check_anchors`: fetch again the pages articles came from, store what they say
now, and mark each claim unchanged, moved, changed or gone (claims.anchors).

Run by a timer (docs/operations.md). ``--older-than 20h`` leaves the pages checked in the last
20 hours; ``--article ID`` (repeatable) checks only those; ``--interval`` overrides the pause
between two requests to one host (VERACITY_ANCHOR_HOST_INTERVAL). One line per article as it
is checked, then a summary.
"""

import re
from collections import Counter
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from claims.anchors.check import Checked, articles_to_check, check_articles

UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def duration(value: str) -> timedelta:
    """``90m``, ``20h`` or ``7d``."""
    match = re.fullmatch(r"(\d{1,5})([mhd])", value.strip())
    if match is None:
        raise ValueError(value)
    return timedelta(**{UNITS[match[2]]: int(match[1])})


class Command(BaseCommand):
    help = "Fetch articles' pages again and check that their claims are still there."

    def add_arguments(self, parser):
        parser.add_argument(
            "--article",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help="Check this article (repeatable); default: every article with a URL.",
        )
        parser.add_argument(
            "--older-than",
            metavar="AGE",
            help="Only pages not checked within AGE: 90m, 20h, 7d.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            metavar="SECONDS",
            help="Pause between two requests to the same host (default: the setting).",
        )

    def handle(self, *args, article, older_than, interval, **options):
        try:
            age = duration(older_than) if older_than else None
        except ValueError:
            raise CommandError(
                f"--older-than {older_than!r}: give a number and m, h or d (20h, 7d)."
            ) from None
        if interval is not None and interval < 0:
            raise CommandError("--interval cannot be negative.")
        articles = list(articles_to_check(older_than=age, ids=article))
        missing = set(article) - {a.pk for a in articles}
        if missing and not age:
            raise CommandError(f"No article with a URL has the id(s) {sorted(missing)}.")
        total, done = len(articles), 0

        def report(checked: Checked) -> None:
            nonlocal done
            done += 1
            self.stdout.write(f"[{done}/{total}] {checked.article.url}: {checked.summary()}")

        results = check_articles(articles, interval=interval, report=report)
        self.stdout.write(self.style.SUCCESS(_summary(results)))


def _summary(results: list[Checked]) -> str:
    if not results:
        return "No page to check."
    pages = Counter(str(r.outcome.label).lower() for r in results)
    marks = sum((r.marks for r in results), Counter())
    said = ", ".join(f"{n} {label}" for label, n in pages.most_common())
    claims = ", ".join(f"{n} {mark}" for mark, n in marks.most_common()) or "none"
    return f"Checked {len(results)} page(s): {said}. Claims: {claims}."
