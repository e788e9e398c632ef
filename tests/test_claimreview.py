"""ClaimReview JSON-LD: one per claim page, as a standard structured-data extractor reads it."""

import extruct
import pytest

from claims.claimreview.build import build_claimreview
from claims.models import Claim
from tests.factories import (
    make_article,
    make_checked_claim,
    make_claim,
    make_published_claim,
    make_source,
    rating,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(editor, reviewer):
    claim = make_checked_claim(
        editor=editor, reviewer=reviewer, statement="Tokayev won with nearly 71% of the vote"
    )
    return Claim.objects.public_list().get(pk=claim.pk)  # with its published verdict


def json_ld_of(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return extruct.extract(html, base_url=f"http://testserver{url}", syntaxes=["json-ld"])[
        "json-ld"
    ]


def claimreview_of(client, claim: Claim) -> dict:
    items = json_ld_of(client, claim.get_absolute_url())
    assert [item["@type"] for item in items] == ["ClaimReview"]
    return items[0]


def test_claim_page_carries_exactly_one_complete_claimreview(client, checked, settings):
    settings.VERACITY_ORGANISATION = {"name": "Desk", "url": "https://desk.example.org/"}
    review = claimreview_of(client, checked)
    verdict = checked.verdict
    assert review["@context"] == "https://schema.org"
    assert review["url"] == f"http://testserver{checked.get_absolute_url()}"
    assert review["claimReviewed"] == "Tokayev won with nearly 71% of the vote"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Desk",
        "url": "https://desk.example.org/about/who-we-are/",
    }
    assert review["datePublished"] == verdict.published_at.date().isoformat()
    assert review["dateModified"] == verdict.updated_at.isoformat()
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly true",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_item_reviewed_names_the_claimant_and_where_the_claim_appeared(client, checked):
    item = claimreview_of(client, checked)["itemReviewed"]
    claimant, article = checked.claimant, checked.article
    assert item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Person",
        "name": claimant.name,
        "sameAs": "https://www.akorda.kz/",
    }
    assert item["datePublished"] == "2019-06-10"
    assert item["appearance"]["url"] == article.url
    assert item["appearance"]["publisher"] == {
        "@type": "Organization",
        "name": article.publisher.name,
    }


def test_claimreview_agrees_with_what_the_page_shows(client, checked):
    html = client.get(checked.get_absolute_url()).content.decode()
    review = claimreview_of(client, checked)
    assert f'<h1 class="claim__statement">{review["claimReviewed"]}</h1>' in html
    assert f">{review['reviewRating']['alternateName']}</span>" in html
    assert f'<link rel="canonical" href="{review["url"]}">' in html


def test_ratings_outside_the_numeric_scale_carry_only_their_label(client, editor, reviewer):
    claim = make_published_claim(editor=editor, reviewer=reviewer, rating=rating("misleading"))
    assert claimreview_of(client, claim)["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Misleading",
    }


def test_an_unnamed_source_is_answered_for_by_the_outlet_that_printed_it(client, editor, reviewer):
    outlet = make_source("The Moscow Times", kind="news_outlet")
    claim = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=make_claim(
            make_article(publisher=outlet), attribution_phrase="according to early results"
        ),
    )
    item = claimreview_of(client, claim)["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "The Moscow Times"}
    assert item["appearance"]["url"] == f"http://testserver{claim.article.get_absolute_url()}"
    assert "firstAppearance" not in item


def test_a_claim_an_outlet_makes_itself_first_appeared_in_its_article(client, editor, reviewer):
    outlet = make_source("The Moscow Times", kind="news_outlet")
    claim = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=make_claim(make_article(publisher=outlet), claimant=outlet),
    )
    item = claimreview_of(client, claim)["itemReviewed"]
    assert item["firstAppearance"] == item["appearance"]


def test_a_statement_cannot_break_out_of_the_json_ld_script(client, editor, reviewer):
    hostile = 'He said "</script><script>alert(1)</script><!--" & left'
    claim = make_published_claim(
        editor=editor, reviewer=reviewer, claim=make_claim(statement=hostile)
    )
    html = client.get(claim.get_absolute_url()).content.decode()
    json_ld = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in json_ld
    assert claimreview_of(client, claim)["claimReviewed"] == hostile


def test_the_builder_takes_a_base_url_for_callers_without_a_request(checked):
    review = build_claimreview(checked, "https://factcheck.example.org/")
    assert review["url"] == f"https://factcheck.example.org{checked.get_absolute_url()}"
