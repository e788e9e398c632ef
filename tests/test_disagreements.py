"""Where other fact-checkers disagree: the rule, and the claim page's "rated this differently"."""

import pytest

from claims.disagreements import disagreement
from claims.models import ExternalReview
from tests.factories import make_checked_claim, make_external_review, rating

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ours", "value", "text", "disagrees"),
    [
        ("true", 0.5, "", True),  # half the scale apart
        ("true", 0.51, "", False),
        ("mostly-true", None, "False", True),  # opposite categories, in words
        ("mostly-true", None, "Mostly false", True),
        ("mostly-true", None, "Half true", False),
        ("half-true", 0.0, "", True),
        ("half-true", None, "False", False),  # the middle is no one's opposite
        ("misleading", None, "True", True),  # outside the scale: read by its label
        ("unverifiable", None, "False", False),
        ("false", None, "Four Pinocchios", False),
    ],
)
def test_the_rule(ours, value, text, disagrees):
    review = ExternalReview(rating_value=value, rating_text=text, url="https://x.example/")
    assert (disagreement(rating(ours), review) is not None) is disagrees


def test_the_published_claim_page_shows_who_rated_it_differently(client, editor, reviewer):
    claim = make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout claim")
    make_external_review(
        claim,
        publisher_name="Factcheck KZ",
        url="https://factcheck.kz/turnout",
        rating_text="False",
        claim_reviewed="Turnout was inflated",
    )
    make_external_review(claim, publisher_name="Agrees Org", rating_text="Mostly true")
    body = client.get(claim.get_absolute_url()).content.decode()
    section = body.split('id="disagreements-heading"')[1].split("</section>")[0]
    assert "Other fact-checkers rated this differently" in body
    assert '<a class="external-review__publisher" href="https://factcheck.kz/turnout"' in section
    assert "rated this “False”" in section
    assert "Turnout was inflated" in section
    assert "Agrees Org" not in section
    assert "Agrees Org" in body  # still listed among the other checks
