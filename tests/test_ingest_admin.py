"""The admin's "Add article" page and the article page's extraction state, claims and body."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, ExtractionState
from claims.models import Claim
from sources.models import Source
from tests.factories import load_seed_sources, make_article, make_claim, seed_article_text

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
TEXT = (
    "Unemployment fell to 3.1 percent in May, Anna Kowalska told\n"
    "reporters on Tuesday, the lowest rate since records began in 1990.\n\n"
    "Police detained 120 protesters in the capital on Sunday.\n\n"
    "Related article: Protests spread <script>alert(1)</script>\n"
)
PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Rallies in Almaty</title>
<meta property="og:site_name" content="Steppe Herald"></head><body><article>
<h1>Rallies in Almaty</h1>
<p>Police arrested 500 people at rallies in Almaty and Nur-Sultan on Sunday.</p>
<p>Turnout was 77.4 percent, the Central Election Commission said on Monday.</p>
</article></body></html>"""


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def post_article(client, captured, **data):
    with captured(execute=True):
        return client.post(ADD_URL, {"text": "", "title": "", "url": "", **data})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/html")


def test_add_page_offers_text_file_and_details(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    for name in ("text", "page", "title", "url", "publisher", "published_at_0"):
        assert f'name="{name}"' in html
    assert 'enctype="multipart/form-data"' in html


def test_pasted_text_becomes_an_article_with_claims(
    editor_client, editor, django_capture_on_commit_callbacks
):
    publisher = load_seed_sources()["The Moscow Times"]
    response = post_article(
        editor_client,
        django_capture_on_commit_callbacks,
        text=TEXT,
        title="Jobs and protests",
        publisher=publisher.pk,
        published_at_0="2024-06-04",
        published_at_1="09:30:00",
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert article.title == "Jobs and protests"
    assert article.publisher == publisher
    assert article.created_by == editor
    assert article.published_at.isoformat() == "2024-06-04T09:30:00+00:00"
    assert article.extraction_state == ExtractionState.DONE
    assert article.claims.exists()


def test_uploaded_html_page_becomes_an_article(editor_client, django_capture_on_commit_callbacks):
    post_article(
        editor_client, django_capture_on_commit_callbacks, page=upload("rallies.html", PAGE)
    )
    article = Article.objects.get()
    assert article.title == "Rallies in Almaty"
    assert article.publisher.name == "Steppe Herald"


def test_nothing_given_asks_for_text(editor_client):
    response = editor_client.post(ADD_URL, {"text": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["text"] == [
        "Paste the article's text, choose an HTML page, or give its URL to fetch it."
    ]


def test_a_url_alone_is_fetched_and_internal_addresses_are_refused_on_that_field(editor_client):
    response = editor_client.post(ADD_URL, {"url": "http://169.254.169.254/latest/meta-data/"})
    assert "internal address" in response.context["form"].errors["url"][0]
    assert not Article.objects.exists()


def test_text_and_file_together_are_refused(editor_client):
    response = editor_client.post(ADD_URL, {"text": TEXT, "page": upload("a.html", PAGE)})
    assert "Paste text or choose a file, not both." in response.context["form"].non_field_errors()


def test_a_file_over_the_limit_gets_a_field_error(editor_client, settings):
    settings.VERACITY_MAX_PAGE_BYTES = 100
    response = editor_client.post(ADD_URL, {"page": upload("big.html", PAGE)})
    assert "the limit is 100\xa0bytes" in response.context["form"].errors["page"][0]
    assert not Article.objects.exists()


def test_a_file_of_another_type_gets_a_field_error(editor_client):
    response = editor_client.post(ADD_URL, {"page": upload("scan.pdf", b"%PDF-1.7")})
    assert response.context["form"].errors["page"] == ["Choose an .html or .txt file."]


def test_undecodable_file_gets_a_field_error_and_stores_nothing(editor_client):
    response = editor_client.post(
        ADD_URL, {"page": upload("wire.txt", b"Police arrested \xff\xfe people.")}
    )
    assert "not valid utf-8 text" in response.context["form"].errors["page"][0]
    assert not Article.objects.exists()


def test_a_page_without_article_text_gets_a_field_error(editor_client):
    page = b"<html><head><title>Home</title></head><body><nav>Menu</nav></body></html>"
    response = editor_client.post(ADD_URL, {"page": upload("home.html", page)})
    assert "No article text was found" in response.context["form"].errors["page"][0]


def test_the_same_article_again_opens_the_stored_one(
    editor_client, django_capture_on_commit_callbacks
):
    post_article(editor_client, django_capture_on_commit_callbacks, text=TEXT)
    response = post_article(editor_client, django_capture_on_commit_callbacks, text=TEXT)
    article = Article.objects.get()
    assert response["Location"] == change_url(article)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "This article is already stored (same text or URL); here it is." in messages


def test_a_reviewer_cannot_add_articles(client, reviewer):
    client.force_login(reviewer)
    assert client.get(ADD_URL).status_code == 403


def test_article_page_lists_claims_in_order_with_links(
    editor_client, django_capture_on_commit_callbacks
):
    publisher = load_seed_sources()["The Moscow Times"]
    post_article(
        editor_client,
        django_capture_on_commit_callbacks,
        text=seed_article_text(),
        publisher=publisher.pk,
    )
    article = Article.objects.get()
    response = editor_client.get(change_url(article))
    html = response.content.decode()
    claims = list(article.claims.order_by("start"))
    assert [c.pk for c in response.context["article_claims"]] == [c.pk for c in claims]
    for claim in claims:
        assert reverse("admin:claims_claim_change", args=[claim.pk]) in html
    assert "Organization for Security and Co-operation in Europe" in html
    assert "<em>according to early results</em>" in html
    assert html.count("<mark>") == len(claims)
    assert f"{len(claims)} claims detected" in html


def test_article_page_shows_the_proposed_claims_first_and_folds_the_rest(
    editor_client, django_capture_on_commit_callbacks
):
    post_article(editor_client, django_capture_on_commit_callbacks, text=seed_article_text())
    article = Article.objects.get()
    proposed = list(article.claims.filter(proposed=True).order_by("-checkworthiness"))
    folded = list(article.claims.filter(proposed=False).order_by("-checkworthiness"))
    assert proposed
    assert folded
    assert min(c.checkworthiness for c in proposed) >= max(c.checkworthiness for c in folded)
    response = editor_client.get(change_url(article))
    assert response.context["proposed_claims"] == proposed
    assert response.context["folded_claims"] == folded
    html = response.content.decode()
    shown, hidden = html.split('<details class="folded-claims">')
    assert f"{len(folded)} more candidates, ranked lower" in hidden
    for claim in proposed:
        assert reverse("admin:claims_claim_change", args=[claim.pk]) in shown
    for claim in folded:
        url = reverse("admin:claims_claim_change", args=[claim.pk])
        assert url in hidden.split("</details>")[0]
        assert url not in shown


def test_article_body_is_escaped_and_boilerplate_is_marked(
    editor_client, django_capture_on_commit_callbacks
):
    post_article(editor_client, django_capture_on_commit_callbacks, text=TEXT)
    html = editor_client.get(change_url(Article.objects.get())).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert (
        '<span class="boilerplate">Related article: Protests spread '
        "&lt;script&gt;alert(1)&lt;/script&gt;</span>"
    ) in html


def test_a_pending_article_page_refreshes_itself(editor_client):
    article = make_article()
    html = editor_client.get(change_url(article)).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "Waiting for a worker" in html


def test_a_failed_extraction_shows_its_error_and_can_be_retried(
    editor_client, django_capture_on_commit_callbacks
):
    article = make_article(
        extraction_state=ExtractionState.FAILED, extraction_error="RuntimeError: disk full"
    )
    html = editor_client.get(change_url(article)).content.decode()
    assert "RuntimeError: disk full" in html
    assert "Retry extraction" in html
    extract_url = reverse("admin:articles_article_extract", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(extract_url)
    assert response["Location"] == change_url(article)
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.DONE
    assert article.claims.exists()


def test_retry_needs_a_post_and_change_permission(client, reviewer, editor_client):
    article = make_article(extraction_state=ExtractionState.FAILED)
    extract_url = reverse("admin:articles_article_extract", args=[article.pk])
    assert editor_client.get(extract_url).status_code == 405
    client.force_login(reviewer)
    assert client.post(extract_url).status_code == 403


def test_changelist_action_runs_extraction_again_keeping_touched_claims(
    editor_client, django_capture_on_commit_callbacks
):
    post_article(editor_client, django_capture_on_commit_callbacks, text=TEXT)
    article = Article.objects.get()
    touched = make_claim(article, quote="Police detained 120 protesters in the capital on Sunday.")
    touched.statement = "Police detained 120 protesters in Warsaw on 2 June 2024."
    touched.save()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "run_extraction_again", "_selected_action": [article.pk]},
        )
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.DONE
    assert Claim.objects.get(pk=touched.pk).statement.endswith("Warsaw on 2 June 2024.")
    assert article.claims.filter(start=touched.start).count() == 1


def test_a_new_unconfirmed_claimant_links_to_its_source_for_checking(
    editor_client, django_capture_on_commit_callbacks
):
    post_article(editor_client, django_capture_on_commit_callbacks, text=TEXT)
    html = editor_client.get(change_url(Article.objects.get())).content.decode()
    kowalska = Source.objects.get(name="Anna Kowalska")
    source_url = reverse("admin:sources_source_change", args=[kowalska.pk])
    assert f'<a class="unconfirmed" href="{source_url}">unconfirmed: check or merge</a>' in html


def test_article_page_queries_do_not_grow_with_its_claims(editor_client):
    def queries_for(claim_count: int) -> int:
        article = make_article()
        for sentence in article.body.split(". ")[:claim_count]:
            make_claim(article, quote=sentence.rstrip("."))
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(change_url(article)).status_code == 200
        return len(queries)

    assert queries_for(1) == queries_for(3)
