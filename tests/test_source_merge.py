"""Merging duplicate sources in the admin keeps everything: aliases, claims, attributions,
evidence, articles, child sources and history move to the survivor."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from claims.models import Attribution, AttributionRole, Claim, Evidence, ExternalReview
from sources.merge import MergeRefused, merge_sources
from sources.models import Source, SourceAlias
from tests.factories import make_article, make_claim, make_evidence, make_source

pytestmark = pytest.mark.django_db

SOURCES = reverse("admin:sources_source_changelist")


@pytest.fixture
def reuters():
    return make_source("Reuters")


@pytest.fixture
def duplicate():
    """What extraction made of "Reuters News Agency", with everything that can point at it."""
    source = make_source("Reuters News Agency", confirmed=False)
    SourceAlias.objects.create(source=source, text="a Reuters correspondent")
    article = make_article(publisher=source)
    article.contributors.add(source)
    claim = make_claim(article=article, claimant=source)
    Attribution.objects.create(
        claim=claim, position=1, source=source, role=AttributionRole.REPORTED_BY
    )
    make_evidence(claim, source=source)
    make_source("Reuters Kazakhstan desk", parent=source)
    ExternalReview.objects.create(claim=claim, publisher=source, url="https://factcheck.example/1")
    return source


def merge_in_admin(client, survivor, *others, confirm=True):
    data = {
        "action": "merge_selected",
        helpers.ACTION_CHECKBOX_NAME: [survivor.pk, *(s.pk for s in others)],
    }
    if confirm:
        data.update(confirm="yes", survivor=survivor.pk)
    return client.post(SOURCES, data, follow=True)


def test_the_confirmation_page_shows_what_will_move(client, editor, reuters, duplicate):
    client.force_login(editor)
    page = merge_in_admin(client, reuters, duplicate, confirm=False).content.decode()
    assert "Choose the source to keep" in page
    assert "1 claim (claimant)" in page
    assert "1 source alias (source)" in page
    assert Source.objects.filter(pk=duplicate.pk).exists()


def test_merging_moves_everything_to_the_survivor(client, editor, reuters, duplicate):
    client.force_login(editor)
    page = merge_in_admin(client, reuters, duplicate).content.decode()

    assert "Merged “Reuters News Agency” into “Reuters”" in page
    assert "moved 1 source (parent), 1 source alias (source), 1 article (publisher)," in page
    assert "1 source alias (from the merged name)" in page
    assert not Source.objects.filter(pk=duplicate.pk).exists()
    claim = Claim.objects.get(claimant=reuters)
    assert claim.article.publisher == reuters
    assert list(claim.article.contributors.all()) == [reuters]
    assert Attribution.objects.get(claim=claim).source == reuters
    assert Evidence.objects.get(claim=claim).source == reuters
    assert ExternalReview.objects.get(claim=claim).publisher == reuters
    assert Source.objects.get(name="Reuters Kazakhstan desk").parent == reuters
    assert set(reuters.aliases.values_list("text", flat=True)) == {
        "a Reuters correspondent",
        "Reuters News Agency",
    }


def test_merging_keeps_history_with_who_and_why(client, editor, reuters, duplicate):
    claim = Claim.objects.get(claimant=duplicate)
    client.force_login(editor)
    merge_in_admin(client, reuters, duplicate)

    record = claim.history.first()
    assert record.claimant_id == reuters.pk
    assert record.history_user == editor
    assert record.history_change_reason == "merged “Reuters News Agency” into “Reuters”"
    deleted = Source.history.filter(id=duplicate.pk).first()
    assert deleted.history_type == "-"
    assert deleted.name == "Reuters News Agency"


def test_a_survivor_that_was_the_duplicates_child_takes_its_parent(editor):
    agency = make_source("Agency")
    duplicate = make_source("Agency press office", parent=agency)
    survivor = make_source("Press office", parent=duplicate)

    merge_sources(survivor=survivor, duplicates=[duplicate], actor=editor)

    survivor.refresh_from_db()
    assert survivor.parent == agency


def test_a_source_cannot_be_merged_into_itself(editor, reuters):
    with pytest.raises(MergeRefused):
        merge_sources(survivor=reuters, duplicates=[reuters], actor=editor)


def test_reviewers_cannot_merge_sources(client, reviewer, reuters, duplicate):
    client.force_login(reviewer)
    merge_in_admin(client, reuters, duplicate)
    assert Source.objects.filter(pk=duplicate.pk).exists()


def test_unconfirmed_sources_have_their_own_filter(client, editor, reuters, duplicate):
    client.force_login(editor)
    response = client.get(f"{SOURCES}?confirmed=no")
    assert [s.pk for s in response.context["cl"].result_list] == [duplicate.pk]
