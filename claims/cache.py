"""Whole-page caching of the public site for anonymous readers, and its purge.

Every cached page's key carries a generation number; publishing, correcting or retracting a
claim starts a new generation (on commit), so readers never see a verdict that was changed or
withdrawn. Pages also expire after PAGE_TTL, which bounds staleness after admin edits that go
through no workflow action (a source's description, a rating's colour). With a shared cache
(CACHE_URL=redis://…) one purge reaches every web process.

Logged-in people (staff previews included) always get a fresh page marked ``private, no-store``.
A cached page is the same for every anonymous reader, so these pages carry nothing made per
request: no CSRF token, no CSP nonce (they have no inline script or style to need one).
"""

import hashlib
import time
from functools import wraps

from django.core.cache import cache
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date

from config.middleware import is_logged_in

GENERATION_KEY = "public-pages:generation"
PAGE_TTL = 600  # seconds a page stays in our cache
BROWSER_MAX_AGE = 300  # seconds browsers and reverse proxies may reuse a page
PUBLIC_ACTIONS = frozenset({"publish", "correct", "retract"})
# The public list's total (claims.paginators.published_count); kept apart from the pages'
# generation so that purging pages does not recount it, forgotten when the total can change.
PUBLISHED_COUNT_KEY = "public-pages:published-count"


def purge_public_pages() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def purge_after(action: str) -> None:
    """Called on commit of every workflow transition; only some change what readers see."""
    if action in PUBLIC_ACTIONS:
        purge_public_pages()
        cache.delete(PUBLISHED_COUNT_KEY)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, None)
    return generation


def _page_key(request) -> str:
    url = request.build_absolute_uri().encode()
    return f"public-page:{_generation()}:{hashlib.sha256(url).hexdigest()}"


def _render_for_cache(view, request, *args, **kwargs):
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code == 200 and not response.streaming:
        set_response_etag(response)
        response["Last-Modified"] = http_date()
    return response


def public_page(view):
    """Cache ``view`` for anonymous readers and answer their conditional requests with 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_logged_in(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        response = cache.get(key)
        if response is None:
            response = _render_for_cache(view, request, *args, **kwargs)
            if response.status_code != 200:
                return response
            cache.set(key, response, PAGE_TTL)
        patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date(response["Last-Modified"]),
            response=response,
        )

    return wrapper
