"""Site-wide HTTP rules: request size limits and never caching what a logged-in user sees."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

MB = 1024 * 1024


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
