"""How a claim travelled: the family page (published appearances only), its chart, and the
claim page's link to it."""

from datetime import UTC, datetime

import pytest

from claims.models import Claim
from tests.factories import (
    make_article,
    make_attribution,
    make_claim,
    make_external_review,
    make_published_claim,
    make_source,
)

pytestmark = pytest.mark.django_db
HIDDEN = "Familymarker unpublished repetition"


def appearance(outlet, when, *, duplicate_of=None, statement="Tokayev won 71 percent"):
    article = make_article(publisher=outlet, published_at=when)
    return make_claim(article, statement=statement, duplicate_of=duplicate_of)


@pytest.fixture
def family(editor, reviewer):
    ria, tass = make_source("RIA Novosti"), make_source("TASS")
    first = make_published_claim(
        editor=editor, reviewer=reviewer, claim=appearance(ria, datetime(2019, 6, 10, tzinfo=UTC))
    )
    second = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=appearance(tass, datetime(2020, 3, 2, tzinfo=UTC), duplicate_of=first),
    )
    make_attribution(second, make_source("Interfax"), "quoted_by")
    make_external_review(second, publisher_name="Factcheck KZ", rating_text="False")
    hidden = appearance(
        tass, datetime(2021, 1, 5, tzinfo=UTC), duplicate_of=first, statement=HIDDEN
    )
    return first, second, hidden


def family_url(claim):
    return f"/claims/{claim.pk}-{claim.slug}/travels/"


def test_the_claim_page_says_how_often_the_claim_appeared(client, family):
    first, _, _ = family
    body = client.get(first.get_absolute_url()).content.decode()
    assert f'<a href="{family_url(first)}">This claim appeared 2 times since June 2019</a>' in body


def test_a_claim_that_appeared_once_has_no_family_link(client, editor, reviewer):
    claim = make_published_claim(editor=editor, reviewer=reviewer)
    assert "travels/" not in client.get(claim.get_absolute_url()).content.decode()


def test_the_family_page_shows_every_published_appearance_in_order(client, family):
    first, second, hidden = family
    response = client.get(family_url(second))
    body = response.content.decode()
    assert response.status_code == 200
    timeline = body.split('id="timeline-heading"')[1]
    assert timeline.index(first.get_absolute_url()) < timeline.index(second.get_absolute_url())
    assert "first known on <time" in body
    assert "10 June 2019" in body
    assert "quoted by Interfax, in TASS" in body
    assert "Factcheck KZ" in body
    assert "(“False”)" in body
    assert HIDDEN not in body
    assert f"/claims/{hidden.pk}-" not in body


def test_the_chart_is_described_in_words_and_in_a_table(client, family):
    first, _, _ = family
    body = client.get(family_url(first)).content.decode()
    assert 'role="img" aria-labelledby="travel-title travel-desc"' in body
    assert "2 dated appearances in 2 outlets from June 2019 to March 2020" in body
    assert "<title>RIA Novosti, Jun 2019: 1 appearance</title>" in body
    assert '<th scope="row">TASS</th><td>1</td>' in body


def test_an_unpublished_claim_has_no_family_page(client, family):
    _, _, hidden = family
    assert client.get(family_url(hidden)).status_code == 404


def test_a_family_page_with_the_wrong_slug_redirects(client, family):
    first, _, _ = family
    response = client.get(f"/claims/{first.pk}-old-words/travels/")
    assert response.status_code == 301
    assert response["Location"] == family_url(first)


def test_a_line_of_duplicates_through_an_unpublished_claim_is_one_family(
    client, family, editor, reviewer
):
    first, _, hidden = family
    later = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=appearance(make_source("Kazinform"), None, duplicate_of=hidden),
    )
    body = client.get(family_url(later)).content.decode()
    assert first.get_absolute_url() in body
    assert "Date unknown" in body
    assert Claim.objects.get(pk=hidden.pk).status == "detected"
    assert HIDDEN not in body
