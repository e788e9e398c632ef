"""Findings on each link of the attribution chain: written, approved by a second editor (four
eyes), published with history; shown on the claim page, in the API and in the ClaimReview."""

import json

import pytest

from claims import link_checks
from claims.ingest import ingest_text
from claims.models import Attribution, Claim, ClaimEvent, LinkCheck, LinkCheckStatus, Verdict
from claims.tasks import rerun_extraction
from claims.workflow import TransitionRefused
from tests.factories import (
    make_article,
    make_attribution,
    make_checked_claim,
    make_claim,
    make_link_check,
    make_source,
    seed_article_text,
)
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def checked(editor, reviewer):
    return make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77 percent")


def relay_of(claim):
    return claim.chain.get(role="relayed_by")


def published_check(claim, author, approver, **fields):
    check = make_link_check(relay_of(claim), author, **fields)
    link_checks.submit(check, actor=author)
    return link_checks.publish(check, actor=approver)


def test_a_confirmed_link_needs_its_evidence(checked, editor):
    with pytest.raises(Exception, match="evidence"):
        make_link_check(relay_of(checked), editor, finding="confirmed", evidence_url="")


def test_an_altered_link_needs_both_wordings_and_a_difference(checked, editor):
    with pytest.raises(Exception, match="original"):
        make_link_check(relay_of(checked), editor, finding="altered", relayed_wording="71 percent")
    with pytest.raises(Exception, match="same as the original"):
        make_link_check(
            relay_of(checked),
            editor,
            finding="altered",
            original_wording="71 percent",
            relayed_wording="71 percent",
        )


def test_the_author_cannot_approve_their_own_finding(checked, editor):
    check = make_link_check(relay_of(checked), editor)
    link_checks.submit(check, actor=editor)
    with pytest.raises(TransitionRefused, match="You wrote this finding"):
        link_checks.publish(check, actor=editor)


def test_an_editor_who_edited_the_draft_cannot_approve_it(checked, editor, editor2):
    check = make_link_check(relay_of(checked), editor)
    check.note = "Edited by the second editor."
    link_checks.save_draft(check, actor=editor2)
    link_checks.submit(check, actor=editor)
    with pytest.raises(TransitionRefused, match="You edited this finding"):
        link_checks.publish(check, actor=editor2)


def test_a_reviewer_cannot_publish_a_finding(checked, editor, reviewer):
    check = make_link_check(relay_of(checked), editor)
    link_checks.submit(check, actor=editor)
    with pytest.raises(TransitionRefused, match="Only an editor"):
        link_checks.publish(check, actor=reviewer)


def test_a_reviewer_checks_links_only_on_claims_assigned_to_them(checked, reviewer):
    # The claim is published: its reviewer no longer edits it; editors check its links.
    assert link_checks.edit_refusal(reviewer, relay_of(checked)) is not None


def test_a_published_finding_is_recorded_in_its_history_and_on_the_claims_timeline(
    checked, editor, editor2
):
    check = published_check(checked, editor, editor2)
    check.refresh_from_db()
    assert check.status == LinkCheckStatus.PUBLISHED
    assert check.approved_by == editor2
    assert check.published_at is not None
    reasons = list(
        check.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["recorded", "submit", "publish"]
    events = ClaimEvent.objects.filter(claim=checked).values_list("action", flat=True)
    assert {"submit_link_check", "publish_link_check"} <= set(events)


def test_a_published_finding_is_not_edited_until_withdrawn(checked, editor, editor2):
    check = published_check(checked, editor, editor2)
    check.note = "Changed after publication"
    with pytest.raises(TransitionRefused, match="published"):
        link_checks.save_draft(check, actor=editor)
    with pytest.raises(TransitionRefused, match="reason"):
        link_checks.withdraw(check, actor=editor2, comment="")
    link_checks.withdraw(check, actor=editor2, comment="The RIA page was taken down.")
    assert LinkCheck.objects.get(pk=check.pk).status == LinkCheckStatus.DRAFT


def test_the_reader_sees_the_published_finding_and_its_evidence_on_the_chain(
    client, checked, editor, editor2, django_capture_on_commit_callbacks
):
    check = make_link_check(
        relay_of(checked),
        editor,
        evidence_title="RIA Novosti, 10 June 2019",
        note="RIA Novosti quoted the statement word for word.",
    )
    page = checked.get_absolute_url()
    link_checks.submit(check, actor=editor)
    assert "RIA Novosti quoted the statement" not in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        link_checks.publish(check, actor=editor2)
    body = client.get(page).content.decode()  # the publication purged the cached page
    assert '<span class="finding finding--confirmed">Confirmed</span>' in body
    assert "RIA Novosti quoted the statement word for word." in body
    assert 'href="https://ria.ru/20190610/zheleznyak.html"' in body
    assert "RIA Novosti, 10 June 2019" in body


def test_a_misquoted_number_is_shown_as_a_word_diff_on_the_public_page(
    client, checked, editor, editor2
):
    published_check(
        checked,
        editor,
        editor2,
        finding="altered",
        evidence_url="",
        original_wording="Tokayev won 70.96 percent of the vote",
        relayed_wording="Tokayev won 71 percent of the vote",
    )
    body = client.get(checked.get_absolute_url()).content.decode()
    assert '<span class="finding finding--altered">Altered</span>' in body
    assert "Tokayev won <del>70.96</del><ins>71</ins> percent of the vote" in body


def test_the_page_says_what_the_verdict_is_about(client, checked):
    Verdict.objects.filter(claim=checked).update(about="attribution")
    body = client.get(checked.get_absolute_url()).content.decode()
    assert "Our verdict is about: <strong>whether it was said as reported</strong>." in body


def test_the_api_exposes_each_links_published_finding(
    client, checked, editor, editor2, django_capture_on_commit_callbacks
):
    check = make_link_check(relay_of(checked), editor, note="Word for word.")
    url = f"/api/v1/claims/{checked.pk}/"
    chain = client.get(url).json()["chain"]
    assert [link["finding"] for link in chain] == [None, None, None]
    link_checks.submit(check, actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        link_checks.publish(check, actor=editor2)
    chain = client.get(url).json()["chain"]
    assert chain[1]["finding"]["finding"] == "confirmed"
    assert chain[1]["finding"]["note"] == "Word for word."


def test_staff_see_draft_findings_in_the_api(client, checked, editor):
    make_link_check(relay_of(checked), editor)
    client.force_login(editor)
    chain = client.get(f"/api/v1/claims/{checked.pk}/").json()["chain"]
    assert chain[1]["finding"]["status"] == "draft"


def test_the_claim_lists_filter_misattributed_and_altered_chains(client, editor, editor2, reviewer):
    altered = make_checked_claim(editor=editor, reviewer=reviewer, statement="Altered claim")
    misattributed = make_checked_claim(editor=editor, reviewer=reviewer, statement="Wrong speaker")
    make_checked_claim(editor=editor, reviewer=reviewer, statement="Clean chain")
    published_check(
        altered,
        editor,
        editor2,
        finding="altered",
        original_wording="70.96 percent",
        relayed_wording="71 percent",
    )
    published_check(misattributed, editor, editor2, finding="misattributed", evidence_url="")
    api = "/api/v1/claims/?link_finding="
    assert [c["id"] for c in client.get(api + "altered").json()["results"]] == [altered.pk]
    assert [c["id"] for c in client.get(api + "misattributed").json()["results"]] == [
        misattributed.pk
    ]
    assert client.get(api + "invented").status_code == 400
    page = client.get("/claims/?link_finding=misattributed").content.decode()
    assert "Wrong speaker" in page
    assert "Altered claim" not in page
    assert "Clean chain" not in page


def test_claimreview_lists_relays_as_appearances_and_names_a_misattribution(
    client, checked, editor, editor2
):
    published_check(
        checked,
        editor,
        editor2,
        finding="misattributed",
        evidence_url="",
        note="The agency's own archive has no such statement.",
    )
    review = client.get(f"/api/v1/claims/{checked.pk}/claimreview/").json()
    relay = relay_of(checked).source
    assert review["itemReviewed"]["appearance"][1] == {
        "@type": "CreativeWork",
        "author": {"@type": "Organization", "name": relay.name},
    }
    assert review["reviewRating"]["alternateName"] == "Misattributed (Mostly true)"
    assert f"Misattributed: {relay.name} did not say this." in review["description"]
    assert "The agency's own archive has no such statement." in review["description"]
    html = client.get(checked.get_absolute_url()).content.decode()
    assert json.dumps("Misattributed (Mostly true)") in html


def test_a_confirmed_first_link_is_the_first_appearance(client, checked, editor, editor2):
    said = checked.chain.get(role="said")
    check = make_link_check(said, editor, evidence_url="https://www.akorda.kz/en/speech")
    link_checks.submit(check, actor=editor)
    link_checks.publish(check, actor=editor2)
    item = client.get(f"/api/v1/claims/{checked.pk}/claimreview/").json()["itemReviewed"]
    assert item["firstAppearance"]["url"] == "https://www.akorda.kz/en/speech"
    assert item["firstAppearance"]["author"]["name"] == checked.claimant.name


def test_the_api_records_a_finding_and_takes_it_through_four_eyes(client, checked, editor, editor2):
    relay = relay_of(checked)
    client.force_login(editor)
    missing = client.post(
        "/api/v1/link-checks/", {"attribution": relay.pk, "finding": "confirmed"}, content_type=JSON
    )
    assert missing.status_code == 400
    assert "evidence_url" in missing.json()
    created = client.post(
        "/api/v1/link-checks/",
        {"attribution": relay.pk, "finding": "confirmed", "evidence_url": "https://ria.ru/x"},
        content_type=JSON,
    )
    assert created.status_code == 201
    url = f"/api/v1/link-checks/{created.json()['id']}/transitions/"
    assert client.post(url, {"action": "submit"}, content_type=JSON).json()["status"] == "submitted"
    refused = client.post(url, {"action": "publish"}, content_type=JSON)
    assert refused.status_code == 403
    assert "another editor must approve it" in refused.json()["detail"]
    client.force_login(editor2)
    assert (
        client.post(url, {"action": "publish"}, content_type=JSON).json()["status"] == "published"
    )
    client.logout()
    assert [c["finding"] for c in client.get("/api/v1/link-checks/").json()["results"]] == [
        "confirmed"
    ]


def test_readers_get_no_unpublished_findings_from_the_api(client, checked, editor):
    make_link_check(relay_of(checked), editor)
    assert client.get("/api/v1/link-checks/").json()["results"] == []
    assert client.post("/api/v1/link-checks/", {}, content_type=JSON).status_code in {401, 403}


def _chain_put(client, claim, links):
    claim.refresh_from_db()
    payload = json.dumps({"links": links, "version": claim.version})
    return client.put(f"/api/v1/claims/{claim.pk}/chain/", payload, content_type=JSON)


def _as_written(claim) -> list[dict]:
    return [
        {"role": link.role, "source": link.source_id, "text": link.text}
        for link in claim.chain.order_by("position")
    ]


@pytest.fixture
def researched():
    """A claim still being checked, its chain written: claimant, relay, publisher."""
    article = make_article(publisher=make_source("Kommersant"))
    claim = make_claim(article, claimant=make_source("Sergey Zheleznyak"))
    make_attribution(claim, claim.claimant, "said")
    make_attribution(claim, make_source("RIA Novosti"), "relayed_by", text="told RIA Novosti")
    make_attribution(claim, claim.article.publisher, "published_by")
    return claim


def test_rewriting_the_chain_keeps_the_findings_of_the_links_that_stay(client, researched, editor):
    checked = researched
    check = make_link_check(relay_of(checked), editor, note="Word for word.")
    client.force_login(editor)
    links = _as_written(checked)
    links.insert(1, {"role": "quoted_by", "text": "a press service"})
    response = _chain_put(client, checked, links)
    assert response.status_code == 200, response.content
    assert [link["role"] for link in response.json()] == [link["role"] for link in links]
    check.refresh_from_db()
    assert check.attribution.position == 2
    assert response.json()[2]["finding"]["note"] == "Word for word."


def test_a_chain_rewrite_that_drops_a_checked_link_is_refused(client, researched, editor):
    checked = researched
    make_link_check(relay_of(checked), editor)
    client.force_login(editor)
    without_relay = [link for link in _as_written(checked) if link["role"] != "relayed_by"]
    response = _chain_put(client, checked, without_relay)
    assert response.status_code == 409, response.content
    assert "would lose it" in response.json()["detail"]
    assert LinkCheck.objects.filter(attribution__claim=checked).count() == 1
    assert checked.chain.count() == 3


def test_an_edit_of_a_finding_based_on_an_older_version_is_refused(
    client, checked, editor, editor2
):
    check = make_link_check(relay_of(checked), editor, note="Word for word.")
    url = f"/api/v1/link-checks/{check.pk}/"
    client.force_login(editor)
    read = client.get(url)
    assert read["ETag"] == f'"{check.version}"'
    first = client.patch(url, {"note": "Mine.", "version": check.version}, content_type=JSON)
    assert first.status_code == 200, first.content
    client.force_login(editor2)
    second = client.patch(url, {"note": "Theirs.", "version": check.version}, content_type=JSON)
    assert second.status_code == 409
    assert second.json()["code"] == "stale"
    check.refresh_from_db()
    assert check.note == "Mine."


def test_approving_a_finding_that_changed_since_it_was_read_is_refused(
    client, checked, editor, editor2
):
    check = make_link_check(relay_of(checked), editor, note="Word for word.")
    read_by_approver = check.version
    check.note = "Changed after the approver read it."
    link_checks.save_draft(check, actor=editor)
    link_checks.submit(check, actor=editor)
    url = f"/api/v1/link-checks/{check.pk}/transitions/"
    client.force_login(editor2)
    stale = client.post(url, {"action": "publish", "version": read_by_approver}, content_type=JSON)
    assert stale.status_code == 409
    assert "after you opened it" in stale.json()["detail"]
    check.refresh_from_db()
    assert check.status == LinkCheckStatus.SUBMITTED
    fresh = client.post(url, {"action": "publish", "version": check.version}, content_type=JSON)
    assert fresh.json()["status"] == "published"


def test_the_admin_refuses_to_save_a_finding_over_a_newer_version(client, checked, editor):
    check = make_link_check(relay_of(checked), editor, note="Word for word.")
    client.force_login(editor)
    change_url = f"/admin/claims/linkcheck/{check.pk}/change/"
    form = client.get(change_url).context["adminform"].form
    check.note = "Saved by someone else meanwhile."
    link_checks.save_draft(check, actor=editor)
    data = {name: form[name].value() or "" for name in form.fields}
    data["note"] = "My edit."
    response = client.post(change_url, data)
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    check.refresh_from_db()
    assert check.note == "Saved by someone else meanwhile."


def test_the_admin_will_not_delete_a_link_that_carries_a_finding(client, researched, editor):
    make_link_check(relay_of(researched), editor)
    client.force_login(editor)
    url = f"/admin/claims/claim/{researched.pk}/change/"
    data = form_data(client.get(url).content.decode(), "claim_form")
    relay_id = [str(relay_of(researched).pk)]
    relay_row = next(
        key.removesuffix("-id")
        for key, values in data.items()
        if key.startswith("chain-") and key.endswith("-id") and values == relay_id
    )
    data[f"{relay_row}-DELETE"] = ["on"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "protected related objects" in response.content.decode()
    assert LinkCheck.objects.filter(attribution__claim=researched).count() == 1
    assert researched.chain.count() == 3


def test_extraction_run_again_keeps_a_detected_claim_whose_link_was_checked(
    editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(seed_article_text()).article
    relay = Attribution.objects.filter(claim__article=article).first()
    checked = relay.claim
    make_link_check(relay, editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert rerun_extraction(article)
    article.refresh_from_db()
    assert article.extraction_state == "done"
    assert Claim.objects.filter(pk=checked.pk).exists()
    assert LinkCheck.objects.filter(attribution__claim=checked).count() == 1
