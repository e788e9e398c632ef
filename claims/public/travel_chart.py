"""The family page's chart: appearances over time by outlet, a server-rendered SVG.

One row per outlet (the most frequent first, the rest together), one column per month, or per
year when the appearances span more than MONTHS_MAX months; a dot's area shows how many
appearances fell there, and each dot names its outlet, period and count (``<title>``). The
chart has a title and a description, and the page gives the same numbers as a table.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims.families import Point

OUTLETS_SHOWN = 8
MONTHS_MAX = 36
LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT, AXIS_HEIGHT = 170, 460, 30, 28
DOT_MIN, DOT_MAX = 3, 12
OTHER = "Other outlets"


@dataclass(frozen=True)
class OutletRow:
    outlet: str
    appearances: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class TravelChart:
    svg: SafeString
    rows: list[OutletRow]
    description: str


def _period(when: datetime, yearly: bool) -> tuple[int, int]:
    return (when.year, 1) if yearly else (when.year, when.month)


def _periods(first: datetime, last: datetime, yearly: bool) -> list[tuple[int, int]]:
    periods, current, end = [], _period(first, yearly), _period(last, yearly)
    while current <= end:
        periods.append(current)
        year, month = current
        current = (year + 1, 1) if yearly or month == 12 else (year, month + 1)
    return periods


def _label(period: tuple[int, int], yearly: bool) -> str:
    year, month = period
    return str(year) if yearly else datetime(year, month, 1).strftime("%b %Y")


def outlet_rows(points: list[Point]) -> list[OutletRow]:
    """Dated appearances per outlet, the most frequent first."""
    dates = defaultdict(list)
    for point in points:
        if point.when is not None:
            dates[point.outlet].append(point.when)
    rows = [OutletRow(name, len(ds), min(ds), max(ds)) for name, ds in dates.items()]
    return sorted(rows, key=lambda row: (-row.appearances, row.first, row.outlet))


def travel_chart(points: list[Point], *, title: str) -> TravelChart | None:
    """``points``: the family's published appearances. None when none is dated."""
    rows = outlet_rows(points)
    if not rows:
        return None
    first, last = min(r.first for r in rows), max(r.last for r in rows)
    yearly = len(_periods(first, last, yearly=False)) > MONTHS_MAX
    periods = _periods(first, last, yearly)
    shown = {row.outlet for row in rows[:OUTLETS_SHOWN]}
    counts: Counter = Counter()
    for point in points:
        if point.when is None:
            continue
        outlet = point.outlet if point.outlet in shown else OTHER
        counts[outlet, _period(point.when, yearly)] += 1
    outlets = [row.outlet for row in rows[:OUTLETS_SHOWN]] + (
        [OTHER] if len(rows) > len(shown) else []
    )
    description = describe(rows, first, last)
    svg = _svg(outlets, periods, counts, yearly, title=title, description=description)
    return TravelChart(svg=svg, rows=rows, description=description)


def describe(rows: list[OutletRow], first: datetime, last: datetime) -> str:
    total = sum(row.appearances for row in rows)
    top = ", ".join(f"{row.outlet} {row.appearances}" for row in rows[:3])
    return (
        f"{total} dated appearance{'s' if total != 1 else ''} in {len(rows)} "
        f"outlet{'s' if len(rows) != 1 else ''} from {first:%B %Y} to {last:%B %Y}; "
        f"most in {top}."
    )


def _svg(outlets, periods, counts, yearly, *, title: str, description: str) -> SafeString:
    column = PLOT_WIDTH / len(periods)
    largest = max(counts.values())
    height = ROW_HEIGHT * len(outlets) + AXIS_HEIGHT
    labels = format_html_join(
        "",
        '<text class="chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
        (
            (LABEL_WIDTH - 8, ROW_HEIGHT * i + ROW_HEIGHT // 2 + 4, name)
            for i, name in enumerate(outlets)
        ),
    )
    dots = format_html_join(
        "",
        '<circle class="chart__dot" cx="{}" cy="{}" r="{}"><title>{}, {}: {}</title></circle>',
        (
            (
                round(LABEL_WIDTH + column * (p + 0.5), 1),
                ROW_HEIGHT * i + ROW_HEIGHT // 2,
                round(DOT_MIN + (DOT_MAX - DOT_MIN) * (counts[outlet, period] / largest) ** 0.5, 1),
                outlet,
                _label(period, yearly),
                f"{counts[outlet, period]} appearance{'s' if counts[outlet, period] != 1 else ''}",
            )
            for i, outlet in enumerate(outlets)
            for p, period in enumerate(periods)
            if counts[outlet, period]
        ),
    )
    ticks = {0, len(periods) - 1, (len(periods) - 1) // 2}
    axis = format_html_join(
        "",
        '<text class="chart__axis" x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (round(LABEL_WIDTH + column * (p + 0.5), 1), height - 8, _label(periods[p], yearly))
            for p in sorted(ticks)
        ),
    )
    return format_html(
        '<svg class="chart chart--travel" role="img" aria-labelledby="travel-title travel-desc" '
        'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet">'
        '<title id="travel-title">{}</title><desc id="travel-desc">{}</desc>'
        '<line class="chart__rule" x1="{}" x2="{}" y1="{}" y2="{}"></line>{}{}{}</svg>',
        LABEL_WIDTH + PLOT_WIDTH + 10,
        height,
        title,
        description,
        LABEL_WIDTH,
        LABEL_WIDTH + PLOT_WIDTH,
        height - AXIS_HEIGHT,
        height - AXIS_HEIGHT,
        labels,
        dots,
        axis,
    )
