"""The database refuses rows that break the domain's invariants, whoever writes them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Attribution, AttributionRole, Claim, Rating, Verdict
from tests.factories import make_article, make_claim, make_source, make_user, make_verdict

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_claim_must_start_before_it_ends():
    article = make_article()
    refused(
        lambda: Claim.objects.create(article=article, start=10, end=10, quote="", statement="x")
    )


def test_checkworthiness_stays_between_0_and_1():
    article = make_article()
    refused(
        lambda: Claim.objects.create(
            article=article, start=0, end=5, quote=article.body[:5], checkworthiness=1.5
        )
    )


def test_attribution_positions_are_unique_per_claim():
    claim = make_claim()
    source = make_source()
    Attribution.objects.create(claim=claim, position=0, source=source, role=AttributionRole.SAID)
    refused(
        lambda: Attribution.objects.create(
            claim=claim, position=0, source=source, role=AttributionRole.QUOTED_BY
        )
    )


def test_one_verdict_per_claim():
    claim = make_claim()
    author = make_user()
    make_verdict(claim, author)
    refused(lambda: make_verdict(claim, author))


def test_rating_values_stay_within_the_scale():
    refused(lambda: Rating.objects.create(label="Pants", slug="pants", value=9, colour="#000000"))


def test_verdict_author_cannot_approve_it():
    claim = make_claim()
    author = make_user()
    verdict = make_verdict(claim, author)
    verdict.approved_by = author
    refused(verdict.save)


def test_article_content_is_stored_once():
    make_article(body="The same words.")
    refused(lambda: make_article(body="The  same\nwords."))


def test_article_url_unique_only_when_present():
    make_article(url="")
    make_article(url="")
    make_article(url="https://example.org/a")
    refused(lambda: make_article(url="https://example.org/a"))


def test_source_cannot_be_its_own_parent():
    source = make_source()
    source.parent = source
    refused(source.save)


def test_quote_must_match_the_article_text():
    claim = make_claim()
    claim.quote = "Something the article never said"
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "quote" in error.value.message_dict


def test_offsets_must_lie_inside_the_article():
    claim = make_claim()
    claim.end = len(claim.article.body) + 10
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "end" in error.value.message_dict


def test_verdict_body_is_rendered_and_sanitised():
    claim = make_claim()
    verdict = Verdict.objects.create(
        claim=claim,
        author=make_user(),
        body="**Bold** <script>alert(1)</script> [x](javascript:alert(1))",
    )
    assert "<strong>Bold</strong>" in verdict.body_html
    assert "<script" not in verdict.body_html
    assert 'href="javascript' not in verdict.body_html
