"""The demo newsroom publishes sourced fact checks of the seed article, and nothing else of it
is visible to readers."""

from io import StringIO

import extruct
import pytest
from django.core.management import call_command

from articles.models import Article
from claims.models import Claim, ClaimStatus

# Real commits: the seed article's claims are extracted when its transaction commits.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("load_demo", stdout=StringIO())
    return Article.objects.get()


def test_the_demo_publishes_sourced_checks_once_however_often_it_runs(demo):
    call_command("load_demo", stdout=StringIO())
    published = Claim.objects.published().select_related("verdict__rating")
    ratings = {claim.verdict.rating.slug for claim in published}
    assert published.count() >= 2
    assert "mostly-true" in ratings
    assert all(claim.evidence.exists() for claim in published)
    assert any("70.96%" in claim.verdict.body for claim in published)


def test_each_demo_check_has_a_complete_claimreview(client, demo):
    for claim in Claim.objects.published():
        html = client.get(claim.get_absolute_url()).content.decode()
        (review,) = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        item = review["itemReviewed"]
        assert review["@type"] == "ClaimReview"
        assert review["url"].endswith(claim.get_absolute_url())
        assert review["claimReviewed"] == claim.statement
        assert review["author"]["name"]
        assert review["datePublished"]
        assert review["dateModified"]
        assert review["reviewRating"]["alternateName"]
        assert review["reviewRating"]["ratingValue"] >= review["reviewRating"]["worstRating"] >= 1
        assert item["@type"] == "Claim"
        assert item["author"]["name"]
        assert item["datePublished"] == "2019-06-10"
        assert item["appearance"][0]["url"]


def test_the_seed_article_highlights_its_checks_and_nothing_else(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()
    for claim in Claim.objects.filter(article=demo):
        shown = f'id="claim-{claim.pk}"' in html
        assert shown == (claim.status == ClaimStatus.PUBLISHED), claim.statement
        if claim.status != ClaimStatus.PUBLISHED:
            assert client.get(claim.get_absolute_url()).status_code == 404
