"""The track-record chart: a server-rendered SVG bar chart, one bar per rating of the scale.

Bars carry the rating's class (``bar-<slug>`` from /ratings.css) for colour; every bar is also
labelled with its rating and count in text, so nothing depends on colour alone. The page shows
the same numbers as a table next to it.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW_HEIGHT, BAR_HEIGHT = 30, 20
LABEL_WIDTH, BAR_AREA, COUNT_GAP = 120, 220, 8
WIDTH = LABEL_WIDTH + BAR_AREA + 40


def track_record_svg(ratings, *, title: str, element_id: str = "chart") -> SafeString:
    """``ratings``: Rating objects annotated with ``claim_count``, in scale order."""
    ratings = list(ratings)
    total = sum(r.claim_count for r in ratings)
    largest = max((r.claim_count for r in ratings), default=0) or 1
    height = ROW_HEIGHT * len(ratings) + 4
    rows = format_html_join(
        "\n",
        '<g transform="translate(0 {})">'
        '<text class="chart__label" x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect class="bar-{}" x="{}" y="0" width="{}" height="{}" rx="3"></rect>'
        '<text class="chart__count" x="{}" y="{}">{}</text></g>',
        (
            (
                index * ROW_HEIGHT,
                LABEL_WIDTH - COUNT_GAP,
                BAR_HEIGHT - 5,
                rating.label,
                rating.slug,
                LABEL_WIDTH,
                round(BAR_AREA * rating.claim_count / largest),
                BAR_HEIGHT,
                LABEL_WIDTH + round(BAR_AREA * rating.claim_count / largest) + COUNT_GAP,
                BAR_HEIGHT - 5,
                rating.claim_count,
            )
            for index, rating in enumerate(ratings)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{}-title {}-desc" '
        'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        element_id,
        element_id,
        WIDTH,
        height,
        element_id,
        title,
        element_id,
        describe(ratings, total),
        rows,
    )


def describe(ratings, total: int) -> str:
    """The chart in words, with its denominator: "4 claims checked: 2 False, 1 Mostly true"."""
    if not total:
        return "No claims checked yet."
    parts = ", ".join(f"{r.claim_count} {r.label}" for r in ratings if r.claim_count)
    return f"{total} claim{'s' if total != 1 else ''} checked: {parts}."
