"""Sending articles through the API: text or HTML in, extraction started, a place to poll."""

import pytest

from articles.models import Article
from tests.api_support import API, as_user, call
from tests.factories import seed_article_text

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html><head><title>Tokayev wins</title></head><body><article>
<h1>Tokayev wins snap election</h1>
<p>Kassym-Jomart Tokayev won the snap presidential election with nearly 71 percent of the vote,
according to early results, the Central Election Commission said on Monday.</p>
<p>Police detained about 500 protesters in Almaty and Nur-Sultan, the interior ministry said.</p>
</article></body></html>"""


def test_text_becomes_an_article_whose_extraction_can_be_polled(client, reviewer):
    client = as_user(client, reviewer)
    response = call(client, "POST", f"{API}/articles/", {"text": seed_article_text()})
    assert response.status_code == 201, response.content
    article = response.json()
    assert response["Location"] == article["status_url"]
    polled = client.get(article["status_url"]).json()
    assert polled["extraction_state"] in ("pending", "running", "done")
    assert Article.objects.get(pk=article["id"]).created_by == reviewer


def test_the_same_article_twice_answers_with_the_stored_one(client, editor):
    client = as_user(client, editor)
    first = call(client, "POST", f"{API}/articles/", {"text": seed_article_text()})
    again = call(client, "POST", f"{API}/articles/", {"text": seed_article_text()})
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]


def test_an_html_page_becomes_an_article_with_its_title(client, editor):
    payload = {"html": PAGE, "url": "https://news.example.com/tokayev"}
    response = call(as_user(client, editor), "POST", f"{API}/articles/", payload)
    assert response.status_code == 201, response.content
    article = response.json()
    assert article["raw_format"] == "html"
    assert "Tokayev wins" in article["title"]
    assert "nearly 71 percent" in article["body"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "text"),
        ({"text": "a", "html": "<p>a</p>"}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "Real text.", "url": "not a url"}, "url"),
        ({"text": "Real text.", "publisher": 999999}, "publisher"),
    ],
)
def test_an_unusable_article_is_refused_naming_the_field(client, editor, payload, field):
    response = call(as_user(client, editor), "POST", f"{API}/articles/", payload)
    assert response.status_code == 400
    assert field in response.json()
