"""Ingestion: plain text, HTML pages and file bytes become Articles, once, or a clear error."""

import pytest

from articles.models import Article, ExtractionState, RawFormat
from claims.ingest import IngestError, ingest_bytes, ingest_html, ingest_text
from sources.models import Source
from tests.factories import load_seed_sources, make_source

pytestmark = pytest.mark.django_db

WRAPPED = (
    "Nazarbayev handpicked the 66-\nyear-old career diplomat as his successor when he\n"
    "stepped down in March, after an elec-\ntion campaign that lasted weeks.\n\n"
    "Related article: Putin Congratulates New President\n\n"
    "Police arrested 500 people at rallies in Almaty.\n\n"
    "Reuters and Interfax contributed reporting to this article.\n"
)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Police detain hundreds in Almaty | Steppe Herald</title>
<meta property="og:site_name" content="Steppe Herald">
<meta name="author" content="Dana Ospanova">
<meta property="article:published_time" content="2019-06-10T09:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Police detain hundreds in Almaty</h1>
<p>Police arrested 500 people at rallies in Almaty and Nur-Sultan on Sunday, the interior
ministry said.</p>
<p>Turnout was 77.4 percent, the Central Election Commission said on Monday, up from
70 percent four years earlier.</p>
<p>Reuters contributed reporting.</p>
</article>
<footer>© Steppe Herald. All rights reserved.</footer>
</body></html>
"""


def test_wrapped_lines_become_paragraphs_with_hyphens_repaired():
    article = ingest_text(WRAPPED).article
    assert "the 66-year-old career diplomat as his successor when he stepped down" in article.body
    assert "an election campaign" in article.body
    assert article.raw == WRAPPED
    assert article.raw_format == RawFormat.TEXT


def test_boilerplate_lines_are_marked_in_the_body():
    article = ingest_text(WRAPPED).article
    kinds = {kind: article.body[start:end] for start, end, kind in article.boilerplate}
    assert kinds["related"] == "Related article: Putin Congratulates New President"
    assert kinds["credit"] == "Reuters and Interfax contributed reporting to this article."


def test_credit_line_makes_known_and_unknown_contributors():
    sources = load_seed_sources()
    article = ingest_text(WRAPPED).article
    contributors = {source.name: source for source in article.contributors.all()}
    assert contributors["Reuters"] == sources["Reuters"]
    assert contributors["Interfax"].confirmed is False


def test_same_content_twice_returns_the_existing_article():
    first = ingest_text(WRAPPED)
    again = ingest_text(WRAPPED.replace("\n", " \n"), title="Another title")
    assert first.created
    assert not again.created
    assert again.article == first.article
    assert Article.objects.count() == 1


def test_same_url_twice_returns_the_existing_article():
    first = ingest_text(WRAPPED, url="https://news.example/almaty").article
    again = ingest_text("Different text entirely.", url="https://news.example/almaty")
    assert again.article == first
    assert not again.created


def test_new_article_waits_for_extraction():
    article = ingest_text(WRAPPED).article
    assert article.extraction_state == ExtractionState.PENDING


@pytest.mark.parametrize("text", ["", "   \n\n  \t"])
def test_empty_text_is_refused(text):
    with pytest.raises(IngestError, match="empty"):
        ingest_text(text)
    assert not Article.objects.exists()


def test_text_over_the_size_limit_is_refused(settings):
    settings.VERACITY_MAX_ARTICLE_CHARS = 100
    with pytest.raises(IngestError, match="the limit is 100"):
        ingest_text("Police arrested 500 people. " * 10)
    assert not Article.objects.exists()


def test_invalid_url_is_refused_and_nothing_is_stored():
    with pytest.raises(IngestError, match="not a valid http or https address"):
        ingest_text(WRAPPED, url="javascript:alert(1)")
    assert not Article.objects.exists()
    assert not Source.objects.exists()


def test_html_page_gives_its_text_and_metadata():
    article = ingest_html(PAGE).article
    assert article.title == "Police detain hundreds in Almaty"
    assert article.byline == "Dana Ospanova"
    assert article.published_at.isoformat() == "2019-06-10T09:30:00+00:00"
    assert article.publisher.name == "Steppe Herald"
    assert article.publisher.confirmed is False
    assert article.raw_format == RawFormat.HTML
    assert article.raw == PAGE


def test_html_body_keeps_paragraphs_apart_and_leaves_out_page_furniture():
    body = ingest_html(PAGE).article.body
    assert body.startswith("Police arrested 500 people at rallies in Almaty and Nur-Sultan")
    assert "ministry said.\n\nTurnout was 77.4 percent" in body
    assert "Sport" not in body
    assert "All rights reserved" not in body


def test_html_credit_line_makes_a_contributor():
    reuters = make_source("Reuters")
    article = ingest_html(PAGE).article
    assert list(article.contributors.all()) == [reuters]


def test_given_metadata_wins_over_the_page():
    publisher = make_source("The Moscow Times")
    article = ingest_html(PAGE, title="Our title", publisher=publisher).article
    assert article.title == "Our title"
    assert article.publisher == publisher
    assert not Source.objects.filter(name="Steppe Herald").exists()


def test_known_site_name_resolves_to_the_existing_publisher():
    herald = make_source("The Steppe Herald")
    herald.aliases.create(text="Steppe Herald")
    assert ingest_html(PAGE).article.publisher == herald


def test_html_without_article_text_is_refused():
    page = "<html><head><title>Home</title></head><body><nav>Menu</nav></body></html>"
    with pytest.raises(IngestError, match="No article text was found"):
        ingest_html(page)
    assert not Article.objects.exists()


def test_html_file_bytes_are_read_as_html_by_their_name():
    article = ingest_bytes(PAGE.encode(), filename="almaty.HTML").article
    assert article.raw_format == RawFormat.HTML


def test_bytes_that_start_like_html_are_read_as_html():
    assert ingest_bytes(PAGE.encode()).article.raw_format == RawFormat.HTML


def test_text_file_bytes_are_read_as_text():
    article = ingest_bytes(WRAPPED.encode(), filename="wire.txt").article
    assert article.raw_format == RawFormat.TEXT


def test_declared_charset_of_an_html_page_is_honoured():
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "Dana Ospanova", "Дана Оспанова"
    )
    article = ingest_bytes(page.encode("windows-1251"), filename="page.html").article
    assert article.byline == "Дана Оспанова"


def test_undecodable_bytes_are_refused_naming_the_byte():
    data = b"Police arrested 500 people" + b"\xff\xfe at rallies."
    with pytest.raises(IngestError, match=r"not valid utf-8 text \(byte 0xff at position 26\)"):
        ingest_bytes(data, filename="wire.txt")
    assert not Article.objects.exists()


def test_empty_file_is_refused():
    with pytest.raises(IngestError, match="The file is empty"):
        ingest_bytes(b"  \n", filename="wire.txt")


def test_file_over_the_page_limit_is_refused(settings):
    settings.VERACITY_MAX_PAGE_BYTES = 1000
    with pytest.raises(IngestError, match="the limit is 1,000"):
        ingest_bytes(PAGE.encode() * 3, filename="page.html")


def test_utf16_text_without_a_byte_order_mark_is_refused():
    with pytest.raises(IngestError, match="NUL characters: it is probably not a text file"):
        ingest_bytes("Police arrested 500 people.".encode("utf-16-le"), filename="wire.txt")
    assert not Article.objects.exists()


def test_text_with_an_unpaired_surrogate_is_refused():
    with pytest.raises(IngestError, match="invalid character at position 7"):
        ingest_text("Police \ud800 arrested 500 people.")
