"""REST API plumbing shared by every app's ``api.py``: authentication, parsing, paging,
filtering, throttling and model validation. Errors and the OpenAPI schema class are in
``core.api_errors``.

Named in settings.REST_FRAMEWORK, so this module must not import DRF's views.
"""

import copy

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend, NumberFilter
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, filters, pagination, parsers, serializers, throttling
from rest_framework.authentication import SessionAuthentication
from rest_framework.settings import api_settings

from core.shared_cache import fallback_cache

MAX_ID = 2**63 - 1  # the largest id the database's bigint holds

# --- authentication ---------------------------------------------------------------------------


class CookieSessionAuthentication(SessionAuthentication):
    """The admin's login session, looked up only when a session cookie came: anonymous reads
    never load a session (which would make every response vary on Cookie)."""

    def authenticate(self, request):
        if settings.SESSION_COOKIE_NAME not in request._request.COOKIES:
            return None
        return super().authenticate(request)


# --- parsing ----------------------------------------------------------------------------------


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, answering 400 rather than 500 for absurdly nested documents.

    Oversized bodies never get here: core.middleware.RequestSizeLimitMiddleware answers 413.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from None


class JSONLDParser(JSONParser):
    """JSON-LD documents (``application/ld+json``), as structured-data tools send them."""

    media_type = "application/ld+json"


class HTMLParser(parsers.BaseParser):
    """An HTML document as text, for endpoints that read markup (ClaimReview import)."""

    media_type = "text/html"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream else b""
        return raw.decode(parser_context.get("encoding") or settings.DEFAULT_CHARSET, "replace")


# --- lists ----------------------------------------------------------------------------------


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 20 by default; ``page_size`` up to 100 (larger asks get 100)."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is not None and not (asked.isdigit() and int(asked) > 0):
            raise exceptions.ValidationError({"page_size": ["Use a whole number from 1."]})
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = f"Results per page, at most {self.max_page_size}."
        return parameters


PAGING_PARAMS = {"page", "page_size", "ordering", "format"}


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter on lists, refusing query parameters it does not know (typos hide bugs),
    and on single records, which read none but ``format`` (nor can made-up ones fill the page
    cache)."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "list":
            self._refuse_unknown(request, {"format"})
            return queryset
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        self._refuse_unknown(request, known | PAGING_PARAMS)
        if set(request.query_params) <= PAGING_PARAMS:
            return queryset  # nothing to filter by: building the filters costs more than a page
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def _refuse_unknown(request, known: set[str]) -> None:
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            choices = ", ".join(sorted(known))
            raise exceptions.ValidationError(
                {name: [f"Unknown query parameter; use one of: {choices}."] for name in unknown}
            )


class StableOrderingFilter(filters.OrderingFilter):
    """Ordering that refuses unknown fields and always ends on the id, so pages never shuffle."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        context = {"request": request}
        valid = {name for name, _label in self.get_valid_fields(queryset, view, context)}
        unknown = [field for field in fields if field.lstrip("-") not in valid]
        if unknown:
            message = f"Cannot order by {', '.join(unknown)}; use {', '.join(sorted(valid))}."
            raise exceptions.ValidationError({"ordering": [message]})
        return fields

    def filter_queryset(self, request, queryset, view):
        if request.query_params.get(self.ordering_param):
            ordering = self.get_ordering(request, queryset, view)
        else:  # keep an order the filters chose (search ranks best first), else the view's
            ordering = list(queryset.query.order_by) or self.get_default_ordering(view) or []
        if not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering = [*ordering, "-id"]
        return queryset.order_by(*ordering)

    def get_schema_operation_parameters(self, view):
        fields = sorted(getattr(view, "ordering_fields", []))
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort by a field, `-` first for descending; ties go by id.",
                "schema": {"type": "string", "enum": [f for n in fields for f in (n, f"-{n}")]},
            }
        ]


# --- throttling -----------------------------------------------------------------------------


class _CurrentRates:
    """Read the rate from settings on each request (DRF freezes it at import time), and count
    in the shared cache, or in this process alone while Redis is unreachable."""

    cache = fallback_cache

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_CurrentRates, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_CurrentRates, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(_CurrentRates, throttling.ScopedRateThrottle):
    pass


# --- serializers and filters ----------------------------------------------------------------


class StrictCharField(serializers.CharField):
    """Text must come as a JSON string: a number sent for text is refused, not stored as its
    digits."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class CleanModelSerializer(serializers.ModelSerializer):
    """Runs the model's own field validators, ``clean()`` and constraints before saving, so
    the API and the admin enforce one rule set. Text fields take only strings."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        candidate = copy.copy(self.instance) if self.instance is not None else model()
        concrete = {field.name for field in model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in concrete:
                setattr(candidate, name, value)
        # Fields the view fills in on save (author, added_by) are not the client's to validate.
        unset = [] if self.instance is not None else sorted(concrete - set(attrs))
        try:
            candidate.full_clean(exclude=unset, validate_unique=False)
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from None
        return attrs


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(NumberFilter):
    """A row id: a whole number in the database's range, never a decimal."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
