"""Site-wide HTTP rules: request size limits, no NUL characters in query strings, a clear 503
when the database connection breaks, and never caching what a logged-in user sees."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

MB = 1024 * 1024
DATABASE_RETRY_SECONDS = 5


class RequestSizeLimitMiddleware:
    """Refuse a request body over settings.MAX_REQUEST_BYTES before anything reads it.

    Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE) answers a bare 400 "Bad Request" only once
    a view reads the body; this answers 413 up front, saying the limit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return request_too_large(request, length, limit)
        return self.get_response(request)


def request_too_large(request, length: int, limit: int) -> HttpResponse:
    message = (
        f"The request is {length / MB:.1f} MB; the limit is {limit / MB:.0f} MB. "
        "Send a smaller file or split the article."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "too_large"}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class RefuseNulInQueryMiddleware:
    """Refuse a query string holding a NUL character (``%00``) with 400 naming the parameter.

    PostgreSQL cannot store or compare text containing NUL, so an admin filter, a search or an
    autocomplete given one would fail inside the database; no page needs one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return nul_in_query(request, name.replace("\x00", "%00"))
        return self.get_response(request)


def nul_in_query(request, name: str) -> HttpResponse:
    message = "Null characters are not allowed."
    if request.path.startswith("/api/"):
        return JsonResponse({name: [message]}, status=400)
    return HttpResponse(
        f"The address's parameter “{name}” contains a NUL character (%00). {message} "
        "Remove it from the address and try again.",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


class DatabaseUnavailableMiddleware:
    """A request whose database connection broke (PostgreSQL restarted or failed over, the
    connection was terminated) answers 503 with what to do, not a bare 500. Its transaction
    was rolled back; the next request opens a new connection."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable during %s", request.path, exc_info=exception)
        message = (
            "The database could not be reached while answering, so a change you were making "
            "may not have been saved. Reload in a few seconds to see what is stored, then try "
            "again if your change is not there."
        )
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message, "code": "unavailable"}, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
        return response


class PrivateCacheControlMiddleware:
    """Whatever a logged-in user is shown is theirs alone: ``Cache-Control: private, no-store``.

    Publicly cacheable responses get ``Vary: Cookie``, since the same URL may look different
    when logged in. Anonymous requests (no session cookie) never load the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_logged_in(request):
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, private=True, no_store=True)
        elif "public" in response.get("Cache-Control", ""):
            patch_vary_headers(response, ["Cookie"])
        return response


def is_logged_in(request) -> bool:
    """Whether a person is logged in, loading the session only when a session cookie came."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated
