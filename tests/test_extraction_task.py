"""Extraction as a background task: claims with claimants and chains, states, failures, re-runs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from articles.models import Article, ExtractionState
from claims import ingest
from claims.extraction_store import extract_article
from claims.models import Attribution, Claim, ClaimStatus
from claims.source_resolver import SourceResolver
from claims.tasks import extract_article_claims, rerun_extraction
from sources.models import Source
from tests.factories import load_seed_sources, make_source, seed_article_text

pytestmark = pytest.mark.django_db

OSCE = "Organization for Security and Co-operation in Europe"


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


@pytest.mark.parametrize(
    ("words", "claimant"),
    [
        ("A Reuters correspondent saw police", "Reuters"),
        ("showed scant respect for democratic standards", OSCE),
        ("handpicked the 66-year-old career diplomat", "The Moscow Times"),
    ],
)
def test_seed_claims_have_their_claimants(seed, words, claimant):
    assert claim_containing(seed, words).claimant.name == claimant


def test_seed_boilerplate_never_becomes_a_claim(seed):
    quotes = " ".join(seed.claims.values_list("quote", flat=True))
    assert "Related article" not in quotes
    assert "https://" not in quotes
    assert "contributed reporting" not in quotes


NESTED = (
    "Russia exported 48 million tonnes of grain in 2023, Deputy Minister Ivan Petrov was "
    "quoted as saying by the Interfax news agency.\n\n"
    "Unemployment fell to 3.1 percent in May, Anna Kowalska told reporters on Tuesday.\n\n"
    "Police detained 120 protesters in the capital on Sunday.\n"
)


@pytest.fixture
def nested(django_capture_on_commit_callbacks):
    interfax = make_source("Interfax", kind="news_agency")
    interfax.aliases.create(text="Interfax news agency")
    return ingest_now(
        NESTED, django_capture_on_commit_callbacks, publisher=make_source("Grain Daily")
    )


def test_nested_attribution_becomes_an_ordered_chain(nested):
    claim = claim_containing(nested, "48 million tonnes")
    (speaker, said), *relays = chain_of(claim)
    assert speaker.endswith("Ivan Petrov")  # with or without his title
    assert said == "said"
    assert relays == [("Interfax", "quoted_by"), ("Grain Daily", "published_by")]
    assert [link.position for link in claim.chain.all()] == [0, 1, 2]
    assert claim.chain.get(position=1).text == "the Interfax news agency"


def test_unknown_speaker_becomes_an_unconfirmed_source(nested):
    claim = claim_containing(nested, "Unemployment fell")
    assert claim.claimant.name == "Anna Kowalska"
    assert claim.claimant.confirmed is False
    assert "Found by extraction" in claim.claimant.description
    assert Source.objects.get(name="Interfax").confirmed is True


def test_an_unknown_name_said_twice_becomes_one_source(django_capture_on_commit_callbacks):
    text = (
        "Unemployment fell to 3.1 percent in May, Anna Kowalska told reporters.\n\n"
        "Inflation rose to 7.2 percent in June, Anna Kowalska said on Friday.\n"
    )
    article = ingest_now(text, django_capture_on_commit_callbacks)
    assert article.claims.count() == 2
    assert Source.objects.filter(name="Anna Kowalska").count() == 1


def test_running_extraction_again_does_not_duplicate_claims(nested):
    before = sorted(nested.claims.values_list("start", "end"))
    summary = extract_article(nested)
    assert sorted(nested.claims.values_list("start", "end")) == before
    assert summary.replaced == len(before)
    assert Attribution.objects.filter(claim__article=nested).count() == sum(
        claim.chain.count() for claim in nested.claims.all()
    )


def test_running_extraction_again_keeps_claims_an_editor_has_touched(nested):
    edited = claim_containing(nested, "Unemployment fell")
    edited.statement = "Poland's unemployment rate fell to 3.1% in May."
    edited.save()
    extract_article(nested)
    edited.refresh_from_db()
    assert edited.statement == "Poland's unemployment rate fell to 3.1% in May."
    assert nested.claims.filter(quote__contains="Unemployment fell").count() == 1


def test_running_extraction_again_keeps_claims_whose_chain_an_editor_changed(nested):
    claim = claim_containing(nested, "48 million tonnes")
    link = claim.chain.get(position=1)
    link.text = "Interfax, citing the deputy minister"
    link.save()
    extract_article(nested)
    assert Attribution.objects.get(pk=link.pk).text == "Interfax, citing the deputy minister"
    assert nested.claims.filter(quote__contains="48 million tonnes").count() == 1


def test_a_failure_while_writing_claims_leaves_no_claims_and_says_why(
    django_capture_on_commit_callbacks,
):
    def refuse_chains(execute, sql, params, many, context):
        # The claims are in; the database then refuses their chains.
        if sql.startswith('INSERT INTO "claims_attribution"'):
            raise OperationalError("disk full")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_chains):
        article = ingest_now(NESTED, django_capture_on_commit_callbacks)
    assert article.extraction_state == ExtractionState.FAILED
    assert article.extraction_error == "OperationalError: disk full"
    assert not article.claims.exists()
    assert not Source.objects.filter(name="Anna Kowalska").exists()


def test_a_failed_extraction_can_be_run_again(django_capture_on_commit_callbacks):
    article = ingest_now(NESTED, django_capture_on_commit_callbacks)
    Article.objects.filter(pk=article.pk).update(
        extraction_state=ExtractionState.FAILED, extraction_error="RuntimeError: disk full"
    )
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert rerun_extraction(article)
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.DONE
    assert article.extraction_error == ""
    assert article.claims.count() == 3


def test_a_running_extraction_is_not_started_twice(django_capture_on_commit_callbacks):
    article = ingest_now(NESTED, django_capture_on_commit_callbacks)
    Article.objects.filter(pk=article.pk).update(extraction_state=ExtractionState.RUNNING)
    article.refresh_from_db()
    assert not rerun_extraction(article)
    result = extract_article_claims.call(article.pk)
    assert result["skipped"] == "not pending"


def test_the_demo_article_holds_its_extracted_claims_after_one_run(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    out = StringIO()
    call_command("load_demo", stdout=out)
    article = Article.objects.get()
    assert article.extraction_state == ExtractionState.DONE
    assert article.claims.count() >= 9
    assert f", {article.claims.count()} claims)" in out.getvalue()
    call_command("load_demo", stdout=StringIO())
    assert Claim.objects.count() == article.claims.count()


def test_a_source_with_a_parent_is_known_by_the_parents_names():
    person = make_source("Sergey Zheleznyak", kind="person")
    person.aliases.create(text="Zheleznyak")
    office = make_source("Sergey Zheleznyak press service", kind="press_office", parent=person)
    resolver = SourceResolver()
    assert resolver.resolve("Zheleznyak's press service") == office
    assert resolver.resolve("Zheleznyak’s press office") == office
    assert resolver.resolve("Zheleznyak") == person
