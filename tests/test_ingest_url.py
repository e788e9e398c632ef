"""Ingesting a URL: public http(s) pages only, every redirect checked, size and type limits.

Refusals need no network (literal addresses and localhost resolve offline). Fetching is tested
against a server on 127.0.0.1 that the test starts (the ``site`` fixture, tests/local_site.py),
with loopback explicitly allowed for it.
"""

import ipaddress
import shutil
import ssl
import subprocess
from functools import partial

import pytest

from articles.fetch import FetchError, PageGone, Validators, fetch_page, is_public_address
from articles.models import Article
from claims.ingest import IngestError, ingest_url
from tests.local_site import loopback_only

PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Rallies in Almaty</title>
<meta property="og:site_name" content="Steppe Herald"></head><body><article>
<h1>Rallies in Almaty</h1>
<p>Police arrested 500 people at rallies in Almaty and Nur-Sultan on Sunday.</p>
<p>Turnout was 77.4 percent, the Central Election Commission said on Monday.</p>
</article></body></html>"""
SELF_SIGNED = (
    "openssl req -x509 -newkey rsa:2048 -nodes -days 1 "
    "-subj /CN=localhost -addext subjectAltName=DNS:localhost"
)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/article.html", "gopher://example.org/", "//x/y"],
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="Only http and https"):
        fetch_page(url, max_bytes=1000)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/admin/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fd00::1]/",
        "https://224.0.0.1/",
    ],
)
def test_internal_addresses_are_refused(url):
    with pytest.raises(FetchError, match="internal address"):
        fetch_page(url, max_bytes=1000)


# Each IPv6 form that carries an IPv4 address, leading somewhere internal (loopback, private,
# cloud metadata): judged by where it leads, not by its IPv6 prefix.
INTERNAL_BEHIND_IPV6 = {
    "NAT64 to loopback": "64:ff9b::7f00:1",
    "NAT64 to cloud metadata": "64:ff9b::a9fe:a9fe",
    "local-use NAT64": "64:ff9b:1::808:808",
    "6to4 of loopback": "2002:7f00:1::1",
    "6to4 of a private network": "2002:c0a8:101::1",
    "IPv4-mapped loopback, hex": "::ffff:7f00:1",
    "IPv4-compatible loopback": "::127.0.0.1",
    "Teredo to loopback": "2001:0:4136:e378:8000:63bf:80ff:fffe",
}
PUBLIC_BEHIND_IPV6 = {
    "NAT64 to a public address": "64:ff9b::808:808",
    "6to4 of a public address": "2002:808:808::1",
    "IPv4-mapped public address": "::ffff:8.8.8.8",
    "Teredo to a public address": "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
    "plain public IPv6": "2001:4860:4860::8888",
}


@pytest.mark.parametrize("form", INTERNAL_BEHIND_IPV6)
def test_ipv6_forms_leading_to_internal_ipv4_addresses_are_refused(form, site):
    url = f"http://[{INTERNAL_BEHIND_IPV6[form]}]:{site.server_port}/"
    with pytest.raises(FetchError, match="internal address"):
        fetch_page(url, max_bytes=1000)


@pytest.mark.parametrize("form", PUBLIC_BEHIND_IPV6)
def test_ipv6_forms_leading_to_public_addresses_are_public(form):
    assert is_public_address(ipaddress.ip_address(PUBLIC_BEHIND_IPV6[form]))


def test_a_redirect_to_nat64_of_loopback_is_refused(site):
    site.routes["/story"] = (
        302,
        {"Location": f"http://[64:ff9b::7f00:1]:{site.server_port}/"},
        b"",
    )
    first_hop_only = partial(fetch_page, allowed=lambda a: a.is_loopback or is_public_address(a))
    with pytest.raises(FetchError, match=r"internal address \(64:ff9b::7f00:1\)"):
        first_hop_only(f"{site.url}/story", max_bytes=10_000)


@pytest.mark.django_db
def test_ingest_url_refuses_non_web_addresses_before_fetching():
    with pytest.raises(IngestError, match="not a valid http or https address"):
        ingest_url("file:///etc/passwd")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_ingest_url_reports_a_refused_host_as_an_ingest_error():
    with pytest.raises(IngestError, match="internal address"):
        ingest_url("http://169.254.169.254/latest/meta-data/")


@pytest.mark.django_db
def test_a_page_is_fetched_and_ingested_with_its_final_address(site):
    site.routes["/old"] = (301, {"Location": "/news/rallies"}, b"")
    site.routes["/news/rallies"] = (200, {}, PAGE)
    result = ingest_url(f"{site.url}/old", fetch=partial(fetch_page, allowed=loopback_only))
    article = result.article
    assert result.created
    assert article.url == f"{site.url}/news/rallies"
    assert article.title == "Rallies in Almaty"
    assert article.body.startswith("Police arrested 500 people")


@pytest.mark.django_db
def test_the_same_url_is_not_fetched_twice(site):
    site.routes["/news/rallies"] = (200, {}, PAGE)
    fetch = partial(fetch_page, allowed=loopback_only)
    first = ingest_url(f"{site.url}/news/rallies", fetch=fetch).article
    site.routes.clear()
    again = ingest_url(f"{site.url}/news/rallies", fetch=fetch)
    assert again.article == first
    assert not again.created


def test_a_redirect_to_an_internal_address_is_refused(site):
    site.routes["/story"] = (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
    with pytest.raises(FetchError, match=r"169\.254\.169\.254"):
        fetch_page(f"{site.url}/story", max_bytes=10_000, allowed=loopback_only)


def test_a_redirect_to_another_scheme_is_refused(site):
    site.routes["/story"] = (302, {"Location": "file:///etc/passwd"}, b"")
    with pytest.raises(FetchError, match="Only http and https"):
        fetch_page(f"{site.url}/story", max_bytes=10_000, allowed=loopback_only)


def test_redirect_loops_stop(site):
    site.routes["/a"] = (302, {"Location": "/b"}, b"")
    site.routes["/b"] = (302, {"Location": "/a"}, b"")
    with pytest.raises(FetchError, match="Too many redirects"):
        fetch_page(f"{site.url}/a", max_bytes=10_000, allowed=loopback_only)


def test_a_page_over_the_size_limit_is_refused_while_reading(site):
    site.routes["/big"] = (200, {"Content-Length": ""}, b"x" * 50_000)
    with pytest.raises(FetchError, match="larger than the limit of 10,000 bytes"):
        fetch_page(f"{site.url}/big", max_bytes=10_000, allowed=loopback_only)


def test_a_declared_length_over_the_limit_is_refused_before_reading(site):
    site.routes["/big"] = (200, {}, b"x" * 20_000)
    with pytest.raises(FetchError, match="is 20,000 bytes; the limit is 10,000"):
        fetch_page(f"{site.url}/big", max_bytes=10_000, allowed=loopback_only)


def test_a_file_that_is_not_a_page_is_refused(site):
    site.routes["/photo"] = (200, {"Content-Type": "image/png"}, b"\x89PNG")
    with pytest.raises(FetchError, match="is image/png, not a web page"):
        fetch_page(f"{site.url}/photo", max_bytes=10_000, allowed=loopback_only)


def test_an_error_status_is_reported(site):
    with pytest.raises(FetchError, match="answered HTTP 404"):
        fetch_page(f"{site.url}/missing", max_bytes=10_000, allowed=loopback_only)


@pytest.fixture
def tls_site(site, tmp_path):
    """The same server behind TLS with a self-signed certificate (trusted by no one)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [*SELF_SIGNED.split(), "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    site.socket = context.wrap_socket(site.socket, server_side=True)
    return f"https://127.0.0.1:{site.server_port}"


def test_https_certificates_are_verified_even_when_connecting_to_the_checked_address(
    site, tls_site
):
    site.routes["/story"] = (200, {}, PAGE)
    with pytest.raises(FetchError, match="certificate verify failed"):
        fetch_page(f"{tls_site}/story", max_bytes=10_000, allowed=loopback_only)


def test_a_conditional_fetch_sends_the_validators_and_reports_304(site):
    site.routes["/story"] = (304, {}, b"")
    validators = Validators(etag='"v1"', last_modified="Sun, 09 Jun 2019 10:00:00 GMT")
    page = fetch_page(
        f"{site.url}/story", max_bytes=10_000, allowed=loopback_only, validators=validators
    )
    assert page.not_modified
    assert page.validators == validators
    assert site.requests[-1].headers["If-None-Match"] == '"v1"'
    assert site.requests[-1].headers["If-Modified-Since"] == "Sun, 09 Jun 2019 10:00:00 GMT"


def test_a_304_to_a_plain_fetch_is_an_error_and_a_long_etag_is_not_kept(site):
    site.routes["/unasked"] = (304, {}, b"")
    with pytest.raises(FetchError, match="answered HTTP 304"):
        fetch_page(f"{site.url}/unasked", max_bytes=10_000, allowed=loopback_only)
    site.routes["/story"] = (200, {"ETag": '"' + "x" * 300 + '"', "Last-Modified": "today"}, PAGE)
    page = fetch_page(f"{site.url}/story", max_bytes=10_000, allowed=loopback_only)
    assert page.validators == Validators(etag="", last_modified="today")
    assert "If-None-Match" not in site.requests[-1].headers


@pytest.mark.parametrize("status", [404, 410])
def test_a_missing_page_is_reported_as_gone(site, status):
    site.routes["/story"] = (status, {}, b"")
    with pytest.raises(PageGone, match=f"answered HTTP {status}") as gone:
        fetch_page(f"{site.url}/story", max_bytes=10_000, allowed=loopback_only)
    assert gone.value.status == status
