"""What editors write becomes searchable at once, whichever way it was written: extraction, the
workflow, the admin, the API, merges, renames and fixtures. (On SQLite the search reads the
live columns, so these hold there trivially.)"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.ingest import ingest_text
from claims.models import Claim
from claims.search import uses_postgres
from claims.tasks import extract_now
from sources.merge import merge_sources
from tests.factories import (
    make_article,
    make_claim,
    make_correction,
    make_published_claim,
    make_source,
)
from tests.html_forms import form_data

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


def test_a_corrected_verdict_is_found_by_its_new_words(editor, editor2, reviewer):
    claim = make_published_claim(editor=editor, reviewer=reviewer)
    make_correction(
        claim,
        drafter=editor,
        approver=editor2,
        note="We misread the table.",
        summary="Turnout was 77.5 percent.",
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


# --- every write path keeps the stored search document fresh (PostgreSQL keeps it in triggers)


@pytest.mark.skipif(not uses_postgres(), reason="PostgreSQL stores search documents")
def test_a_source_renamed_through_the_api_is_found_by_its_new_name(client, editor, reviewer):
    claimant = make_source("Central Election Commission")
    claim = make_published_claim(
        editor=editor, reviewer=reviewer, claim=make_claim(claimant=claimant)
    )
    client.force_login(editor)
    response = client.patch(
        f"/api/v1/sources/{claimant.pk}/",
        {"name": "Electoral Board"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert list(Claim.objects.published().search("electoral board")) == [claim]


@pytest.mark.skipif(not uses_postgres(), reason="PostgreSQL stores search documents")
def test_an_article_retitled_in_the_admin_is_found_by_its_new_title(client, superuser):
    claim = make_claim(make_article(title="Kazakhstan votes"))
    client.force_login(superuser)
    url = reverse("admin:articles_article_change", args=[claim.article.pk])
    data = form_data(client.get(url).content.decode(), "article_form")
    data["title"] = ["Snap poll in the steppe"]

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(Claim.objects.search("steppe")) == [claim]


@pytest.mark.skipif(not uses_postgres(), reason="PostgreSQL stores search documents")
def test_a_statement_edited_through_the_api_is_found_by_its_new_words(client, editor):
    claim = make_claim()
    client.force_login(editor)
    response = client.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"statement": "Turnout reached a record in Shymkent", "version": claim.version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert list(Claim.objects.search("shymkent")) == [claim]
    claim.refresh_from_db()
    assert claim.match_text == "turnout reach record shymkent"


@pytest.mark.skipif(not uses_postgres(), reason="PostgreSQL stores search documents")
def test_a_verdict_drafted_in_the_api_is_found_by_its_words(client, editor):
    claim = make_claim()
    client.force_login(editor)
    response = client.post(
        "/api/v1/verdicts/",
        {"claim": claim.pk, "summary": "The commission never said so."},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert list(Claim.objects.search("commission never")) == [claim]


@pytest.mark.skipif(not uses_postgres(), reason="PostgreSQL stores search documents")
def test_claims_loaded_from_a_fixture_are_searchable(tmp_path, editor, reviewer):
    claim = make_published_claim(
        editor=editor, reviewer=reviewer, claim=make_claim(statement="Fixture turnout claim")
    )
    fixture = tmp_path / "claims.json"
    call_command("dumpdata", "claims.claim", "claims.verdict", "--output", str(fixture))
    Claim.objects.all().delete()

    call_command("loaddata", str(fixture), verbosity=0)

    assert list(Claim.objects.published().search("fixture turnout")) == [claim]
