"""What editors write becomes searchable at once: extracted claims, published and corrected
verdicts. (On SQLite the search reads the live columns, so these hold there trivially.)"""

import pytest
from django.urls import reverse

from claims import workflow
from claims.ingest import ingest_text
from claims.models import Claim
from claims.search import uses_postgres
from claims.tasks import extract_now
from sources.merge import merge_sources
from tests.factories import make_claim, make_published_claim, make_source

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


@pytest.mark.skipif(not uses_postgres(), reason="PostgreSQL stores search documents")
def test_a_renamed_source_is_found_by_its_new_name(client, editor, reviewer, superuser):
    claimant = make_source("Central Election Commission")
    claim = make_published_claim(
        editor=editor, reviewer=reviewer, claim=make_claim(claimant=claimant)
    )
    client.force_login(superuser)
    url = reverse("admin:sources_source_change", args=[claimant.pk])
    form = client.get(url).context["adminform"].form
    data = {
        **form.initial,
        "name": "Electoral Board",
        "parent": "",
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
    }
    response = client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.context and response.context["adminform"].errors
    assert list(Claim.objects.published().search("electoral board")) == [claim]


@pytest.mark.skipif(not uses_postgres(), reason="PostgreSQL stores search documents")
def test_claims_of_a_merged_source_are_found_by_the_survivors_name(editor, reviewer):
    duplicate = make_source("CEC Kazakhstan")
    survivor = make_source("Central Election Commission")
    claim = make_published_claim(
        editor=editor, reviewer=reviewer, claim=make_claim(claimant=duplicate)
    )
    merge_sources(survivor=survivor, duplicates=[duplicate], actor=editor)
    assert list(Claim.objects.published().search("central election commission")) == [claim]
