"""Approve now, publish later: a verdict scheduled for a time stays out of every public page,
feed, sitemap and API answer until then (the public querysets compare it with now), and the
task queue refreshes the public pages when it comes. Publishing asks for confirmation first."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from claims import workflow
from claims.models import Claim, ClaimStatus
from claims.signals import claim_published
from claims.tasks import go_public
from tests.api_support import API, as_user, call
from tests.factories import make_claim, make_claim_in_review

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def in_review(editor, reviewer):
    claim = make_claim(statement="Turnout was 77 percent")
    return make_claim_in_review(editor=editor, reviewer=reviewer, claim=claim)


def public_urls(claim):
    return {
        "page": claim.get_absolute_url(),
        "list": "/claims/",
        "rss": "/feeds/claims.rss",
        "atom": "/feeds/claims.atom",
        "sitemap": "/sitemap.xml",
        "api": f"{API}/claims/",
    }


def seen_by_readers(client, claim) -> dict[str, bool]:
    shown = {}
    for name, url in public_urls(claim).items():
        response = client.get(url)
        shown[name] = response.status_code == 200 and claim.get_absolute_url() in (
            response.content.decode() if name != "page" else claim.get_absolute_url()
        )
    return shown


def test_a_scheduled_verdict_is_approved_now_and_public_only_from_its_time(
    client, editor2, in_review
):
    at = timezone.now() + timedelta(hours=2)
    workflow.publish(in_review, actor=editor2, publish_at=at)
    in_review.refresh_from_db()
    assert in_review.status == ClaimStatus.PUBLISHED
    assert in_review.verdict.approved_by == editor2
    assert not Claim.objects.published().filter(pk=in_review.pk).exists()
    assert not any(seen_by_readers(client, in_review).values())

    with time_machine.travel(at + timedelta(seconds=1)):
        go_public.call(in_review.pk)  # what the task queue runs at that time
        assert Claim.objects.published().filter(pk=in_review.pk).exists()
        assert all(seen_by_readers(client, in_review).values())


def test_a_time_already_past_is_refused_and_nothing_changes(editor2, in_review):
    with pytest.raises(workflow.TransitionRefused, match="time has passed"):
        workflow.publish(in_review, actor=editor2, publish_at=timezone.now() - timedelta(1))
    in_review.refresh_from_db()
    assert in_review.status == ClaimStatus.IN_REVIEW


@override_settings(TASKS=DATABASE_TASKS)
def test_the_task_queue_refreshes_the_public_pages_at_the_publication_time(
    editor2, in_review, django_capture_on_commit_callbacks
):
    announced = []

    def listen(claim, **_):
        announced.append(claim.pk)

    claim_published.connect(listen)  # weakly: gone with this test
    at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(in_review, actor=editor2, publish_at=at)
    queued = DBTaskResult.objects.get(task_path="claims.tasks.go_public")
    assert (queued.run_after, queued.args_kwargs["args"]) == (at, [in_review.pk])
    assert announced == []  # readers who sent the claim hear of it when it is public

    with time_machine.travel(at + timedelta(seconds=1)):
        go_public.call(in_review.pk)
    assert announced == [in_review.pk]


def test_approve_and_publish_asks_for_confirmation_and_offers_a_time(client, editor2, in_review):
    client.force_login(editor2)
    change = client.get(reverse("admin:claims_claim_change", args=[in_review.pk])).content
    act = reverse("admin:claims_claim_transition", args=[in_review.pk, "publish"])
    assert f'href="{act}?seen='.encode() in change  # a link to a page, not a one-click form
    page = client.get(act).content.decode()
    assert in_review.verdict.summary in page
    assert 'type="datetime-local" name="publish_at"' in page
    assert 'value="Approve and publish"' in page

    at = timezone.localtime() + timedelta(days=1)
    response = client.post(act, {"publish_at": at.strftime("%Y-%m-%dT%H:%M")}, follow=True)
    assert "Approved. The fact check goes public on" in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == ClaimStatus.PUBLISHED
    assert in_review.verdict.published_at == at.replace(second=0, microsecond=0)
    assert in_review.scheduled_for is not None
    preview = client.get(in_review.get_absolute_url()).content.decode()
    assert "is approved and goes public on" in preview


def test_a_past_time_in_the_admin_is_refused_with_the_reason(client, editor2, in_review):
    client.force_login(editor2)
    act = reverse("admin:claims_claim_transition", args=[in_review.pk, "publish"])
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page = client.post(act, {"publish_at": past}).content.decode()
    assert "The publication time has passed" in page
    in_review.refresh_from_db()
    assert in_review.status == ClaimStatus.IN_REVIEW


def test_the_api_schedules_publication_through_the_transition_endpoint(client, editor2, in_review):
    at = timezone.now() + timedelta(hours=3)
    url = f"{API}/claims/{in_review.pk}/transitions/"
    payload = {"action": "publish", "publish_at": at.isoformat()}
    response = call(as_user(client, editor2), "POST", url, payload)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert response.json()["page_url"] is None  # not public yet
    client.logout()
    assert call(client, "GET", f"{API}/claims/{in_review.pk}/").status_code == 404

    wrong = call(as_user(client, editor2), "POST", url, {"action": "triage", "publish_at": "x"})
    assert wrong.status_code == 400
    assert "publish_at" in wrong.json()
