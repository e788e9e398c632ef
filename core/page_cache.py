"""Whole-response caching of public pages and API reads for anonymous readers, and its purge.

Two places look in one store:

- ``PageCacheMiddleware``, first in MIDDLEWARE, answers an anonymous GET from what is stored,
  before any other middleware, URL resolution or view runs: at most one cache round trip.
- ``public_page``, on a view, marks what may be stored and under which key. A view that never
  reads the query string (``ignores_query=True``: the claim, article and source pages) is
  stored under its path alone, as an entry that says so; a shared link with tracking
  parameters (``?fbclid=…``, ``?utm_source=…``) is then answered from it without a render,
  and made-up URLs cannot grow the cache by one entry each.

Every entry records the purge generation that was current before it was rendered; publishing,
correcting or retracting a claim starts a new generation (on commit), so readers never see a
verdict that was changed or withdrawn. Entries also expire after PAGE_TTL, which bounds
staleness after edits that go through no workflow action (a source's description, a rating's
colour). With a shared cache (CACHE_URL=redis://…) one purge reaches every web process.

Each process also keeps the responses it served last (``ProcessCopies``) and trusts the
generation it last read for GENERATION_RECHECK seconds, so a page being read over and over
costs no cache round trip at all; a purge made in another process reaches this one within
that time (the process that purges sees it at once).

Only requests without a session cookie or an Authorization header share responses. Logged-in
people (staff previews included) always get a fresh page marked ``private, no-store``. A stored
response is the same for every anonymous reader, so it carries nothing made per request: no
CSRF token, no cookie, no CSP nonce (public pages have no inline script or style to need one).
Stored responses are answered before the API throttle runs, as the nginx cache in front of the
app would answer them.
"""

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe, split_header_value
from redis.exceptions import RedisError

from core.middleware import is_logged_in

GENERATION_KEY = "public-pages:generation"
KEY_PREFIX = "public-page:2:"  # the number changes with Entry's fields
PAGE_TTL = 600  # seconds an entry stays in our cache
BROWSER_MAX_AGE = 300  # seconds browsers and reverse proxies may reuse a response
# The request headers a stored response may vary on; each is part of the key. Cookie: only
# requests without a session share responses. Accept: the API answers HTML to browsers.
KEYED_VARY_HEADERS = frozenset({"cookie", "accept"})

CONDITIONAL_HEADERS = frozenset(
    {"HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE"}
)
GENERATION_RECHECK = 0.25  # seconds a process trusts the generation it last read
PROCESS_COPIES = 256  # responses each process keeps in memory

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    generation: int
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    whole_path: bool  # the answer for its path whatever the query string

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, status=self.status, headers=dict(self.headers))
        response.served_from_page_cache = True
        return response


class ProcessCopies:
    """This process's memory of the generation and of the last responses it served."""

    def __init__(self, size: int):
        self.size = size
        self.forget()

    def forget(self) -> None:
        self.generation, self.read_at = None, 0.0
        self.entries: dict[str, Entry] = {}
        self.lock = threading.Lock()

    def trusted_generation(self) -> int | None:
        if time.monotonic() - self.read_at < GENERATION_RECHECK:
            return self.generation
        return None

    def learn_generation(self, generation: int) -> None:
        self.generation, self.read_at = generation, time.monotonic()

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def keep(self, key: str, entry: Entry) -> None:
        with self.lock:
            if key not in self.entries and len(self.entries) >= self.size:
                self.entries.pop(next(iter(self.entries)))  # the oldest
            self.entries[key] = entry


process_copies = ProcessCopies(PROCESS_COPIES)


def purge_public_pages() -> None:
    generation = time.time_ns()
    cache.set(GENERATION_KEY, generation, None)
    process_copies.learn_generation(generation)


def shares_responses(request) -> bool:
    """Whether this request is an anonymous reader's, whose response anyone may be given."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not _sends_token(request)


def _sends_token(request) -> bool:
    return "HTTP_AUTHORIZATION" in request.META


def page_key(request, *, with_query: bool = True) -> str:
    url = request.build_absolute_uri() if with_query else request.build_absolute_uri(request.path)
    accept = request.META.get("HTTP_ACCEPT", "")
    return KEY_PREFIX + hashlib.sha256(f"{url}\n{accept}".encode()).hexdigest()


def _keys(request) -> dict[str, bool]:
    """Where this request's answer may be stored: under its URL, or (when it has a query
    string) under its path by a view that ignores the query. Value: whole-path entries only."""
    keys = {page_key(request): False}
    if request.META.get("QUERY_STRING"):
        keys[page_key(request, with_query=False)] = True
    return keys


def _answer(keys: dict[str, bool], found: dict, generation: int) -> tuple[str, Entry] | None:
    for key, whole_path_only in keys.items():
        entry = found.get(key)
        if entry and entry.generation == generation and entry.whole_path >= whole_path_only:
            return key, entry
    return None


def look_up(request) -> tuple[int, HttpResponse | None]:
    """The current generation and, if stored in it, the response for ``request``."""
    keys = _keys(request)
    generation = process_copies.trusted_generation()
    if generation is not None:
        local = {key: process_copies.get(key) for key in keys}
        if answer := _answer(keys, local, generation):
            return generation, answer[1].response()
    generation, found = _read_shared([*keys], generation)
    answer = _answer(keys, found, generation)
    if answer is None:
        return generation, None
    process_copies.keep(*answer)
    return generation, answer[1].response()


def _read_shared(keys: list[str], generation: int | None) -> tuple[int, dict]:
    """One round trip: the entries under ``keys``, and the generation unless it is trusted."""
    if generation is not None:
        return generation, cache.get_many(keys)
    found = cache.get_many([GENERATION_KEY, *keys])
    if GENERATION_KEY not in found:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        found[GENERATION_KEY] = cache.get(GENERATION_KEY)
    process_copies.learn_generation(found[GENERATION_KEY])
    return found[GENERATION_KEY], found


def store(key: str, generation: int, response: HttpResponse) -> None:
    entry = Entry(
        generation=generation,
        status=response.status_code,
        headers=tuple(response.headers.items()),
        body=response.content,
        whole_path=response.page_cache_whole_path,
    )
    cache.set(key, entry, PAGE_TTL)
    process_copies.keep(key, entry)


def _may_store(response) -> bool:
    varies_on = {h.lower() for h in split_header_value(response.get("Vary", ""))}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and varies_on <= KEYED_VARY_HEADERS
    )


class PageCacheMiddleware:
    """Answers anonymous GETs from stored responses; stores what ``public_page`` marked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_answer(request):
            return self.get_response(request)
        try:
            generation, response = look_up(request)
        except RedisError:  # the cache only speeds things up: answer without it
            logger.warning("Page cache unreachable; answering without it", exc_info=True)
            return self.get_response(request)
        if response is None:
            response = self.get_response(request)
            store_key = getattr(response, "page_cache_key", None)
            if store_key and _may_store(response):
                store(store_key, generation, response)
        if not CONDITIONAL_HEADERS.intersection(request.META):
            return response
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    @staticmethod
    def _may_answer(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(settings.STATIC_URL)  # WhiteNoise's
            and shares_responses(request)
            # Plain HTTP gets SecurityMiddleware's redirect, never a stored page.
            and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
        )


def _render(view, request, *args, **kwargs):
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code == 200 and not response.streaming:
        set_response_etag(response)
        response["Last-Modified"] = http_date()
    return response


def public_page(view=None, *, ignores_query: bool = False):
    """Let anonymous readers share ``view``'s responses; logged-in people get them fresh.

    ``ignores_query``: the view reads nothing from the query string, so its responses are
    stored under the path alone.
    """
    if view is None:
        return lambda view: public_page(view, ignores_query=ignores_query)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_logged_in(request) or _sends_token(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if ignores_query:
            # What is stored under the path must not echo this request's query (the search
            # box shows ?q=): one reader's made-up link would show to every reader.
            request.GET = QueryDict()
        response = _render(view, request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            response.page_cache_key = page_key(request, with_query=not ignores_query)
            response.page_cache_whole_path = ignores_query
        return response

    return wrapper
