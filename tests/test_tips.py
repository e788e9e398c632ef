"""Readers send claims to check and report errors; editors triage the tips; a reader who left an
email is told once the claim they sent is published."""

import pytest
from django.core import mail
from django.urls import reverse

from claims import workflow
from claims.models import Claim, ClaimStatus
from tests.factories import make_claim, make_published_claim, make_verdict
from tips.limits import TIPS_PER_HOUR
from tips.models import Tip, TipKind, TipStatus

pytestmark = pytest.mark.django_db

SUGGEST = reverse("tips:suggest")
TIP = {
    "text": "The mayor said the new metro line carried 2 million people in its first week.",
    "where_seen": "City TV evening news, 3 June",
    "url": "https://citytv.example/news/metro",
    "email": "reader@example.org",
}


def test_a_reader_suggests_a_claim_and_it_is_stored_at_once(client):
    response = client.post(SUGGEST, TIP)
    assert response.status_code == 302
    assert response.url == reverse("tips:thanks")
    tip = Tip.objects.get()
    assert (tip.kind, tip.status, tip.email) == (TipKind.CLAIM, TipStatus.NEW, TIP["email"])


def test_the_form_names_what_is_missing_or_too_long(client):
    response = client.post(SUGGEST, {**TIP, "text": "", "email": "not an address"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"text", "email"}
    response = client.post(SUGGEST, {**TIP, "text": "x" * 2001})
    assert "at most 2000 characters" in response.content.decode()
    assert not Tip.objects.exists()


def test_a_bot_filling_the_hidden_field_is_thanked_and_nothing_is_stored(client):
    response = client.post(SUGGEST, {**TIP, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Tip.objects.exists()


def test_a_burst_from_one_address_is_refused_after_the_limit(client):
    for _ in range(TIPS_PER_HOUR):
        assert client.post(SUGGEST, TIP).status_code == 302
    response = client.post(SUGGEST, TIP)
    assert response.status_code == 429
    assert "several messages from your address" in response.content.decode()
    assert Tip.objects.count() == TIPS_PER_HOUR
    other = client.post(SUGGEST, TIP, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_an_error_report_is_tied_to_its_fact_check(client, editor, reviewer):
    checked = make_published_claim(editor=editor, reviewer=reviewer)
    page = client.get(checked.get_absolute_url()).content.decode()
    url = reverse("tips:report_error", args=[checked.pk])
    assert url in page
    client.post(url, {"text": "The turnout was 77.4%, not 77.5%.", "where_seen": ""})
    tip = Tip.objects.get()
    assert (tip.kind, tip.claim) == (TipKind.ERROR, checked)


def test_errors_cannot_be_reported_on_unpublished_claims(client):
    claim = make_claim()
    response = client.get(reverse("tips:report_error", args=[claim.pk]))
    assert response.status_code == 404


def test_an_editor_turns_a_tip_into_a_claim_in_one_click(client, editor):
    client.post(SUGGEST, TIP)
    tip = Tip.objects.get()
    client.force_login(editor)
    response = client.post(
        reverse("admin:tips_tip_changelist"),
        {"action": "turn_into_claims", "_selected_action": [tip.pk]},
        follow=True,
    )
    assert "Made 1 claim" in response.content.decode()
    tip.refresh_from_db()
    claim = tip.claim
    assert tip.status == TipStatus.CLAIMED
    assert (claim.status, claim.statement) == (ClaimStatus.DETECTED, TIP["text"])
    assert claim.attribution_phrase == "a reader's tip, seen City TV evening news, 3 June"
    assert claim.article.body[claim.start : claim.end] == TIP["text"]


def test_an_editor_dismisses_tips_with_a_reason(client, editor):
    client.post(SUGGEST, TIP)
    tip = Tip.objects.get()
    client.force_login(editor)
    changelist = reverse("admin:tips_tip_changelist")
    data = {"action": "dismiss_tips", "_selected_action": [tip.pk]}
    page = client.post(changelist, data).content.decode()
    assert 'name="reason"' in page
    client.post(changelist, {**data, "confirm": "yes", "reason": "An opinion."})
    tip.refresh_from_db()
    assert (tip.status, tip.dismissed_because, tip.handled_by) == (
        TipStatus.DISMISSED,
        "An opinion.",
        editor,
    )


def test_the_reader_is_told_once_when_their_claim_is_published(
    client, editor, editor2, reviewer, django_capture_on_commit_callbacks
):
    client.post(SUGGEST, TIP)
    claim = make_claim()
    Tip.objects.update(claim=claim, status=TipStatus.LINKED)
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer)
    workflow.submit(claim, actor=reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(claim, actor=editor2)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [TIP["email"]]
    assert claim.get_absolute_url() in message.body
    assert Tip.objects.get().notified_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        workflow.correct(claim, actor=editor, note="Typo.", summary="Fixed.")
        workflow.approve_correction(Claim.objects.get(pk=claim.pk), actor=editor2)
    assert len(mail.outbox) == 1
