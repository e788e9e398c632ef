"""API errors: every 4xx is JSON naming the field (``{"field": ["message"]}``) or the rule
(``{"detail": "...", "code": "..."}``), and the OpenAPI schema says so for every operation.

Kept apart from ``core.rest`` because these import DRF's views, which read the parser and
filter settings that point into ``core.rest``.
"""

from concurrency.exceptions import RecordModifiedError
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import Refused

# --- errors ---------------------------------------------------------------------------------


class Conflict(exceptions.APIException):
    """The request is valid but clashes with the current state (a stale version, a link)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"

    def __init__(self, detail=None, code=None, **extra):
        super().__init__(detail, code)
        self.extra = extra


REFUSAL_STATUS = {
    "forbidden": status.HTTP_403_FORBIDDEN,
    "conflict": status.HTTP_409_CONFLICT,
    "invalid": status.HTTP_400_BAD_REQUEST,
    "stale": status.HTTP_409_CONFLICT,
}


def _as_api_exception(exc):
    """Domain and Django errors, translated into the API's error types."""
    if isinstance(exc, Refused):
        api_exc = Conflict(exc.message, exc.code, **exc.details)
        api_exc.status_code = REFUSAL_STATUS.get(exc.code, status.HTTP_400_BAD_REQUEST)
        return api_exc
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(serializers.as_serializer_error(exc))
    if isinstance(exc, ProtectedError):
        used_by = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        return Conflict(f"Still referred to by {', '.join(used_by)}; change or remove those first.")
    if isinstance(exc, RecordModifiedError):
        return Conflict("Someone else changed this record; reload it and apply your edit again.")
    if isinstance(exc, IntegrityError):
        return Conflict("The change clashes with existing data (a duplicate or a broken link).")
    return exc


def exception_handler(exc, context):
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = response.data
        response.data = data if isinstance(data, dict) else {"non_field_errors": data}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = {
            "detail": str(detail),
            "code": getattr(detail, "code", None) or "error",
            **getattr(exc, "extra", {}),
        }
    return response


@csrf_exempt  # it changes nothing, and a CSRF refusal would hide the real answer: no such URL
def api_not_found(request, *args, **kwargs):
    """Unknown URLs under /api/ answer in JSON like the rest of the API; a read of a known
    address without its trailing slash is redirected to it (the catch-all would otherwise stop
    Django's APPEND_SLASH)."""
    with_slash = f"{request.path}/"
    if not request.path.endswith("/") and _resolves(with_slash):
        if request.method in ("GET", "HEAD"):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{with_slash}?{query}" if query else with_slash)
        detail = f"No API endpoint at this address; did you mean {with_slash}?"
    else:
        detail = "No API endpoint at this address."
    return JsonResponse({"detail": detail, "code": "not_found"}, status=404)


def _resolves(path: str) -> bool:
    try:
        return resolve(path).func is not api_not_found
    except Resolver404:
        return False


# --- OpenAPI --------------------------------------------------------------------------------


class CookieSessionScheme(SessionScheme):
    """``core.rest.CookieSessionAuthentication`` is the admin session, documented as such."""

    target_class = "core.rest.CookieSessionAuthentication"


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, for a person.")
    code = serializers.CharField(help_text="Stable machine-readable reason, e.g. `conflict`.")
    current_version = serializers.IntegerField(
        required=False, help_text="On a stale write (409): the version to base a retry on."
    )


class AutoSchema(AutoSchema):
    """Declares the error answers every operation can give, in the shapes the handler makes."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        error = self.resolve_serializer(ErrorSerializer(), "response").ref
        field_errors = {
            "type": "object",
            "description": 'Field name → messages, e.g. {"statement": ["This field is required."]}',
            "additionalProperties": True,
        }
        invalid = {"anyOf": [error, field_errors]}
        for code in self._error_codes():
            schema = invalid if code == "400" else error
            responses.setdefault(code, self._get_response_for_code(schema, code))
        return responses

    def get_auth(self):
        """Reads are open to anonymous clients (they see published data only), except where
        the view asks for a login (a consumer's own webhooks)."""
        auths = super().get_auth()
        login_required = IsAuthenticated in getattr(self.view, "permission_classes", ())
        if self.method in SAFE_METHODS and {} not in auths and not login_required:
            auths.append({})
        return auths

    def _error_codes(self):
        codes = ["400", "401", "404", "406", "429"]
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            codes += ["403", "409", "413", "415"]
        return codes
