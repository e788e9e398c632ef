"""Webhooks on a real queue: a `manage.py db_worker` process sends the delivery the approval
stored, and after forced 500s retries it at the backoff's times (``run_after``) by itself, with
no sweep and nobody acting."""

import time
from itertools import pairwise

import pytest
from django.test import override_settings

from claims import workflow
from tests.factories import make_checked_claim
from tests.postgres import only_on_postgres
from tests.webhook_receiver import Receiver
from tests.workers import db_workers
from webhooks.models import Delivery, Endpoint

pytestmark = [*only_on_postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
# Short waits, so the retries come within the test: after 1 s, then 3 s (production: 10 s, 30 s…)
RETRIES = {"WEBHOOKS_FIRST_RETRY_SECONDS": "1", "WEBHOOKS_RETRY_WINDOW_SECONDS": "4"}


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    WEBHOOKS_ALLOW_LOOPBACK=True,
)
def test_a_worker_delivers_and_retries_at_the_backoffs_times(tmp_path, editor, editor2, reviewer):
    claim = make_checked_claim(editor=editor, reviewer=reviewer)
    with (
        Receiver() as receiver,
        db_workers(tmp_path, WEBHOOKS_ALLOW_LOOPBACK="true", **RETRIES) as start_worker,
    ):
        endpoint = Endpoint.objects.create(
            owner=editor, url=receiver.url, events=["verdict.corrected"]
        )
        receiver.secret, receiver.answers = endpoint.secret, [500, 500]
        workflow.correct(claim, actor=editor, note="The figure was revised.", summary="Revised")
        workflow.approve_correction(claim, actor=editor2)
        delivery = Delivery.objects.get()
        assert (delivery.status, receiver.received) == ("pending", []), "queued, not sent here"

        start_worker()
        messages = receiver.wait_for(3, timeout=60)

    assert [message.answered for message in messages] == [500, 500, 200]
    assert all(message.payload["type"] == "verdict.corrected" for message in messages)
    gaps = [later.at - earlier.at for earlier, later in pairwise(messages)]
    assert 1 <= gaps[0] < 3 <= gaps[1] < 6, gaps
    deadline = time.monotonic() + 10  # the worker records the answer just after sending
    while delivery.status != "delivered" and time.monotonic() < deadline:
        time.sleep(0.05)
        delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 3, 200)
