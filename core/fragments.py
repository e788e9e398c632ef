"""Fragments: pieces of public pages kept in the shared cache by what they show.

A list (home, the claims list, the API's list of claims) names no tags: a publish changes
which claims it shows, so every purge has it rendered again. Yet most of what it shows did
not change: the cards and records of the claims that were on it before. ``kept`` keeps each
such piece under a key naming the versions of the rows it was rendered from, with the tokens
its tags had (``core.page_tags``), and renders only the pieces whose key is new or whose tags
were purged since.

The stored pages' rules hold for pieces: the tokens are read before the rows a piece is
rendered from, so a purge racing a render leaves a piece no token matches; while a purge is
pending or Redis is unreachable, every piece is rendered from the database. A piece expires
after PAGE_TTL, as stored pages do.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from core import page_tags
from core.purges import apply_pending, pending_check
from core.shared_cache import outage, redis_error

KEY_PREFIX = "fragment:"


@dataclass(frozen=True)
class Shows:
    """What a piece shows: a key naming the versions of the rows it is rendered from, and the
    tags of pages that show them (every piece also carries ``page_tags.SITE``)."""

    key: str
    tags: frozenset[str]


# render(items) -> {item: (piece, what the rows it was rendered from show)}
Render = Callable[[list[Hashable]], dict[Hashable, tuple[Any, Shows]]]


def kept(wanted: dict[Hashable, Shows], render: Render) -> dict[Hashable, Any]:
    """The piece of each item of ``wanted``: a kept one while its key and tags' tokens are
    unchanged, else one from ``render``. A piece is kept only if its rows still show what
    ``wanted`` said (a row saved in between is rendered again next time). An item ``render``
    does not return (its row is gone) has no piece."""
    if not wanted:
        return {}
    try:
        if pending_check.due() and not apply_pending():
            return _rendered(render, list(wanted))
        tags = {page_tags.SITE}.union(*(shows.tags for shows in wanted.values()))
        keys = [KEY_PREFIX + shows.key for shows in wanted.values()]
        tokens, found, _gave_tokens = page_tags.read_tokens(tags, keys)
    except redis_error() as error:
        outage.report(error)
        return _rendered(render, list(wanted))
    pieces, stale = {}, []
    for item, shows in wanted.items():
        entry = found.get(KEY_PREFIX + shows.key)
        if entry is not None and entry[0] == _tokens_of(shows, tokens):
            pieces[item] = entry[1]
        else:
            stale.append(item)
    if stale:
        pieces |= _render_and_keep(render, stale, wanted, tokens)
    return pieces


def _render_and_keep(render: Render, items: list, wanted: dict, tokens: dict) -> dict:
    pieces, to_keep = {}, {}
    for item, (piece, shows) in render(items).items():
        pieces[item] = piece
        if shows == wanted[item]:
            to_keep[KEY_PREFIX + shows.key] = (_tokens_of(shows, tokens), piece)
    try:
        cache.set_many(to_keep, page_tags.PAGE_TTL)
    except redis_error() as error:
        outage.report(error)
    return pieces


def _rendered(render: Render, items: list) -> dict:
    return {item: piece for item, (piece, _shows) in render(items).items()}


def _tokens_of(shows: Shows, tokens: dict[str, str]) -> dict[str, str]:
    return {tag: tokens[tag] for tag in shows.tags | {page_tags.SITE}}
