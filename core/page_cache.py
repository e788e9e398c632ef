"""Whole-response caching of public pages and API reads for anonymous readers.

Two places look in one store:

- ``PageCacheMiddleware``, first in MIDDLEWARE, answers an anonymous GET from what is stored,
  before any other middleware, URL resolution or view runs.
- ``public_page``, on a view, marks what may be stored and under which URL. A view that never
  reads the query string (``ignores_query=True``: the claim, article and source pages) is
  stored under its path alone, as an entry that says so; a link with made-up parameters is
  then answered from it without a render, and cannot grow the cache by one entry each.

What a stranger may vary is reduced first (``core.page_keys``): tracking parameters are dropped
from the request and ``Accept`` becomes one of the representations the site serves.

Stored pages are purged by tag (``core.page_tags``): a view names what its response shows
(``tag_response``), a change purges the tags it touches (``core.purges.purge_on_commit``, in
its transaction), and a stored page is answered only while its tags are unchanged. While a
purge is pending (Redis was unreachable when it was due) or Redis is unreachable, every request
is answered from the database. Entries also expire after PAGE_TTL, which bounds staleness
after edits that purge nothing (a rating's colour).

Each process also keeps the responses it served last (``ProcessCopies``) and answers from them
without any round trip for RECHECK seconds after it last checked their tags; a purge made in
another process reaches this one within that time (the process that purges sees it at once).

Only requests without a session cookie or an Authorization header share responses. Logged-in
people (staff previews included) always get a fresh page marked ``private, no-store``. A stored
response is the same for every anonymous reader, so it carries nothing made per request: no
CSRF token, no cookie, no CSP nonce (public pages have no inline script or style to need one).
Stored responses are answered before the API throttle runs, as the nginx cache in front of the
app would answer them.
"""

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe, split_header_value

from core import page_tags
from core.middleware import is_logged_in
from core.page_keys import page_key, representation, without_tracking
from core.page_tags import PAGE_TTL, purge_public_pages  # noqa: F401 (the page cache's API)
from core.purges import apply_pending, pending_check
from core.shared_cache import outage, redis_error

BROWSER_MAX_AGE = 300  # seconds browsers and reverse proxies may reuse a response
# The request headers a stored response may vary on. Cookie: only requests without a session
# share responses. Accept: the API answers HTML to browsers (part of the key, see _keys).
KEYED_VARY_HEADERS = frozenset({"cookie", "accept"})

CONDITIONAL_HEADERS = frozenset(
    {"HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE"}
)
RECHECK = 0.25  # seconds a process answers from a copy without checking its tags again
PROCESS_COPIES = 256  # responses each process keeps in memory


@dataclass(frozen=True)
class Entry:
    generation: str
    tokens: dict[str, str]  # each tag's token when the response was rendered
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    whole_path: bool  # the answer for its path whatever the query string

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, status=self.status, headers=dict(self.headers))
        response.served_from_page_cache = True
        return response

    def is_current(self, generation: str) -> bool:
        if self.generation == generation:
            return True  # nothing was purged since it was stored
        return page_tags.current_tokens(self.tokens) == self.tokens


class ProcessCopies:
    """The last responses this process served, each with when its tags were last checked."""

    def __init__(self, size: int):
        self.size = size
        self.forget()

    def forget(self) -> None:
        self.entries: dict[str, tuple[Entry, float]] = {}
        self.lock = threading.Lock()

    def checked_recently(self, key: str) -> Entry | None:
        entry, checked_at = self.entries.get(key, (None, float("-inf")))
        if time.monotonic() - checked_at >= RECHECK or page_tags.LocalPurges.since(checked_at):
            return None
        return entry

    def keep(self, key: str, entry: Entry) -> None:
        with self.lock:
            if key not in self.entries and len(self.entries) >= self.size:
                self.entries.pop(next(iter(self.entries)))  # the oldest
            self.entries[key] = (entry, time.monotonic())


process_copies = ProcessCopies(PROCESS_COPIES)


def shares_responses(request) -> bool:
    """Whether this request is an anonymous reader's, whose response anyone may be given."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not _sends_token(request)


def _sends_token(request) -> bool:
    return "HTTP_AUTHORIZATION" in request.META


def _reduce(request) -> str | None:
    """Drop what strangers could vary to no effect; the representation the request gets."""
    if query := request.META.get("QUERY_STRING"):
        request.META["QUERY_STRING"] = without_tracking(query)
    accept = representation(request.META.get("HTTP_ACCEPT", ""))
    if accept:
        request.META["HTTP_ACCEPT"] = accept
    return accept


def _keys(request, accept: str | None) -> dict[str, bool]:
    """Where this request's answer may be stored: under its URL, or (when it has a query
    string) under its path by a view that ignores the query; each for every representation
    or for this request's. Value: whole-path entries only."""
    urls = {request.build_absolute_uri(): False}
    if request.META.get("QUERY_STRING"):
        urls[request.build_absolute_uri(request.path)] = True
    variants = (None,) if accept is None else (None, accept)
    return {
        page_key(url, variant): whole_path_only
        for url, whole_path_only in urls.items()
        for variant in variants
    }


def look_up(request, accept: str | None) -> tuple[str | None, HttpResponse | None]:
    """The current generation (None if not read) and the stored response for ``request``."""
    keys = _keys(request, accept)
    for key, whole_path_only in keys.items():
        entry = process_copies.checked_recently(key)
        if entry and entry.whole_path >= whole_path_only:
            return None, entry.response()
    generation, found = page_tags.generation_and([*keys])
    for key, whole_path_only in keys.items():
        entry = found.get(key)
        if entry and entry.whole_path >= whole_path_only and entry.is_current(generation):
            process_copies.keep(key, entry)
            return generation, entry.response()
    return generation, None


def store(key: str, generation: str, response: HttpResponse) -> None:
    """Store ``response`` with its tags' tokens, unless a purge ran while it was rendered."""
    current, tokens = page_tags.tokens_to_store(page_tags.page_tags(response))
    if current != generation:
        return
    entry = Entry(
        generation=generation,
        tokens=tokens,
        status=response.status_code,
        headers=tuple(response.headers.items()),
        body=response.content,
        whole_path=response.page_cache_whole_path,
    )
    cache.set(key, entry, PAGE_TTL)
    process_copies.keep(key, entry)


def _store_key(response, accept: str | None) -> str | None:
    """Where ``response`` may be stored: under its URL for every representation, or for
    ``accept``'s when it varies on Accept; None when it may not be stored."""
    url = getattr(response, "page_cache_url", None)
    varies_on = {h.lower() for h in split_header_value(response.get("Vary", ""))}
    if (
        url is None
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or not varies_on <= KEYED_VARY_HEADERS
    ):
        return None
    if "accept" not in varies_on:
        return page_key(url, None)
    return page_key(url, accept) if accept else None


class PageCacheMiddleware:
    """Answers anonymous GETs from stored responses; stores what ``public_page`` marked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_answer(request):
            return self.get_response(request)
        accept = _reduce(request)
        try:
            generation, response = look_up(request, accept)
        except redis_error() as error:  # the cache only speeds things up: answer without it
            outage.report(error)
            return self.get_response(request)
        if response is not None and pending_check.due():
            found = generation, response
            generation, response = self._after_pending_purges(request, accept, found)
        if response is None:
            response = self.get_response(request)
            self._store(response, accept, generation)
        if not CONDITIONAL_HEADERS.intersection(request.META):
            return response
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    @staticmethod
    def _after_pending_purges(request, accept: str | None, found: tuple):
        """Apply pending purges and look again; nothing is answered or stored from the cache
        while one cannot be applied. With the database unreachable nothing can commit, so
        what was found stands unless a purge is known to be pending."""
        try:
            if apply_pending():
                return look_up(request, accept)
        except redis_error() as error:
            outage.report(error)
        except DatabaseError:
            if not pending_check.pending:
                return found
        return None, None

    @staticmethod
    def _store(response, accept: str | None, generation: str | None) -> None:
        key = _store_key(response, accept)
        if key is None or generation is None:
            return
        try:
            store(key, generation, response)
        except redis_error() as error:
            outage.report(error)

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


def public_page(view=None, *, ignores_query: bool = False, query: Iterable[str] | None = None):
    """Let anonymous readers share ``view``'s responses; logged-in people get them fresh.

    ``ignores_query``: the view reads nothing from the query string, so its responses are
    stored under the path alone and answer any query. ``query``: the only parameters the view
    reads; others are dropped before it runs, so made-up ones share the entry of the URL
    without them. The view names what a response shows with ``core.page_tags.tag_response``;
    one that names nothing is purged by every change.
    """
    if view is None:
        return lambda view: public_page(view, ignores_query=ignores_query, query=query)
    reads = frozenset() if ignores_query else None if query is None else frozenset(query)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_logged_in(request) or _sends_token(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if reads is not None:
            # What is stored must not echo a query it ignores (the search box shows ?q=):
            # one reader's made-up link would show to every reader.
            request.GET = _only(request.GET, reads)
        response = _render(view, request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            query_string = request.GET.urlencode() if reads is not None else None
            response.page_cache_url = _url(request, query_string)
            response.page_cache_whole_path = ignores_query
        return response

    return wrapper


def _only(query: QueryDict, names: frozenset[str]) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if name in names:
            kept.setlist(name, values)
    return QueryDict(kept.urlencode())


def _url(request, query_string: str | None) -> str:
    """The request's URL, with ``query_string`` in place of its own unless that is None."""
    if query_string is None:
        return request.build_absolute_uri()
    path = request.build_absolute_uri(request.path)
    return f"{path}?{query_string}" if query_string else path
