"""No lost updates in the admin: two people open the same claim; the second save is refused,
names who saved first and when, and keeps the second person's input."""

import pytest
from django.test import Client
from django.urls import reverse

from claims import workflow
from claims.models import Claim, Verdict
from tests.factories import make_claim, make_verdict
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def open_claim(user, claim) -> tuple[Client, dict]:
    """A browser session of ``user`` with the claim's change form loaded."""
    browser = Client()
    browser.force_login(user)
    page = browser.get(change_url(claim)).content.decode()
    return browser, form_data(page, "claim_form")


def test_the_second_of_two_saves_is_refused_and_keeps_its_input(editor, editor2):
    claim = make_claim()
    first, first_form = open_claim(editor, claim)
    second, second_form = open_claim(editor2, claim)

    first_form["statement"] = ["Tokayev won about 71% of the vote."]
    assert first.post(change_url(claim), first_form).status_code == 302
    second_form["statement"] = ["Tokayev won a landslide."]
    response = second.post(change_url(claim), second_form)

    assert response.status_code == 200
    page = response.content.decode()
    assert "erin changed this claim on" in page
    assert "after you opened it: statement is now “Tokayev won about 71% of the vote.”" in page
    assert "Your changes were not saved" in page
    assert "Tokayev won a landslide." in page  # the second person's input is still there
    assert Claim.objects.get(pk=claim.pk).statement == "Tokayev won about 71% of the vote."


def test_saving_again_after_reading_the_refusal_replaces_the_newer_version(editor, editor2):
    claim = make_claim()
    first, first_form = open_claim(editor, claim)
    second, second_form = open_claim(editor2, claim)
    first_form["statement"] = ["First."]
    first.post(change_url(claim), first_form)
    second_form["statement"] = ["Second."]
    refused = second.post(change_url(claim), second_form).content.decode()

    resubmitted = second.post(change_url(claim), form_data(refused, "claim_form"))

    assert resubmitted.status_code == 302
    assert Claim.objects.get(pk=claim.pk).statement == "Second."


def test_a_stale_verdict_draft_is_refused_too(editor, reviewer):
    claim = make_claim()
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer)
    reviewer_tab, reviewer_form = open_claim(reviewer, claim)
    editor_tab, editor_form = open_claim(editor, claim)

    editor_form["verdict-0-summary"] = ["The count was 70.96%, per the commission."]
    assert editor_tab.post(change_url(claim), editor_form).status_code == 302
    reviewer_form["verdict-0-summary"] = ["Roughly right."]
    response = reviewer_tab.post(change_url(claim), reviewer_form)

    page = response.content.decode()
    assert response.status_code == 200
    assert "erin changed this verdict on" in page
    assert "summary is now “The count was 70.96%, per the commission.”" in page
    assert "Roughly right." in page
    assert Verdict.objects.get(claim=claim).summary == "The count was 70.96%, per the commission."


def test_a_workflow_transition_makes_an_open_form_stale(editor, editor2):
    claim = make_claim()
    tab, form = open_claim(editor2, claim)
    workflow.triage(Claim.objects.get(pk=claim.pk), actor=editor)

    form["statement"] = ["Changed after triage."]
    response = tab.post(change_url(claim), form)

    assert response.status_code == 200
    page = response.content.decode()
    assert "erin changed this claim on" in page
    assert "after you opened it: triage." in page
