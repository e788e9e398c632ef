"""Fetch a web page for ingestion, or post a webhook to a consumer, safely.

Only http and https. Every hop, the first and each redirect, is checked before connecting: the
host must resolve only to public unicast addresses (no loopback, private, link-local, cloud
metadata, multicast or reserved ranges, nor an IPv6 form that leads to one: IPv4-mapped or
-compatible, NAT64, 6to4, Teredo), and the connection goes to the address that was checked, so a
second DNS answer cannot swap in an internal one. Redirects are followed by hand for that
reason. Reading stops at a size limit and a total time limit.

Re-fetching a page already stored (claims.anchors) sends the validators of the last fetch
(``If-None-Match``, ``If-Modified-Since``) and gets a ``Page`` that says "not modified" on a 304;
a page the server says is gone (404, 410) raises ``PageGone``.
"""

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import urllib3

MAX_REDIRECTS = 5
CONNECT_TIMEOUT, READ_TIMEOUT, TOTAL_TIMEOUT = 5.0, 10.0, 30.0
CHUNK = 64 * 1024
PAGE_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = "Veracity fact-checking ingest (+https://veracity.example.org/)"
PAGE_ACCEPT = {"Accept": "text/html, text/plain;q=0.8"}
VALIDATOR_MAX = 200  # an ETag or Last-Modified longer than this is not kept
GONE_STATUSES = {404, 410}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """The page cannot be fetched; the message says why."""


class NoAnswer(FetchError):
    """The server did not answer in time."""


TRY_LATER = "Try again later, or paste the article's text."


class PageGone(FetchError):
    """The server says the page is not there (404 Not Found, 410 Gone)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Validators:
    """What a server said identifies this version of a page, sent back to ask "changed since?"."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        sent = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in sent.items() if value}


NO_VALIDATORS = Validators()


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    content: bytes
    content_type: str
    charset: str | None
    status: int = 200
    validators: Validators = NO_VALIDATORS

    @property
    def not_modified(self) -> bool:
        """The server answered 304: the page is as it was when ``validators`` were given."""
        return self.status == 304


# IPv6 prefixes that carry an IPv4 address to the IPv4 internet through a translator: the
# address is judged by the IPv4 one it reaches (RFC 6052 NAT64, RFC 4291 compatible form).
NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
# Local-use NAT64 (RFC 8215) reaches whatever the operator's translator reaches: never public.
NAT64_LOCAL_USE = ipaddress.IPv6Network("64:ff9b:1::/48")


def is_public_address(address: IPAddress) -> bool:
    """Whether a fetch may connect here: a globally routable unicast address. An IPv6 address
    that carries an IPv4 one (mapped, compatible, NAT64, 6to4, Teredo) is judged by where it
    leads: Python counts 64:ff9b::7f00:1 as global although it reaches 127.0.0.1."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in NAT64_LOCAL_USE:
            return False
        if inner := embedded_ipv4(address):
            return all(is_public_address(ip) for ip in inner)
    return address.is_global and not address.is_multicast


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to (none for a plain IPv6 address)."""
    if address.ipv4_mapped:
        return [address.ipv4_mapped]
    if address.sixtofour:
        return [address.sixtofour]
    if address.teredo:
        return list(address.teredo)  # the relay server and the client behind it
    if address in NAT64_WELL_KNOWN or address in IPV4_COMPATIBLE:
        return [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)]
    return []


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    path: str


def _target(url: str) -> _Target:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"Only http and https addresses can be fetched, not “{url[:100]}”.")
    if not parts.hostname:
        raise FetchError(f"“{url[:100]}” has no host name.")
    if parts.username or parts.password:
        raise FetchError("Addresses with a user name or password are not fetched.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"“{url[:100]}” has an invalid port.") from None
    path = parts.path or "/"
    return _Target(
        parts.scheme, parts.hostname, port, f"{path}?{parts.query}" if parts.query else path
    )


def _checked_address(target: _Target, allowed: Callable[[IPAddress], bool]) -> str:
    """The address to connect to; refused unless every address the host has is allowed."""
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The host “{target.host}” could not be found.") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    refused = [a for a in addresses if not allowed(a)]
    if not addresses or refused:
        raise FetchError(
            f"“{target.host}” points to an internal address ({refused[0] if refused else 'none'}); "
            "only public web pages are fetched."
        )
    return str(addresses[0])


def check_url(url: str, allowed: Callable[[IPAddress], bool] = is_public_address) -> None:
    """Refuse ``url`` (FetchError, saying why) unless it is http(s) to allowed addresses only."""
    _checked_address(_target(url), allowed)


def _pool(target: _Target, address: str, read_timeout: float) -> urllib3.HTTPConnectionPool:
    """A connection to the checked ``address``, presenting (and verifying) the host's name."""
    timeout = urllib3.Timeout(connect=CONNECT_TIMEOUT, read=read_timeout)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            target.port,
            timeout=timeout,
            retries=False,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(address, target.port, timeout=timeout, retries=False)


def _request(
    target: _Target,
    address: str,
    read_timeout: float,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> urllib3.BaseHTTPResponse:
    host = target.host if target.port in {80, 443} else f"{target.host}:{target.port}"
    headers = {"Host": host, "User-Agent": USER_AGENT, **(headers or {})}
    try:
        return _pool(target, address, read_timeout).urlopen(
            method,
            target.path,
            body=body,
            headers=headers,
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
    except urllib3.exceptions.TimeoutError:
        raise NoAnswer(f"“{target.host}” did not answer within {read_timeout:g} s.") from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"Could not connect to “{target.host}”: {error}.") from None


def _read(response: urllib3.BaseHTTPResponse, url: str, max_bytes: int, deadline: float) -> bytes:
    """The body, read as it arrives (``read1``), so that a server sending a byte now and then
    cannot hold the fetch past its deadline."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"The page at {url} is {int(declared):,} bytes; the limit is {max_bytes:,}."
        )
    chunks, size = [], 0
    try:
        while chunk := response.read1(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(
                    f"The page at {url} is larger than the limit of {max_bytes:,} bytes."
                )
            if time.monotonic() > deadline:
                raise FetchError(
                    f"The page at {url} is arriving too slowly: it was not all there within "
                    f"the time allowed. {TRY_LATER}"
                )
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError:
        raise FetchError(
            f"{url} stopped sending the page before it was complete. {TRY_LATER}"
        ) from None
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"The connection broke while reading {url}: {error}.") from None
    return b"".join(chunks)


def _content_type(response: urllib3.BaseHTTPResponse, url: str) -> tuple[str, str | None]:
    header = Message()
    header["Content-Type"] = response.headers.get("Content-Type", "text/html")
    content_type = header.get_content_type()
    if content_type not in PAGE_TYPES:
        raise FetchError(f"{url} is {content_type}, not a web page or text.")
    return content_type, header.get_param("charset")


def _validators(response: urllib3.BaseHTTPResponse) -> Validators:
    def kept(name: str) -> str:
        value = response.headers.get(name, "")
        return value if len(value) <= VALIDATOR_MAX else ""

    return Validators(etag=kept("ETag"), last_modified=kept("Last-Modified"))


def fetch_page(
    url: str,
    *,
    max_bytes: int,
    allowed: Callable[[IPAddress], bool] = is_public_address,
    read_timeout: float = READ_TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
    validators: Validators = NO_VALIDATORS,
) -> Page:
    """GET ``url`` following up to MAX_REDIRECTS redirects, each hop checked. A server silent
    for ``read_timeout`` seconds, or not done within ``total_timeout``, is given up on. With
    ``validators`` the GET is conditional: a 304 comes back as a Page without content whose
    ``not_modified`` is true."""
    deadline = time.monotonic() + total_timeout
    conditional = validators.headers()
    for _hop in range(MAX_REDIRECTS + 1):
        target = _target(url)
        try:
            response = _request(
                target,
                _checked_address(target, allowed),
                read_timeout,
                headers={**PAGE_ACCEPT, **conditional},
            )
        except NoAnswer as silent:
            raise FetchError(f"{silent} {TRY_LATER}") from None
        try:
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"{url} redirects without saying where to.")
                url = urljoin(url, location)
                continue
            if response.status == 304 and conditional:
                return Page(url, b"", "", None, status=304, validators=validators)
            if response.status in GONE_STATUSES:
                raise PageGone(f"{url} answered HTTP {response.status}.", response.status)
            if response.status != 200:
                raise FetchError(f"{url} answered HTTP {response.status}.")
            content_type, charset = _content_type(response, url)
            content = _read(response, url, max_bytes, deadline)
            return Page(url, content, content_type, charset, validators=_validators(response))
        finally:
            response.release_conn()
    raise FetchError(f"Too many redirects (more than {MAX_REDIRECTS}); the last was to {url}.")


def post(
    url: str,
    body: bytes,
    *,
    headers: dict[str, str],
    allowed: Callable[[IPAddress], bool] = is_public_address,
    timeout: float = READ_TIMEOUT,
) -> int:
    """POST ``body`` once to ``url``, checked as a fetch is (redirects are not followed: the
    answer is the status, a 3xx included); the response body is not read."""
    target = _target(url)
    response = _request(target, _checked_address(target, allowed), timeout, "POST", body, headers)
    response.close()
    return response.status
