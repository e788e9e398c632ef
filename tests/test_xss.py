"""Every user-written or ingested string is inert everywhere it appears.

A published claim is built whose every text field carries a different XSS probe (script tags,
event handlers, `javascript:` links, SVG, broken tags, a `</script>` break-out), then every
output is read: public pages, search, feeds, ClaimReview JSON, the admin and the API. A probe
that turns into live markup fails the test and names the input it came from.
"""

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse

from claims.models import Attribution, AttributionRole, Topic
from sources.models import SourceAlias
from tests.factories import (
    make_article,
    make_claim,
    make_correction,
    make_evidence,
    make_published_claim,
    make_source,
    rating,
)


def probe(n: int, where: str) -> str:
    """A different markup attack per input, each with a marker naming the input, then an
    attempt to break out of a JavaScript string."""
    marker = f"xss{n}-{where}"
    attacks = [
        f'<script>alert("{marker}")</script>',
        f'<img src=x onerror=alert("{marker}")>',
        f'<a href="javascript:alert(1)">{marker}</a>',
        f'<svg onload=alert("{marker}")><circle r=1 /></svg>',
        f'"><script>alert("{marker}")</script>',
        f'</script><script>alert("{marker}")</script>',
        f'<<script>script>alert("{marker}")<</script>/script>',
        f"<iframe src=\"javascript:alert('{marker}')\"></iframe>",
        f"<div onmouseover='alert(\"{marker}\")' style=x>{marker}",
    ]
    return f"{marker} {attacks[n % len(attacks)]} '-alert('{marker}')-'<!-- {marker}"


MARKDOWN_BODY = "\n\n".join(
    [
        "The official count was **70.96%**.",
        '[a javascript link](javascript:alert("xss-md-link"))',
        '![an image](javascript:alert("xss-md-image"))',
        '<script>alert("xss-md-script")</script>',
        '<img src=x onerror=alert("xss-md-img")>',
        '<a href="javascript:alert(1)" onclick="alert(\'xss-md-a\')">raw html</a>',
        "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ]
)


@pytest.fixture
def poisoned(editor, editor2, reviewer):
    """A published, corrected claim with a probe in every text field that reaches a reader."""
    claimant = make_source(probe(1, "source-name"), description=probe(2, "source-description"))
    SourceAlias.objects.create(source=claimant, text=probe(3, "alias"))
    publisher = make_source(probe(4, "publisher-name"))
    quote = f"Turnout was 77 percent {probe(5, 'article-body')} said officials"
    article = make_article(
        f"{quote}. Police detained 500 people. {probe(6, 'article-body-2')}",
        title=probe(7, "article-title"),
        byline=probe(8, "byline"),
        publisher=publisher,
    )
    claim = make_claim(
        article,
        quote=quote,
        statement=probe(9, "statement"),
        claimant=claimant,
        attribution_phrase=probe(10, "attribution-phrase"),
    )
    topic = 'xss11-topic <svg onload=alert("xss11-topic")>'  # names are short
    claim.topics.add(Topic.objects.create(name=topic, slug="xss-topic"))
    Attribution.objects.create(
        claim=claim, position=0, source=claimant, role=AttributionRole.SAID, text=probe(12, "link")
    )
    make_evidence(
        claim,
        title=probe(13, "evidence-title"),
        excerpt=probe(14, "evidence-excerpt"),
        url="https://example.org/results?q=%3Cscript%3Ealert(1)%3C/script%3E",
        source=publisher,
    )
    make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=claim,
        summary=probe(15, "verdict-summary"),
        body=MARKDOWN_BODY,
    )
    make_correction(
        claim,
        drafter=editor2,
        approver=editor,
        note=probe(16, "correction-note"),
        rating=rating("false"),
    )
    return claim


# --- what "live" means -----------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
ACTIVE_TAGS = {"script", "iframe", "svg", "object", "embed", "img", "math", "frame"}


class LiveMarkup(HTMLParser):
    """Collects anything in a page that would run: handlers, script URLs, injected elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler: {value[:60]}")
            if name in URL_ATTRIBUTES and value.replace(" ", "").startswith(DANGEROUS_SCHEMES):
                self.problems.append(f"<{tag} {name}={value[:60]}>")
        # A CSP nonce is random: now and then it spells "xss" (seen: "murvXIwwBxssGtTOM6AaMA").
        ours = " ".join(str(v) for name, v in attributes.items() if name != "nonce")
        if tag in ACTIVE_TAGS and "xss" in ours:
            self.problems.append(f"injected <{tag} {attributes}>")
        if tag == "script":
            self.script = {"type": attributes.get("type", ""), "text": ""}

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self.script is not None:
            self.script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self._check_script(**self.script)
            self.script = None

    def _check_script(self, type: str, text: str):
        if type == "application/ld+json":
            try:
                json.loads(text)
            except ValueError:
                self.problems.append(f"JSON-LD broken open: {text[:120]}")
        elif "xss" in text or "alert(" in text:
            self.problems.append(f"injected script: {text[:120]}")


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.problems


def assert_inert_html(html: str, where: str):
    problems = live_markup(html)
    assert not problems, f"{where}: " + "\n".join(problems)


def test_the_checker_finds_live_markup():
    for n in range(9):
        assert live_markup(probe(n, "raw")), probe(n, "raw")
    assert live_markup('<script type="application/ld+json">{"a": "</script><b>"}</script>')


# --- the outputs -------------------------------------------------------------------------------


def public_urls(claim) -> list[str]:
    return [
        "/",
        reverse("claims:list"),
        reverse("claims:list") + "?q=xss",
        reverse("claims:list") + "?q=script+alert",
        claim.get_absolute_url(),
        claim.article.get_absolute_url(),
        claim.claimant.get_absolute_url(),
        claim.article.publisher.get_absolute_url(),
        reverse("claims:corrections"),
        reverse("claims:methodology"),
    ]


def test_public_pages_render_every_probe_inert(client, poisoned):
    for url in public_urls(poisoned):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert_html(html, url)
    assert "xss9-statement" in client.get(poisoned.get_absolute_url()).content.decode()


def test_the_claim_page_json_ld_cannot_be_broken_out_of(client, poisoned):
    html = client.get(poisoned.get_absolute_url()).content.decode()
    start = html.index('<script type="application/ld+json">')
    block = html[start : html.index("</script>", start)]
    data = json.loads(block.split(">", 1)[1])
    assert "xss9-statement" in json.dumps(data)
    assert "<" not in block.split(">", 1)[1]


def feed_texts(xml: bytes) -> list[str]:
    """Every text of a feed that readers may render as HTML: all but titles, which are plain
    text (checked by feedparser below)."""
    nodes = [node for node in ET.fromstring(xml).iter() if not node.tag.endswith("title")]
    return [node.text for node in nodes if node.text and node.text.strip()] + [
        value for node in nodes for value in node.attrib.values()
    ]


@pytest.mark.parametrize("name", ["claims:feed_rss", "claims:feed_atom"])
def test_feeds_carry_probes_only_as_inert_text(client, poisoned, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    texts = feed_texts(response.content)
    assert any("xss" in text for text in texts), "the feed should carry the poisoned claim"
    for text in texts:
        assert_inert_html(text, f"{name}: {text[:80]}")
    for entry in feedparser.parse(response.content).entries:
        assert entry.title_detail.type == "text/plain"


def html_fields(data, key: str = ""):
    """String values of a JSON document that a client would insert as HTML."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from html_fields(v, k)
    elif isinstance(data, list):
        for item in data:
            yield from html_fields(item, key)
    elif isinstance(data, str) and key.endswith("html"):
        yield data


def assert_inert_json(response, where: str):
    assert response.status_code == 200, where
    assert response.headers["Content-Type"].startswith(("application/json", "application/ld")), (
        where
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    data = json.loads(response.content)
    for html in html_fields(data):
        assert_inert_html(html, where)
    return data


def test_claimreview_json_is_json_that_browsers_will_not_sniff_as_html(client, poisoned):
    data = assert_inert_json(client.get(reverse("claims:claimreview_feed")), "claimreview.json")
    assert "xss9-statement" in json.dumps(data)


def api_urls(claim) -> list[str]:
    return [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/articles/{claim.article_id}/",
        f"/api/v1/sources/{claim.claimant_id}/",
        "/api/v1/verdicts/",
        "/api/v1/evidence/",
        "/api/v1/sources/",
    ]


def test_the_api_returns_probes_as_json_strings_and_sanitised_html(client, poisoned):
    for url in api_urls(poisoned):
        assert_inert_json(client.get(url, HTTP_ACCEPT="application/json"), url)


def test_the_browsable_api_renders_probes_inert(client, editor, poisoned):
    client.force_login(editor)
    for url in api_urls(poisoned):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        assert_inert_html(response.content.decode(), f"browsable {url}")


def admin_urls(claim) -> list[str]:
    verdict, evidence = claim.verdict, claim.evidence.get()
    return [
        reverse("admin:index"),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_changelist") + "?q=xss",
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_claim_history", args=[claim.pk]),
        reverse("admin:claims_verdict_change", args=[verdict.pk]),
        reverse("admin:claims_verdict_history", args=[verdict.pk]),
        reverse("admin:claims_evidence_change", args=[evidence.pk]),
        reverse("admin:claims_correction_changelist"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[claim.article_id]),
        reverse("admin:sources_source_changelist"),
        reverse("admin:sources_source_change", args=[claim.claimant_id]),
        reverse("admin:claims_topic_changelist"),
    ]


def test_admin_pages_render_every_probe_inert(client, superuser, poisoned):
    client.force_login(superuser)
    for url in admin_urls(poisoned):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert_html(response.content.decode(), url)


def test_a_nonce_that_spells_xss_is_not_an_injection():
    """The check itself: a random CSP nonce is ours; a probe in any other attribute is not."""
    assert live_markup('<script nonce="murvXIwwBxssGtTOM6AaMA" src="/static/a.js"></script>') == []
    assert live_markup('<script nonce="abc" src="/static/xss1.js"></script>')
