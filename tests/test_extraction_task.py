"""Extraction as a background task: claims with claimants and chains, states, failures, re-runs."""

import pytest

from articles import ingest
from articles.models import Article, ExtractionState
from claims.extract import extract_article
from claims.models import Claim, ClaimStatus
from tests.factories import load_seed_sources, seed_article_text

pytestmark = pytest.mark.django_db


def ingest_now(text: str, captured, **meta) -> Article:
    """Ingest and run the extraction that was queued for the commit."""
    with captured(execute=True):
        article = ingest.ingest_text(text, **meta).article
    article.refresh_from_db()
    return article


def chain_of(claim: Claim) -> list[tuple[str | None, str]]:
    return [(link.source.name if link.source else None, link.role) for link in claim.chain.all()]


def claim_containing(article: Article, words: str) -> Claim:
    return article.claims.get(quote__contains=words)


@pytest.fixture
def seed(django_capture_on_commit_callbacks):
    sources = load_seed_sources()
    return ingest_now(
        seed_article_text(),
        django_capture_on_commit_callbacks,
        title="Kazakhstan's Tokayev wins snap presidential election",
        publisher=sources["The Moscow Times"],
    )


def test_ingesting_an_article_runs_extraction_after_commit(seed):
    assert seed.extraction_state == ExtractionState.DONE
    assert seed.extracted_at is not None
    assert seed.claims.exists()
    assert set(seed.claims.values_list("status", flat=True)) == {ClaimStatus.DETECTED}


def test_extraction_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article = ingest.ingest_text("Police arrested 500 people at rallies in Almaty.").article
        assert Article.objects.get(pk=article.pk).extraction_state == ExtractionState.PENDING
    assert len(callbacks) == 1


def test_seed_zheleznyak_quote_is_below_the_threshold(seed):
    assert not seed.claims.filter(quote__contains="our old strategic partner").exists()


def test_seed_zheleznyak_quote_has_the_full_chain_when_every_sentence_is_collected(seed):
    extract_article(seed, threshold=0.0)
    claim = claim_containing(seed, "our old strategic partner")
    assert claim.claimant.name == "Sergey Zheleznyak"
    assert chain_of(claim) == [
        ("Sergey Zheleznyak", "said"),
        ("Sergey Zheleznyak press service", "relayed_by"),
        ("RIA Novosti", "quoted_by"),
        ("The Moscow Times", "published_by"),
    ]
    assert claim.chain.all()[2].text == "the state-run RIA Novosti news agency"


def test_seed_claims_are_anchored_in_the_body(seed):
    for claim in seed.claims.all():
        assert seed.body[claim.start : claim.end] == claim.quote
        assert claim.statement == claim.quote
        assert 0.5 <= claim.checkworthiness <= 1
        assert claim.checkworthiness_reasons


def test_seed_article_voice_sentence_is_claimed_by_the_publisher(seed):
    claim = claim_containing(seed, "police arrested 500 people")
    assert claim.claimant.name == "The Moscow Times"
    assert chain_of(claim) == [("The Moscow Times", "published_by")]


def test_seed_unnamed_source_keeps_its_phrase(seed):
    claim = claim_containing(seed, "nearly 71 percent of the vote")
    assert claim.claimant is None
    assert claim.attribution_phrase == "according to early results"
    assert chain_of(claim) == [(None, "said"), ("The Moscow Times", "published_by")]
    assert claim.chain.first().text == "according to early results"


def test_seed_boilerplate_never_becomes_a_claim(seed):
    quotes = " ".join(seed.claims.values_list("quote", flat=True))
    assert "Related article" not in quotes
    assert "https://" not in quotes
    assert "contributed reporting" not in quotes
