"""Editing through the API: claims, attribution chains, evidence and verdict drafts, each write
based on a version so that nobody's edit is silently lost."""

import pytest

from claims import workflow
from claims.models import Claim, Evidence, Verdict
from tests.api_support import API, as_user, call
from tests.factories import make_claim, make_source, make_verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(editor, reviewer):
    claim = make_claim()
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    return claim


def patch_claim(client, claim, payload, **headers):
    return call(client, "PATCH", f"{API}/claims/{claim.pk}/", payload, **headers)


def test_an_edit_based_on_the_current_version_is_saved_with_a_changed(client, claim, reviewer):
    response = patch_claim(
        as_user(client, reviewer), claim, {"statement": "Tokayev won 71%", "version": claim.version}
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.statement == "Tokayev won 71%"
    assert response.json()["version"] == claim.version != 0
    assert response["ETag"] == f'"{claim.version}"'


def test_a_stale_edit_gets_409_with_the_current_version_and_changes_nothing(
    client, claim, reviewer, editor
):
    based_on = claim.version
    patch_claim(
        as_user(client, editor), claim, {"statement": "Editor's words", "version": based_on}
    )
    response = patch_claim(
        as_user(client, reviewer), claim, {"statement": "Reviewer's words", "version": based_on}
    )
    assert response.status_code == 409
    claim.refresh_from_db()
    assert claim.statement == "Editor's words"
    body = response.json()
    assert (body["code"], body["changed_by"]) == ("stale", "erin")
    assert body["current_version"] == claim.version
    assert body["detail"].startswith("erin changed this claim on ")
    assert "statement is now “Editor's words”" in body["detail"]


def test_the_etag_of_a_read_can_be_sent_back_as_if_match(client, claim, reviewer):
    client = as_user(client, reviewer)
    etag = client.get(f"{API}/claims/{claim.pk}/")["ETag"]
    assert patch_claim(client, claim, {"kind": "statistic"}, if_match=etag).status_code == 200
    stale = patch_claim(client, claim, {"kind": "event"}, if_match=etag)
    assert stale.status_code == 409
    assert Claim.objects.get(pk=claim.pk).kind == "statistic"


def test_an_edit_without_a_version_is_refused_naming_the_field(client, claim, reviewer):
    response = patch_claim(as_user(client, reviewer), claim, {"statement": "No version"})
    assert response.status_code == 400
    assert "version" in response.json()


def test_the_models_own_rules_apply_to_api_edits(client, claim, editor):
    response = patch_claim(
        as_user(client, editor), claim, {"duplicate_of": claim.pk, "version": claim.version}
    )
    assert response.status_code == 400
    assert response.json()  # names the rule broken: a claim cannot duplicate itself


def test_status_and_anchor_cannot_be_written_through_an_edit(client, claim, editor):
    payload = {"status": "published", "quote": "made up", "start": 0, "version": claim.version}
    assert patch_claim(as_user(client, editor), claim, payload).status_code == 200
    claim.refresh_from_db()
    assert claim.status == "in_progress"
    assert claim.quote != "made up"


def test_the_attribution_chain_is_replaced_as_a_whole(client, claim, reviewer):
    speaker, agency = make_source("Sergey Zheleznyak"), make_source("RIA Novosti")
    links = [
        {"source": speaker.pk, "role": "said"},
        {"source": agency.pk, "role": "quoted_by", "text": "quoted by RIA Novosti"},
    ]
    url = f"{API}/claims/{claim.pk}/chain/"
    response = call(
        as_user(client, reviewer), "PUT", url, {"links": links, "version": claim.version}
    )
    assert response.status_code == 200, response.content
    assert [(link["position"], link["role"]) for link in response.json()] == [
        (0, "said"),
        (1, "quoted_by"),
    ]
    assert claim.chain.count() == 2
    stale = call(client, "PUT", url, {"links": links[:1], "version": claim.version})
    assert stale.status_code == 409
    assert claim.chain.count() == 2


def test_a_chain_link_needs_a_source_or_the_words_for_it(client, claim, reviewer):
    url = f"{API}/claims/{claim.pk}/chain/"
    payload = {"links": [{"role": "said"}], "version": claim.version}
    response = call(as_user(client, reviewer), "PUT", url, payload)
    assert response.status_code == 400
    assert "source" in response.json()["links"]["0"]  # the first link's source


def test_the_assigned_reviewer_drafts_the_verdict_as_its_author(client, claim, reviewer):
    payload = {"claim": claim.pk, "rating": "mostly-true", "summary": "The count was 70.96%."}
    response = call(as_user(client, reviewer), "POST", f"{API}/verdicts/", payload)
    assert response.status_code == 201, response.content
    verdict = Verdict.objects.get(claim=claim)
    assert verdict.author == reviewer
    assert verdict.published_at is None
    second = call(client, "POST", f"{API}/verdicts/", payload)
    assert second.status_code == 400
    assert "claim" in second.json()


def test_a_stale_verdict_edit_gets_409(client, claim, reviewer, editor):
    verdict = make_verdict(claim, reviewer)
    based_on = verdict.version
    url = f"{API}/verdicts/{verdict.pk}/"
    call(as_user(client, editor), "PATCH", url, {"summary": "Editor's", "version": based_on})
    response = call(as_user(client, reviewer), "PATCH", url, {"body": "Mine", "version": based_on})
    assert response.status_code == 409
    verdict.refresh_from_db()
    assert (verdict.summary, verdict.body) == ("Editor's", verdict.body)
    assert verdict.body != "Mine"


def test_evidence_is_credited_to_whoever_added_it_and_stays_on_its_claim(client, claim, reviewer):
    payload = {"claim": claim.pk, "url": "https://www.election.gov.kz/", "stance": "supports"}
    response = call(as_user(client, reviewer), "POST", f"{API}/evidence/", payload)
    assert response.status_code == 201
    evidence = Evidence.objects.get(pk=response.json()["id"])
    assert evidence.added_by == reviewer
    other = make_claim()
    moved = call(client, "PATCH", f"{API}/evidence/{evidence.pk}/", {"claim": other.pk})
    assert moved.status_code == 400
    assert "claim" in moved.json()


def test_evidence_can_be_removed_while_the_claim_is_editable(client, claim, reviewer):
    evidence = Evidence.objects.create(claim=claim, url="https://example.org/x", stance="context")
    response = call(as_user(client, reviewer), "DELETE", f"{API}/evidence/{evidence.pk}/")
    assert response.status_code == 204
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_source_still_in_use_cannot_be_deleted(client, editor):
    source = make_source("Central Election Commission")
    make_claim(claimant=source)
    response = call(as_user(client, editor), "DELETE", f"{API}/sources/{source.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_a_new_source_gets_a_slug_from_its_name(client, editor):
    payload = {"name": "Central Election Commission", "kind": "government", "country": "KZ"}
    response = call(as_user(client, editor), "POST", f"{API}/sources/", payload)
    assert response.status_code == 201
    assert response.json()["slug"] == "central-election-commission"
