"""generate_load_data: synthetic claims for benchmarks, searchable and matchable like real ones."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from claims.models import Claim, ClaimStatus, Verdict
from tests.factories import make_article


def generate(claims: int, *args) -> str:
    out = io.StringIO()
    call_command("generate_load_data", "--claims", str(claims), *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_generates_articles_claims_and_verdicts_anchored_in_their_articles():
    output = generate(23, "--batch-size", "10")

    claims = list(Claim.objects.select_related("article"))
    assert len(claims) == 23
    assert Article.objects.count() == 5  # five claims an article, the last one short
    assert all(c.article.body[c.start : c.end] == c.quote == c.statement for c in claims)
    assert all(c.match_text for c in claims)
    with_verdict = {v.claim_id for v in Verdict.objects.all()}
    published = {c.pk for c in claims if c.status == ClaimStatus.PUBLISHED}
    assert published <= with_verdict
    assert Claim.objects.published().count() == len(published)
    assert "claims: 23/23 (100%)" in output
    assert "Added 23 claims" in output


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_generated_claims_are_found_by_search():
    generate(30)
    some = Claim.objects.order_by("pk").first()
    word = next(w for w in some.statement.split() if len(w) > 5 and w.isalpha())

    assert some in Claim.objects.search(word)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_second_run_adds_more_without_clashing():
    generate(10)
    generate(10)

    assert Claim.objects.count() == 20


@pytest.mark.django_db
def test_refuses_a_database_with_real_articles():
    make_article()

    with pytest.raises(CommandError, match="separate benchmark database"):
        generate(5)
