"""The claim page in the admin: context, row-level permissions, workflow buttons, verdict and
evidence editing, preview and timeline — all through real admin HTTP requests."""

import re

import pytest
from django.urls import reverse

from claims import workflow
from claims.models import ClaimStatus, Evidence, Verdict
from tests.factories import make_claim, make_verdict, rating
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

S = ClaimStatus


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def act_url(claim, action):
    return reverse("admin:claims_claim_transition", args=[claim.pk, action])


def seen_on(page: str) -> str:
    """The claim's version the page's workflow buttons and links carry."""
    found = re.search(r'[?&]seen=(\d+)|name="seen" value="(\d+)"', page)
    return found.group(1) or found.group(2)


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def assigned(editor, reviewer):
    """A claim in progress, assigned to ``reviewer``."""
    claim = make_claim()
    workflow.triage(claim, actor=editor)
    return workflow.assign(claim, actor=editor, assignee=reviewer)


def test_the_quote_is_highlighted_in_its_paragraph(client, editor):
    claim = make_claim(quote="Police arrested 500 people at rallies in Almaty")
    page = login(client, editor).get(change_url(claim)).content.decode()
    assert (
        "according to early results. <mark>Police arrested 500 people at rallies in Almaty</mark>."
        in page
    )


def test_the_buttons_are_exactly_the_transitions_this_person_may_take(client, editor):
    claim = make_claim()
    page = login(client, editor).get(change_url(claim)).content.decode()
    assert act_url(claim, "triage") in page
    assert act_url(claim, "dismiss") in page
    for action in ["assign", "submit", "request_changes", "publish", "correct", "retract"]:
        assert act_url(claim, action) not in page


def test_a_reviewer_sees_another_reviewers_claim_read_only(client, assigned, reviewer2):
    response = login(client, reviewer2).get(change_url(assigned))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="statement"' not in page
    assert "Reviewers edit only the claims assigned to them" in page
    assert 'name="_save"' not in page


def test_a_reviewer_cannot_save_another_reviewers_claim_by_url(
    client, assigned, reviewer, reviewer2
):
    data = form_data(
        login(client, reviewer).get(change_url(assigned)).content.decode(), "claim_form"
    )
    data["statement"] = ["Hijacked statement"]
    client.force_login(reviewer2)

    response = client.post(change_url(assigned), data)

    assert response.status_code == 403
    assigned.refresh_from_db()
    assert assigned.statement != "Hijacked statement"


def test_a_reviewer_cannot_add_evidence_to_another_reviewers_claim_elsewhere(client, reviewer2):
    login(client, reviewer2)
    assert client.get(reverse("admin:claims_evidence_add")).status_code == 403
    assert client.get(reverse("admin:claims_verdict_add")).status_code == 403


def test_the_assigned_reviewer_adds_evidence_and_a_verdict_on_the_claim_page(
    client, assigned, reviewer
):
    page = login(client, reviewer).get(change_url(assigned)).content.decode()
    data = form_data(page, "claim_form")
    data.update(
        {
            "statement": ["Tokayev won with nearly 71% of the vote."],
            "evidence-TOTAL_FORMS": ["1"],
            "evidence-0-url": ["https://www.election.gov.kz/results"],
            "evidence-0-title": ["Official results"],
            "evidence-0-stance": ["supports"],
            "verdict-0-rating": [str(rating("mostly-true").pk)],
            "verdict-0-summary": ["The commission reported 70.96%."],
            "verdict-0-body": ["See **table 2**."],
        }
    )

    response = client.post(change_url(assigned), data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assigned.refresh_from_db()
    assert assigned.statement == "Tokayev won with nearly 71% of the vote."
    evidence = Evidence.objects.get(claim=assigned)
    assert evidence.added_by == reviewer
    verdict = Verdict.objects.get(claim=assigned)
    assert (verdict.author, verdict.body_html) == (
        reviewer,
        "<p>See <strong>table 2</strong>.</p>\n",
    )


def test_a_one_click_transition_goes_through_the_workflow(client, editor):
    claim = make_claim()
    response = login(client, editor).post(act_url(claim, "triage"), follow=True)
    claim.refresh_from_db()
    assert claim.status == S.QUEUED
    assert "Done. The claim is now queued." in response.content.decode()
    assert claim.events.get().actor == editor


def test_a_refused_transition_shows_the_workflows_message(client, reviewer):
    claim = make_claim()
    response = login(client, reviewer).post(act_url(claim, "triage"), follow=True)
    assert "Only an editor can triage." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == S.DETECTED


def test_dismissing_asks_for_a_reason(client, editor):
    claim = make_claim()
    login(client, editor)
    page = client.get(act_url(claim, "dismiss")).content.decode()
    assert 'name="comment"' in page
    assert ">Reason:</label>" in page

    response = client.post(act_url(claim, "dismiss"), {"comment": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()

    client.post(act_url(claim, "dismiss"), {"comment": "An opinion."})
    claim.refresh_from_db()
    assert claim.status == S.DISMISSED


def test_approving_ones_own_verdict_shows_the_four_eyes_message(client, editor, editor2):
    claim = make_claim()
    workflow.triage(claim, actor=editor2)
    workflow.assign(claim, actor=editor2, assignee=editor)
    make_verdict(claim, editor)
    workflow.submit(claim, actor=editor)

    response = login(client, editor).post(act_url(claim, "publish"), follow=True)

    assert "You wrote this verdict; another editor must approve it." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW


def test_the_preview_renders_through_the_public_sanitiser(client, reviewer):
    response = login(client, reviewer).post(
        reverse("admin:claims_claim_preview"),
        {"body": "**bold** <script>alert(1)</script> [x](javascript:alert(1))"},
    )
    html = response.json()["html"]
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert 'href="javascript' not in html


def test_the_preview_is_for_the_desk_only(client, outsider):
    response = login(client, outsider).post(reverse("admin:claims_claim_preview"), {"body": "x"})
    assert response.status_code == 302  # to the admin login


def test_the_timeline_shows_events_and_edits_with_who(client, assigned, editor, reviewer):
    assigned.statement = "A rewritten statement."
    assigned._history_user = reviewer
    assigned.save()
    page = login(client, editor).get(change_url(assigned)).content.decode()
    assert "Assign: Queued → In progress" in page
    assert "assigned to rosa" in page
    assert "Claim changed" in page
    assert "A rewritten statement." in page


def test_the_issue_scenario_from_triage_to_publication(client, editor, editor2, reviewer):
    """The editor triages and assigns; the reviewer researches and submits; a second editor asks
    for changes, then approves and publishes; the public page exists."""
    claim = make_claim()
    login(client, editor)
    client.post(act_url(claim, "triage"))
    client.post(act_url(claim, "assign"), {"assignee": reviewer.pk})

    page = login(client, reviewer).get(change_url(claim)).content.decode()
    data = form_data(page, "claim_form")
    data.update(
        {
            "evidence-TOTAL_FORMS": ["2"],
            "evidence-0-url": ["https://www.election.gov.kz/results"],
            "evidence-0-stance": ["supports"],
            "evidence-1-url": ["https://www.osce.org/odihr/elections/kazakhstan"],
            "evidence-1-stance": ["context"],
            "verdict-0-rating": [str(rating("mostly-true").pk)],
            "verdict-0-summary": ["The official count was 70.96%."],
        }
    )
    assert client.post(change_url(claim), data).status_code == 302
    assert "Only an editor can approve and publish." in (
        client.post(act_url(claim, "publish"), follow=True).content.decode()
    )
    client.post(act_url(claim, "submit"))

    login(client, editor2)
    client.post(act_url(claim, "request_changes"), {"comment": "Add the OSCE report."})
    claim.refresh_from_db()
    assert claim.status == S.IN_PROGRESS
    login(client, reviewer).post(act_url(claim, "submit"))
    login(client, editor2).post(act_url(claim, "publish"))

    claim.refresh_from_db()
    assert claim.status == S.PUBLISHED
    assert claim.evidence.count() == 2
    assert claim.verdict.approved_by == editor2
    assert claim in type(claim).objects.published()


def test_saving_the_claim_without_a_verdict_creates_no_empty_verdict(client, editor):
    claim = make_claim()
    data = form_data(login(client, editor).get(change_url(claim)).content.decode(), "claim_form")
    data["statement"] = ["Only the statement changes."]

    assert client.post(change_url(claim), data).status_code == 302
    assert not Verdict.objects.filter(claim=claim).exists()


def test_the_page_says_why_a_button_is_not_available_yet(client, assigned, reviewer):
    page = login(client, reviewer).get(change_url(assigned)).content.decode()
    assert "Write a verdict with a rating and a summary before submitting it for review." in page
    assert act_url(assigned, "submit") not in page


def test_the_assign_page_shows_each_reviewers_current_load(client, assigned, editor):
    claim = workflow.triage(make_claim(), actor=editor)
    page = login(client, editor).get(act_url(claim, "assign")).content.decode()
    assert "rosa (rosa) · 1 in progress" in page
    assert "ravi" not in page  # not a member of the desk in this test


def test_an_outsider_cannot_be_assigned(client, assigned, editor, outsider):
    claim = workflow.triage(make_claim(), actor=editor)
    response = login(client, editor).post(act_url(claim, "assign"), {"assignee": outsider.pk})
    assert "Select a valid choice." in response.content.decode()


def test_only_editors_add_claims_by_hand(client, editor, reviewer):
    assert login(client, reviewer).get(reverse("admin:claims_claim_add")).status_code == 403
    assert login(client, editor).get(reverse("admin:claims_claim_add")).status_code == 200


def test_an_old_version_can_be_read_but_not_restored(client, editor):
    claim = make_claim()
    first_version = claim.history.get()
    workflow.triage(claim, actor=editor)
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, first_version.history_id])
    login(client, editor)

    assert client.get(url).status_code == 200
    assert client.post(url, {"statement": claim.statement}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == S.QUEUED


def test_approving_a_verdict_that_changed_after_the_page_was_read_is_refused(
    client, editor, editor2, reviewer
):
    """The editor reads the claim page; the reviewer's verdict then changes; the editor's
    "Approve and publish" click is refused and names the change, and nothing is published."""
    claim = make_claim()
    workflow.triage(claim, actor=editor2)
    workflow.assign(claim, actor=editor2, assignee=reviewer)
    make_verdict(claim, reviewer)
    workflow.submit(claim, actor=reviewer)
    seen = seen_on(login(client, editor).get(change_url(claim)).content.decode())

    verdict = claim.verdict
    verdict.summary = "Changed after the editor read it."
    verdict._history_user = editor2
    verdict.save()
    response = client.post(act_url(claim, "publish"), {"seen": seen})

    text = response.content.decode()
    assert "elias changed this verdict on" in text
    assert "summary is now “Changed after the editor read it.”" in text
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW


def test_approving_what_was_read_goes_through(client, editor, editor2, reviewer):
    claim = make_claim()
    workflow.triage(claim, actor=editor2)
    workflow.assign(claim, actor=editor2, assignee=reviewer)
    make_verdict(claim, reviewer)
    workflow.submit(claim, actor=reviewer)
    seen = seen_on(login(client, editor).get(change_url(claim)).content.decode())

    client.post(act_url(claim, "publish"), {"seen": seen})

    claim.refresh_from_db()
    assert claim.status == S.PUBLISHED
