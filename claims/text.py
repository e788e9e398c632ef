"""Claim text made short for titles, lists and addresses, without breaking words or numbers."""

import re
import textwrap

from django.utils.text import Truncator, slugify

SLUG_LENGTH = 60
# "4.2 percent" or "1,500 people": slugify would drop the separator and fuse the digits.
NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")


def shorten(text: str, width: int) -> str:
    """At most ``width`` characters, cut at a word with "…" (mid-word only for one long word)."""
    short = textwrap.shorten(text, width, placeholder="…")
    return short if short != "…" else Truncator(text).chars(width)


def readable_slug(text: str, fallback: str) -> str:
    """A URL slug that keeps numbers readable ("4.2 percent" → "4-2-percent"), cut at a word."""
    slug = slugify(NUMBER_SEPARATOR.sub("-", text))
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug.strip("-") or fallback
