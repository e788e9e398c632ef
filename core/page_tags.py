"""Page tags: what a stored public page shows, and purges that retire exactly those pages.

A public view names what its response shows (``tag_response(response, *tags)``, tags from
``tag_for(instance)``: ``"claims.claim:5"``); a page that names nothing is ``UNTAGGED`` (lists,
home, feeds, the sitemap) and every purge retires it. Each tag has a token in the shared cache.
A stored page records the tokens its tags had when it was rendered and is served only while all
of them are unchanged; ``purge(tags)`` gives those tags (and UNTAGGED) new tokens, so every page
showing them is rendered afresh on its next request, in every process.

The generation changes with every purge, in the same atomic write as the tokens. A page is
stored only if the generation did not change while it was rendered (else a purge may have
raced the render and its tokens are not to be trusted), and a stored page whose generation is
still current needs no token check at all.

Purges that must not be lost go through ``core.purges.purge_on_commit``; ``purge`` here writes
the cache directly and raises ``redis.exceptions.RedisError`` when Redis is unreachable.
"""

import time
import uuid
from collections.abc import Iterable

from django.core.cache import cache

from core.shared_cache import outage, redis_error

SITE = "site"  # carried by every page: purge_public_pages() retires them all
UNTAGGED = "untagged"  # pages that name nothing they show: every purge retires them
GENERATION_KEY = "public-pages:generation"
TOKEN_PREFIX = "public-page-tag:"
PAGE_TTL = 600  # seconds a stored page is kept
# A token outlives every page stored with it; one lost early (evicted) only costs renders.
TOKEN_TTL = 2 * PAGE_TTL


def tag_for(instance) -> str:
    """The tag of pages that show ``instance`` (a model instance): ``"app.model:pk"``."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def tags_for(model, pks: Iterable) -> set[str]:
    """The tags of the ``model`` instances with these primary keys."""
    return {f"{model._meta.label_lower}:{pk}" for pk in pks}


def tag_response(response, *tags: str) -> None:
    """Record that ``response`` shows what ``tags`` name (in addition to any already named)."""
    response.page_tags = getattr(response, "page_tags", frozenset()) | frozenset(tags)


def page_tags(response) -> frozenset[str]:
    """The tags a stored copy of ``response`` carries."""
    return frozenset({SITE, *(getattr(response, "page_tags", None) or {UNTAGGED})})


def new_token() -> str:
    return uuid.uuid4().hex


class LocalPurges:
    """When this process last purged: its own copies of pages checked before then are
    checked again (other processes' copies are within core.page_cache.RECHECK)."""

    last = float("-inf")

    @classmethod
    def since(cls, moment: float) -> bool:
        return cls.last >= moment


def purge(tags: Iterable[str]) -> None:
    """Retire every stored page showing any of ``tags``, and every untagged page."""
    _new_tokens({*tags, UNTAGGED})


def purge_public_pages() -> None:
    """Retire every stored page (for benchmarks and emergencies; changes purge by tag).
    Values ``cached`` for a tag are kept."""
    _new_tokens({SITE})


def _new_tokens(tags: set[str]) -> None:
    token = new_token()
    tokens = {TOKEN_PREFIX + tag: token for tag in tags}
    # One atomic write (MULTI/EXEC): the generation moves with the tokens.
    cache.set_many({**tokens, GENERATION_KEY: token}, TOKEN_TTL)
    LocalPurges.last = time.monotonic()


def generation_and(keys: list[str]) -> tuple[str, dict]:
    """One round trip: the current generation, and what is stored under ``keys``."""
    found = cache.get_many([GENERATION_KEY, *keys])
    generation = found.pop(GENERATION_KEY, None)
    if generation is None:
        cache.add(GENERATION_KEY, new_token(), TOKEN_TTL)
        generation = cache.get(GENERATION_KEY)
    return generation, found


def current_tokens(tags: Iterable[str]) -> dict[str, str | None]:
    tags = list(tags)
    found = cache.get_many([TOKEN_PREFIX + tag for tag in tags])
    return {tag: found.get(TOKEN_PREFIX + tag) for tag in tags}


def read_tokens(tags: Iterable[str], also: Iterable[str] = ()) -> tuple[dict[str, str], dict, bool]:
    """One round trip: each tag's token and what is stored under the keys ``also``; then
    whether tags that had no token were given one (a stored page never records "no token",
    which a lost token would match again).

    New tokens are written in one round trip, over any another process wrote meanwhile: a
    new token matches nothing stored, so overwriting one only has pages rendered again."""
    token_keys = {TOKEN_PREFIX + tag: tag for tag in tags}
    found = cache.get_many([*token_keys, *also])
    missing = {key: new_token() for key in token_keys if key not in found}
    if missing:
        cache.set_many(missing, TOKEN_TTL)
        found |= missing
    tokens = {tag: found.pop(key) for key, tag in token_keys.items()}
    return tokens, found, bool(missing)


def tokens_to_store(tags: Iterable[str]) -> tuple[str | None, dict[str, str]]:
    """The generation now and each tag's token (``read_tokens``). The generation is read
    after the tokens, so a purge between them shows as a new generation."""
    tokens, found, gave_tokens = read_tokens(tags, [GENERATION_KEY])
    generation = cache.get(GENERATION_KEY) if gave_tokens else found.get(GENERATION_KEY)
    return generation, tokens


def cached(tag: str, key: str, compute, timeout: int = PAGE_TTL):
    """``compute()``, kept in the shared cache until ``tag`` is purged (or ``timeout``
    seconds pass): values derived from what pages show, such as a list's total. While Redis
    is unreachable the value is computed afresh each time."""
    try:
        token = cache.get(TOKEN_PREFIX + tag)
        return cache.get_or_set(f"{key}:{token}", compute, timeout)
    except redis_error() as error:
        outage.report(error)
        return compute()
