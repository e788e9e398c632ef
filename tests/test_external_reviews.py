"""“Also checked by”: other organisations' imported fact checks on the published claim page and
in the admin, never presented as our verdict."""

import json
import re
from datetime import date

import extruct
import pytest
from django.urls import reverse

from tests.factories import make_checked_claim, make_claim, make_external_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(editor, reviewer):
    claim = make_checked_claim(
        editor=editor, reviewer=reviewer, statement="Tokayev won with nearly 71% of the vote"
    )
    make_external_review(
        claim,
        publisher_name="Factcheck.kz",
        url="https://factcheck.kz/claims/tokayev-71",
        rating_text="Four Pinocchios",
        rating_value=0.75,  # close to our Mostly true: "also checked", not a disagreement
        published_on=date(2019, 6, 12),
        claim_reviewed="Tokayev got 71 percent",
    )
    return claim


def page_of(client, claim) -> str:
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_published_claim_page_shows_who_else_checked_it(client, checked):
    page = page_of(client, checked)
    assert "Also checked by" in page
    assert 'href="https://factcheck.kz/claims/tokayev-71" rel="noopener">Factcheck.kz</a>' in page
    assert "Their rating: Four Pinocchios" in page
    assert "The claim in their words: “Tokayev got 71 percent”" in page
    assert '<time datetime="2019-06-12">12 June 2019</time>' in page


def test_their_rating_is_plain_text_never_one_of_our_badges(client, checked):
    page = page_of(client, checked)
    badges = re.findall(r'<span class="badge[^"]*">([^<]*)</span>', page)
    assert badges  # our own verdict's badge is there
    assert "Four Pinocchios" not in badges
    assert "Four Pinocchios" not in page.split('id="external-heading"')[0]  # not in our verdict


def test_newest_review_first_and_a_missing_name_says_another_fact_checker(client, checked):
    make_external_review(checked, publisher_name="", published_on=date(2020, 1, 5))
    page = page_of(client, checked)
    assert page.index("Another fact-checker") < page.index("Factcheck.kz")


def test_a_claim_without_external_reviews_has_no_such_section(client, editor, reviewer):
    claim = make_checked_claim(editor=editor, reviewer=reviewer)
    assert "Also checked by" not in page_of(client, claim)


def test_an_unpublished_claims_external_reviews_are_never_shown(client, editor):
    draft = make_claim()
    make_external_review(draft, publisher_name="Factcheck.kz")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    preview = page_of(client, draft)  # the staff preview shows what readers would get
    assert "Preview." in preview
    assert "Factcheck.kz" not in preview
    assert "Also checked by" not in preview


def test_external_reviews_never_enter_our_claimreview_json_ld(client, checked, settings):
    settings.VERACITY_ORGANISATION = {"name": "Desk", "url": "https://desk.example.org/"}
    url = checked.get_absolute_url()
    items = extruct.extract(page_of(client, checked), syntaxes=["json-ld"])["json-ld"]
    assert [item["@type"] for item in items] == ["ClaimReview"]
    assert items[0]["author"]["name"] == "Desk"
    assert items[0]["reviewRating"]["alternateName"] == "Mostly true"
    assert items[0]["url"] == f"http://testserver{url}"
    feed = client.get("/claimreview.json").content.decode()
    for ours in (json.dumps(items[0]), feed):
        for theirs in ("Factcheck.kz", "Four Pinocchios", "factcheck.kz/claims"):
            assert theirs not in ours


def test_the_admin_claim_page_lists_external_reviews_read_only(client, checked, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_change", args=[checked.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "other organisations" in page.lower()
    assert "Factcheck.kz" in page
    assert "Four Pinocchios" in page
    assert 'href="https://factcheck.kz/claims/tokayev-71"' in page
    assert 'name="external_reviews-0-rating_text"' not in page
    assert 'name="external_reviews-TOTAL_FORMS"' in page  # the inline is there, read-only


def test_the_external_review_admin_browses_and_searches_but_never_edits(client, checked, editor):
    client.force_login(editor)
    found = client.get(reverse("admin:claims_externalreview_changelist"), {"q": "Pinocchios"})
    assert found.status_code == 200
    assert "Factcheck.kz" in found.content.decode()
    missed = client.get(reverse("admin:claims_externalreview_changelist"), {"q": "Snopes"})
    assert "Factcheck.kz" not in missed.content.decode()
    review = checked.external_reviews.get()
    detail = client.get(reverse("admin:claims_externalreview_change", args=[review.pk]))
    assert detail.status_code == 200
    assert 'name="rating_text"' not in detail.content.decode()
    assert client.get(reverse("admin:claims_externalreview_add")).status_code == 403
    post = client.post(
        reverse("admin:claims_externalreview_change", args=[review.pk]), {"rating_text": "True"}
    )
    assert post.status_code == 403
    review.refresh_from_db()
    assert review.rating_text == "Four Pinocchios"
