"""Full-text search: ranking, snippets, published-only results, PostgreSQL and SQLite alike."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template

from claims import search
from claims.models import Claim
from claims.search import snippet_html
from tests.factories import make_article, make_claim, make_published_claim, make_source

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
)


def claim_saying(statement: str, **fields) -> Claim:
    return make_claim(make_article(f"{statement}. Nothing else happened."), statement, **fields)


def published(claim: Claim, *, editor, reviewer, **verdict_fields) -> Claim:
    make_published_claim(editor=editor, reviewer=reviewer, claim=claim, **verdict_fields)
    return claim


@pytest.fixture
def corpus(editor, reviewer):
    """Inflation in the statement (A), in the verdict only (C), in the claimant only (D)."""
    in_statement = published(
        claim_saying("Inflation in Kazakhstan reached 20 percent last year"),
        editor=editor,
        reviewer=reviewer,
        summary="Official statistics show 20.3 percent.",
    )
    in_verdict = published(
        claim_saying("Bread prices doubled in Almaty within a year"),
        editor=editor,
        reviewer=reviewer,
        summary="Prices rose by a third, in line with inflation.",
    )
    in_claimant = published(
        claim_saying(
            "Pensions were cut for a million people", claimant=make_source("Inflation Watch")
        ),
        editor=editor,
        reviewer=reviewer,
        summary="Pensions were indexed upwards.",
    )
    unrelated = published(
        claim_saying("Police arrested 500 people at rallies"), editor=editor, reviewer=reviewer
    )
    return {
        "statement": in_statement,
        "verdict": in_verdict,
        "claimant": in_claimant,
        "unrelated": unrelated,
    }


def test_search_ranks_statement_above_verdict_above_claimant(corpus):
    results = list(Claim.objects.published().search("inflation"))

    assert results == [corpus["statement"], corpus["verdict"], corpus["claimant"]]
    assert results[0].rank > results[1].rank > results[2].rank


def test_search_needs_every_word_of_the_query(corpus):
    results = list(Claim.objects.published().search("inflation percent"))

    assert results == [corpus["statement"]]


def test_search_finds_words_in_any_case(corpus):
    assert list(Claim.objects.published().search("ALMATY bread")) == [corpus["verdict"]]


def test_search_snippet_marks_the_matched_words(corpus):
    result = Claim.objects.published().search("inflation").first()

    html = snippet_html(result.snippet)

    assert "<mark>Inflation</mark> in Kazakhstan" in html
    assert "Official statistics show 20.3 percent" in html


def test_snippet_html_escapes_the_claim_text(db):
    claim = claim_saying("Tokayev said taxes <script>alert(1)</script> fall < 5 percent & more")

    result = Claim.objects.search("taxes").get()
    rendered = Template("{% load claim_search %}{{ claim.snippet|highlight }}").render(
        Context({"claim": result})
    )

    assert claim == result
    assert "<mark>taxes</mark>" in rendered
    assert "&lt; 5 percent &amp; more" in rendered
    assert "<script>" not in rendered


def test_published_search_never_returns_unpublished_claims(corpus):
    draft = claim_saying("Inflation will fall to 5 percent next year, the minister said")

    results = list(Claim.objects.published().search("inflation"))

    assert draft not in results
    assert draft in Claim.objects.search("inflation")


def test_blank_or_wordless_query_returns_nothing(corpus):
    assert not Claim.objects.published().search("   ").exists()
    assert not Claim.objects.published().search("?!").exists()


def test_search_result_can_be_refined_like_any_queryset(corpus):
    results = Claim.objects.published().search("inflation").filter(claimant__isnull=True)

    assert list(results) == [corpus["statement"], corpus["verdict"]]


@postgres_only
def test_search_matches_other_forms_of_a_word(corpus):
    assert list(Claim.objects.published().search("doubling price")) == [corpus["verdict"]]


@postgres_only
def test_search_understands_quoted_phrases_and_exclusions(corpus):
    assert list(Claim.objects.published().search('"bread prices"')) == [corpus["verdict"]]
    assert corpus["verdict"] not in Claim.objects.published().search("inflation -bread")


@postgres_only
def test_verdict_words_are_found_as_soon_as_it_is_published(editor, reviewer):
    claim = claim_saying("Turnout was 77 percent")
    make_published_claim(
        editor=editor, reviewer=reviewer, claim=claim, summary="Turnout was overstated."
    )

    assert list(Claim.objects.search("overstated")) == [claim]


@postgres_only
def test_a_source_renamed_by_a_bulk_update_is_found_by_its_new_name(db):
    source = make_source("Central Election Commission")
    claim = claim_saying("Turnout was 77 percent", claimant=source)

    type(source).objects.filter(pk=source.pk).update(name="Electoral Board")

    assert list(Claim.objects.search("electoral board")) == [claim]


@postgres_only
def test_only_the_newest_matches_are_ranked_when_a_query_matches_too_many(db, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 2)
    oldest, middle, newest = (claim_saying(f"Turnout was {n} percent") for n in (60, 70, 80))

    results = set(Claim.objects.search("turnout"))

    assert results == {middle, newest}
    assert oldest not in results


def test_refresh_command_rebuilds_every_claims_key_and_document(db):
    claim = claim_saying("Turnout was 77 percent")
    Claim.objects.filter(pk=claim.pk).update(match_text="", search_document=None)
    out = io.StringIO()

    call_command("refresh_search_documents", stdout=out)

    claim.refresh_from_db()
    assert claim.match_text == "turnout 77 percent"
    assert list(Claim.objects.search("turnout")) == [claim]
    assert "Refreshed 1 claims" in out.getvalue()


def test_anonymous_search_page_lists_published_claims_only(client, editor, reviewer):
    checked = published(
        claim_saying("Zhanaozen wages doubled in 2011"), editor=editor, reviewer=reviewer
    )
    draft = claim_saying("Zhanaozen wages tripled in 2011")

    page = client.get("/claims/", {"q": "zhanaozen wages"}, secure=True).content.decode()

    assert checked.statement in page
    assert draft.statement not in page
    assert "<mark>" in page
