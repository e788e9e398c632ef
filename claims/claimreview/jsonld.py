"""Lenient reading of JSON-LD values as fact-checkers publish them: keys in any case or with a
schema.org prefix, values wrapped in lists or ``@value`` objects, numbers as text, dates in
several formats. Every reader returns an empty value rather than raising."""

import math
import re
from datetime import date, datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.dateparse import parse_date, parse_datetime

URL_MAX = 1000
SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d.%m.%Y")


def is_dict(value) -> bool:
    return isinstance(value, dict)


def bare(name: str) -> str:
    for prefix in SCHEMA_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name.casefold()


def is_a(node: dict, type_name: str) -> bool:
    types = node.get("@type", node.get("type"))
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and bare(t) == type_name for t in types)


def get(node, name: str):
    """``node[name]``, forgiving case and a schema.org prefix; None when absent."""
    if not is_dict(node):
        return None
    if name in node:
        return node[name]
    wanted = name.casefold()
    return next((value for key, value in node.items() if bare(str(key)) == wanted), None)


def first(value):
    if isinstance(value, list):
        return next((item for item in value if item not in (None, "", [], {})), None)
    return value


def first_dict(value) -> dict:
    value = first(value)
    return value if is_dict(value) else {}


def as_text(value) -> str:
    value = first(value)
    if is_dict(value):
        value = value.get("@value", value.get("name", ""))
    if isinstance(value, bool) or value is None or is_dict(value) or isinstance(value, list):
        return ""
    return " ".join(str(value).split())


def as_number(value) -> float | None:
    value = first(value)
    if is_dict(value):
        value = value.get("@value")
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
        if not re.fullmatch(r"[-+]?\d+(\.\d+)?", value):
            return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def as_url(value) -> str:
    url = as_text(value)
    if not url or len(url) > URL_MAX:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
        url.encode()  # half of a surrogate pair is not text
    except (ValidationError, UnicodeEncodeError):
        return ""
    return url


def host(url: str) -> str:
    return urlsplit(url).hostname.removeprefix("www.") if url else ""


def as_date(value) -> date | None:
    text = as_text(value)
    if not text:
        return None
    try:
        moment = parse_datetime(text)
        if moment is not None:
            return moment.date()
        parsed = parse_date(text[:10])
        if parsed is not None:
            return parsed
    except ValueError:
        pass  # shaped like a date but impossible (2019-02-30): try the other formats
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
