"""Template helpers for the public site."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from claims import colours
from claims.diffs import word_diff
from claims.public import staff_visitors

register = template.Library()

# The characters that could end a <script> element or start a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def jsonld(data) -> str:
    """``data`` as JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # escaped just above


@register.simple_tag
def rating_badge(rating, size: str = "") -> str:
    """The rating as text on its colour (a CSS class from /ratings.css): never colour alone."""
    if rating is None:
        return ""
    size_class = f" badge--{size}" if size else ""
    return format_html(
        '<span class="badge rating-{}{}">{}</span>', rating.slug, size_class, rating.label
    )


@register.simple_tag
def source_link(source) -> str:
    """A source's name, linked to its page once confirmed; marked when a state controls it."""
    if source.confirmed:
        name = format_html('<a href="{}">{}</a>', source.get_absolute_url(), source.name)
    else:
        name = conditional_escape(source.name)
    if not source.state_affiliated:
        return name
    return format_html(
        '{} <span class="tag" title="Owned or editorially controlled by a state">'
        "state-affiliated</span>",
        name,
    )


register.filter("may_open_newsroom", staff_visitors.may_open_newsroom)


@register.filter
def person_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


@register.filter
def text_colour_on(background: str) -> str:
    return colours.text_colour_on(background)


@register.filter
def tint(colour: str, strength: float) -> str:
    return colours.tint(colour, float(strength))


@register.simple_tag
def diff(change) -> str:
    """A [before, after] pair from a correction's record as a word diff."""
    before, after = change
    return word_diff(before, after)


CHANGE_LABELS = {"rating": "Rating", "summary": "Summary", "body": "Explanation"}


@register.filter
def verdict_changes(changes: dict) -> list[tuple[str, list]]:
    """A correction's changes in reading order: (label, [before, after]) for the verdict's
    fields, then one ("Evidence", pair) per changed piece of evidence."""
    listed = [(label, changes[field]) for field, label in CHANGE_LABELS.items() if field in changes]
    return listed + [("Evidence", pair) for pair in changes.get("evidence", [])]
