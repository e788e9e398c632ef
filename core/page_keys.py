"""Which stored response answers a request: its URL, less tracking parameters, and the one
representation its ``Accept`` header gets.

Strangers cannot grow the page cache by varying what a page ignores: tracking parameters
(``?utm_source=``, ``?fbclid=``) are dropped from anonymous requests before anything reads them,
and every ``Accept`` header is reduced to one of the few representations the site serves, which
the request is then answered with.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

KEY_PREFIX = "public-page:3:"  # the number changes with the key's or the entry's layout

TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
    }
)

# An acceptable media range → the Accept header the request is answered as if it had sent.
# Pages serve one representation whatever the header; the API serves JSON and, to browsers,
# HTML; "*/*" gets each view's first choice.
SERVED = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/*": "text/html",
    "application/json": "application/json",
    "application/*": "application/json",
    "*/*": "*/*",
}


def is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def without_tracking(query_string: str) -> str:
    """The query string less its tracking parameters (unchanged when it has none)."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not is_tracking(name)]
    return query_string if len(kept) == len(pairs) else urlencode(kept)


def representation(accept: str) -> str | None:
    """The Accept header stored answers are made for, or None if the client takes nothing
    the site serves (most preferred first, by quality; the header's order breaks ties)."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, position, media.lower()))
    if not ranges:
        return "*/*"
    for _quality, _position, media in sorted(ranges):
        if media in SERVED:
            return SERVED[media]
    return None


def page_key(url: str, accept: str | None) -> str:
    """The key of the response stored for ``url``: for one representation (``accept``), or,
    with ``accept=None``, for a response that is the same whatever the client accepts."""
    return KEY_PREFIX + hashlib.sha256(f"{url}\n{accept or ''}".encode()).hexdigest()
