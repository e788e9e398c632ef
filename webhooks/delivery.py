"""Sending a delivery: sign it (Standard Webhooks), POST it through the address guard, record
the answer; retry with exponential backoff for about a day, then pause the endpoint and say
why. An endpoint's owner replays a delivery or resumes a paused endpoint.

Each attempt is a ``django.tasks`` task. The database backend waits for a retry's time itself
(``run_after``); the immediate backend cannot, so there ``manage.py deliver_webhooks`` (run by
cron) sends what is due. It also sends what a queue that was down never took.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import default_task_backend, task
from django.utils import timezone
from standardwebhooks import Webhook

from articles.fetch import FetchError, post
from webhooks.addresses import allowed_address
from webhooks.models import Delivery, DeliveryStatus, Endpoint

logger = logging.getLogger(__name__)

RETRY_FACTOR = 3
LONGEST_WAIT = timedelta(hours=6)
TIMEOUT = 10.0  # seconds a consumer has to answer
# An attempt in flight keeps its delivery this long: neither the sweep nor a second worker
# sends it meanwhile; a worker that died mid-attempt leaves it to be picked up after.
LEASE = timedelta(seconds=60)
ERROR_MAX = 500
S = DeliveryStatus


def retry_delays() -> list[timedelta]:
    """The waits before each retry: the first wait, three times longer each time (at most six
    hours), for as long as they fit in the retry window (a day unless settings say otherwise)."""
    delays, wait = [], timedelta(seconds=settings.WEBHOOKS_FIRST_RETRY_SECONDS)
    window = timedelta(seconds=settings.WEBHOOKS_RETRY_WINDOW_SECONDS)
    while sum(delays, timedelta()) + wait <= window:
        delays.append(wait)
        wait = min(wait * RETRY_FACTOR, LONGEST_WAIT)
    return delays


@task
def deliver(delivery_id: int) -> None:
    attempt(delivery_id)


def queue(deliveries) -> None:
    """Queue each pending delivery's attempt for its time. A queue that is down loses nothing:
    the delivery is stored and the sweep sends it."""
    now = timezone.now()
    for delivery in deliveries:
        later = delivery.next_attempt_at > now
        if later and not default_task_backend.supports_defer:
            continue  # the immediate backend cannot wait: the sweep sends it when due
        job = deliver.using(run_after=delivery.next_attempt_at) if later else deliver
        try:
            job.enqueue(delivery.pk)
        except Exception:  # any backend's failure: the stored delivery waits for the sweep
            logger.exception("Could not queue webhook delivery %s", delivery.pk)


def queue_on_commit(deliveries) -> None:
    deliveries = list(deliveries)
    transaction.on_commit(lambda: queue(deliveries))


def attempt(delivery_id: int) -> None:
    """Send the delivery if it is still pending and due; record the answer."""
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, status=S.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE)
    if not claimed:
        return  # delivered, given up, held, not due yet, or another worker has it
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.endpoint.is_paused:
        Delivery.objects.filter(pk=delivery_id).update(status=S.HELD, next_attempt_at=None)
        return
    status_code, error = send(delivery)
    record(delivery, status_code, error)


def signed_headers(delivery: Delivery, body: bytes) -> dict[str, str]:
    sent_at = timezone.now()
    signature = Webhook(delivery.endpoint.secret).sign(delivery.message_id, sent_at, body)
    return {
        "Content-Type": "application/json",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signature,
    }


def send(delivery: Delivery) -> tuple[int | None, str]:
    """POST the delivery once: the answer's status (None if there was none) and what went
    wrong ("" for a 2xx)."""
    body = json.dumps(delivery.payload, ensure_ascii=False).encode()
    try:
        code = post(
            delivery.endpoint.url,
            body,
            headers=signed_headers(delivery, body),
            allowed=allowed_address,
            timeout=TIMEOUT,
        )
    except FetchError as failed:
        return None, str(failed)
    return code, "" if 200 <= code < 300 else f"The endpoint answered HTTP {code}."


def record(delivery: Delivery, status_code: int | None, error: str) -> None:
    """Mark the delivery delivered, or schedule its next retry, or give up and pause."""
    now = timezone.now()
    answer = {
        "attempts": F("attempts") + 1,
        "last_attempt_at": now,
        "last_status_code": status_code,
        "last_error": error[:ERROR_MAX],
    }
    this = Delivery.objects.filter(pk=delivery.pk)
    if not error:
        this.update(
            status=S.DELIVERED, delivered_at=now, next_attempt_at=None, failures=0, **answer
        )
        return
    failures, delays = delivery.failures + 1, retry_delays()
    with transaction.atomic():
        if failures <= len(delays):
            delivery.next_attempt_at = now + delays[failures - 1]
            this.update(failures=failures, next_attempt_at=delivery.next_attempt_at, **answer)
            queue_on_commit([delivery])
        else:
            this.update(failures=failures, status=S.FAILED, next_attempt_at=None, **answer)
            pause(delivery.endpoint, _why_paused(delivery, failures, error))


def _why_paused(delivery: Delivery, failures: int, error: str) -> str:
    return (
        f"Paused on {timezone.now():%Y-%m-%d %H:%M} UTC: message {delivery.message_id} "
        f"({delivery.event}) failed {failures} times in a row. Fix the endpoint and resume it; "
        f"what came meanwhile is held and sent then. The last error: {error}"
    )[:ERROR_MAX]


def pause(endpoint: Endpoint, reason: str) -> None:
    """Stop sending to the endpoint; what comes meanwhile is held for when it is resumed."""
    Endpoint.objects.filter(pk=endpoint.pk).update(paused_at=timezone.now(), paused_because=reason)
    Delivery.objects.filter(endpoint=endpoint, status=S.PENDING).update(
        status=S.HELD, next_attempt_at=None
    )


def resume(endpoint: Endpoint) -> int:
    """Send to the endpoint again, the deliveries held meanwhile first; returns how many."""
    with transaction.atomic():
        Endpoint.objects.filter(pk=endpoint.pk).update(paused_at=None, paused_because="")
        count = _send_again(Delivery.objects.filter(endpoint=endpoint, status=S.HELD))
    endpoint.paused_at, endpoint.paused_because = None, ""
    return count


def replay(deliveries) -> int:
    """Send the deliveries again now, with a fresh backoff (to a paused endpoint they are held
    until it is resumed); returns how many."""
    with transaction.atomic():
        return _send_again(deliveries)


def _send_again(deliveries) -> int:
    now = timezone.now()
    chosen = Delivery.objects.filter(pk__in=[d.pk for d in deliveries])
    count = chosen.update(status=S.PENDING, failures=0, next_attempt_at=now)
    queue_on_commit(chosen.all())
    return count


def deliver_due() -> int:
    """Attempt every pending delivery whose time has come (the sweep); returns how many."""
    due = Delivery.objects.filter(status=S.PENDING, next_attempt_at__lte=timezone.now())
    ids = list(due.order_by("next_attempt_at").values_list("pk", flat=True))
    for delivery_id in ids:
        attempt(delivery_id)
    return len(ids)
