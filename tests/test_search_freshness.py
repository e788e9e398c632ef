"""What editors write becomes searchable at once: extracted claims, published and corrected
verdicts. (On SQLite the search reads the live columns, so these hold there trivially.)"""

import pytest

from articles.ingest import ingest_text
from claims import workflow
from claims.models import Claim
from claims.tasks import extract_now
from tests.factories import make_published_claim

pytestmark = pytest.mark.django_db


def test_extracted_claims_are_found_by_search_and_indexed_for_matching():
    article = ingest_text(
        "The finance ministry said inflation in Kazakhstan reached 5.3 percent in May, "
        "the lowest level since 2016.\n"
    ).article
    extract_now(article)
    claim = article.claims.get()
    assert claim.match_text
    assert list(Claim.objects.search("inflation ministry")) == [claim]


def test_a_published_verdict_is_found_by_its_words(editor, reviewer):
    claim = make_published_claim(
        editor=editor, reviewer=reviewer, summary="The commission counted 70.96 percent."
    )
    assert list(Claim.objects.published().search("commission counted")) == [claim]


def test_a_corrected_verdict_is_found_by_its_new_words(editor, reviewer):
    claim = make_published_claim(editor=editor, reviewer=reviewer)
    workflow.correct(
        claim, actor=editor, note="We misread the table.", summary="Turnout was 77.5 percent."
    )
    assert list(Claim.objects.published().search("turnout")) == [claim]
