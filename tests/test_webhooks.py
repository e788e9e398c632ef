"""Webhooks: a consumer registers an endpoint with their token; each event reaches it signed
(Standard Webhooks), checked by a real receiver on loopback; failures are retried with backoff,
then the endpoint is paused and its owner told why.

Loopback is allowed explicitly (settings.WEBHOOKS_ALLOW_LOOPBACK), as the URL-ingest tests
allow it for their own server; everything else goes through the production address guard.
"""

import time
from datetime import timedelta

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token
from standardwebhooks import Webhook

from claims import link_checks, workflow
from tests.api_support import API, call
from tests.factories import (
    make_attribution,
    make_checked_claim,
    make_claim,
    make_correction,
    make_link_check,
    make_source,
    make_user,
)
from tests.webhook_receiver import Receiver
from webhooks.delivery import deliver, retry_delays
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db
HOOKS = f"{API}/webhooks"


@pytest.fixture
def loopback(settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True


@pytest.fixture
def receiver(loopback):
    with Receiver() as running:
        yield running


@pytest.fixture
def consumer(db):
    return make_user("carla")


def token_for(user) -> dict:
    return {"authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def register(client, user, url, events, **fields):
    data = {"url": url, "events": events, **fields}
    return call(client, "POST", f"{HOOKS}/endpoints/", data, **token_for(user))


@pytest.fixture
def subscribe(client, consumer, receiver):
    """Register the receiver for ``events`` through the API, as the consumer; it learns the
    endpoint's secret from the answer, as a consumer does."""

    def subscribe(*events: str) -> Endpoint:
        response = register(client, consumer, receiver.url, list(events), description="Desk")
        assert response.status_code == 201, response.content
        receiver.secret = response.json()["secret"]
        return Endpoint.objects.get(pk=response.json()["id"])

    return subscribe


@pytest.fixture
def published(editor, reviewer):
    return make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77.4%")


def later(seconds: float):
    """The clock moved on, as cron finds it: the next sweep is due."""
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=True)


# --- the target -------------------------------------------------------------------------------


def test_a_consumer_receives_verdict_corrected_signed_and_retried_after_500s(
    client, subscribe, receiver, published, editor, editor2, django_capture_on_commit_callbacks
):
    """The issue's target: within 5 s of the second approval, signature verified; two forced
    500s, retried with backoff (10 s, then 30 s) until it is taken."""
    endpoint = subscribe("verdict.corrected")
    workflow.correct(published, actor=editor, note="The turnout was 77.5%.", summary="77.5%")
    receiver.answers = [500, 500]

    approved = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = call(
            client,
            "POST",
            f"{API}/claims/{published.pk}/transitions/",
            {"action": "approve_correction"},
            **token_for(editor2),
        )
    assert response.status_code == 200
    first = receiver.wait_for(1)[0]
    assert first.payload is not None, "the signature verifies with the endpoint's secret"
    assert first.at - approved < 5
    assert first.payload["type"] == "verdict.corrected"
    assert first.payload["data"]["claim"]["id"] == published.pk
    assert first.payload["data"]["correction"]["changes"]["summary"][1] == "77.5%"
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(seconds=10)

    call_command("deliver_webhooks")  # not due yet: nothing sent
    assert len(receiver.received) == 1
    with later(11):
        call_command("deliver_webhooks")
        with later(31):
            call_command("deliver_webhooks")
            third = receiver.wait_for(3)
            delivery.refresh_from_db()

    assert [message.answered for message in third] == [500, 500, 200]
    assert all(message.payload == first.payload for message in third), "each signed anew"
    assert {message.headers["webhook-id"] for message in third} == {delivery.message_id}
    assert len({message.headers["webhook-timestamp"] for message in third}) == 3
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 3, 200)


# --- giving up, pausing, resuming, replaying --------------------------------------------------


@pytest.fixture
def short_retries(settings):
    """Retries after 1 s and 3 s, then the window (4 s) is spent: three attempts in all."""
    settings.WEBHOOKS_FIRST_RETRY_SECONDS = 1
    settings.WEBHOOKS_RETRY_WINDOW_SECONDS = 4


def correct(claim, *, editor, editor2, callbacks, summary):
    with callbacks(execute=True):
        make_correction(claim, drafter=editor, approver=editor2, summary=summary)


def test_an_endpoint_failing_all_day_is_paused_and_its_owner_sees_why(
    client,
    subscribe,
    receiver,
    consumer,
    published,
    editor,
    editor2,
    short_retries,
    django_capture_on_commit_callbacks,
):
    endpoint = subscribe("verdict.corrected")
    receiver.answers = [500] * 3
    correct(
        published,
        editor=editor,
        editor2=editor2,
        callbacks=django_capture_on_commit_callbacks,
        summary="First fix",
    )
    with later(1.5):
        call_command("deliver_webhooks")
        with later(3.5):
            call_command("deliver_webhooks")
    assert [message.answered for message in receiver.wait_for(3)] == [500, 500, 500]
    failed = Delivery.objects.get(endpoint=endpoint)
    assert (failed.status, failed.attempts) == ("failed", 3)

    shown = call(client, "GET", f"{HOOKS}/endpoints/{endpoint.pk}/", **token_for(consumer)).json()
    assert shown["paused_at"] is not None
    assert "failed 3 times" in shown["paused_because"]
    assert "HTTP 500" in shown["paused_because"]

    # While paused, what happens is held, not sent.
    correct(
        published,
        editor=editor2,
        editor2=editor,
        callbacks=django_capture_on_commit_callbacks,
        summary="Second fix",
    )
    held = Delivery.objects.exclude(pk=failed.pk).get(endpoint=endpoint)
    assert held.status == "held"
    assert len(receiver.received) == 3

    # The consumer fixes their side and resumes: the held message goes out.
    with django_capture_on_commit_callbacks(execute=True):
        resumed = call(
            client, "POST", f"{HOOKS}/endpoints/{endpoint.pk}/resume/", **token_for(consumer)
        )
    assert resumed.status_code == 200
    assert resumed.json()["paused_at"] is None
    fourth = receiver.wait_for(4)[3]
    assert fourth.payload["data"]["correction"]["changes"]["summary"][1] == "Second fix"
    held.refresh_from_db()
    assert held.status == "delivered"

    # And replays the one that was given up: same message id, delivered now.
    with django_capture_on_commit_callbacks(execute=True):
        replayed = call(
            client, "POST", f"{HOOKS}/deliveries/{failed.pk}/replay/", **token_for(consumer)
        )
    assert replayed.status_code == 200
    assert receiver.wait_for(5)[4].headers["webhook-id"] == failed.message_id
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_status_code) == ("delivered", 4, 200)


def test_the_retry_schedule_is_exponential_and_spans_about_a_day():
    delays = [delay.total_seconds() for delay in retry_delays()]
    assert delays[:5] == [10, 30, 90, 270, 810]
    assert max(delays) == 6 * 3600
    assert 20 * 3600 < sum(delays) <= 24 * 3600


def test_a_delivery_is_stored_first_and_sent_by_the_sweep_when_the_queue_never_ran_it(
    settings, subscribe, receiver, published, editor, editor2, django_capture_on_commit_callbacks
):
    """With the database backend and no worker running, the delivery waits in the queue; the
    sweep sends it, and the worker that comes later sends nothing twice."""
    endpoint = subscribe("verdict.corrected")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    correct(
        published,
        editor=editor,
        editor2=editor2,
        callbacks=django_capture_on_commit_callbacks,
        summary="Fixed",
    )
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert (delivery.status, receiver.received) == ("pending", [])

    call_command("deliver_webhooks")
    assert receiver.wait_for(1)[0].payload["type"] == "verdict.corrected"
    deliver.call(delivery.pk)  # the queued task, run late by a worker
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(receiver.received)) == ("delivered", 1, 1)


def test_the_address_is_checked_again_on_each_delivery(
    settings, subscribe, receiver, published, editor, editor2, django_capture_on_commit_callbacks
):
    endpoint = subscribe("verdict.corrected")
    settings.WEBHOOKS_ALLOW_LOOPBACK = False  # as if the name now pointed somewhere internal
    correct(
        published,
        editor=editor,
        editor2=editor2,
        callbacks=django_capture_on_commit_callbacks,
        summary="Fixed",
    )
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert "internal address" in delivery.last_error
    assert (delivery.status, delivery.last_status_code, receiver.received) == ("pending", None, [])


def test_a_delivery_whose_worker_died_mid_attempt_is_sent_by_the_sweep_after_its_lease(
    subscribe, receiver
):
    endpoint = subscribe("claim.published")
    in_flight = Delivery.objects.create(
        endpoint=endpoint,
        event="claim.published",
        payload={"type": "claim.published"},
        next_attempt_at=timezone.now() + timedelta(seconds=60),  # the dead worker's lease
    )
    call_command("deliver_webhooks")
    assert receiver.received == []
    with later(61):
        call_command("deliver_webhooks")
    assert receiver.wait_for(1)[0].headers["webhook-id"] == in_flight.message_id


def test_a_deactivated_consumer_is_sent_nothing(
    subscribe, receiver, consumer, editor, reviewer, django_capture_on_commit_callbacks
):
    subscribe("claim.published")
    consumer.is_active = False
    consumer.save()
    with django_capture_on_commit_callbacks(execute=True):
        make_checked_claim(editor=editor, reviewer=reviewer)
    assert not Delivery.objects.exists()


def test_a_rotated_secret_signs_what_follows(
    client, subscribe, receiver, consumer, editor, reviewer, django_capture_on_commit_callbacks
):
    endpoint = subscribe("claim.published")
    old = receiver.secret
    url = f"{HOOKS}/endpoints/{endpoint.pk}/rotate-secret/"
    rotated = call(client, "POST", url, **token_for(consumer))
    assert rotated.status_code == 200
    assert rotated.json()["secret"] not in {old, ""}
    with django_capture_on_commit_callbacks(execute=True):
        make_checked_claim(editor=editor, reviewer=reviewer)
    message = receiver.wait_for(1)[0]
    assert message.payload is None, "the old secret no longer verifies"
    verified = Webhook(rotated.json()["secret"]).verify(message.body, message.headers)
    assert verified["type"] == "claim.published"


# --- what each event says -----------------------------------------------------------------------


def test_claim_published_carries_the_public_claim_and_its_claimreview(
    subscribe, receiver, editor, reviewer, django_capture_on_commit_callbacks
):
    subscribe("claim.published")
    with django_capture_on_commit_callbacks(execute=True):
        claim = make_checked_claim(editor=editor, reviewer=reviewer, statement="Tokayev won")
    data = receiver.wait_for(1)[0].payload["data"]
    assert data["claim"]["id"] == claim.pk
    assert data["claim"]["url"].endswith(claim.get_absolute_url())
    assert data["claim"]["api_url"].endswith(f"{API}/claims/{claim.pk}/")
    assert data["claimreview"]["@type"] == "ClaimReview"
    assert data["claimreview"]["claimReviewed"] == "Tokayev won"


def test_claim_retracted_carries_the_retraction_note(
    subscribe, receiver, published, editor, editor2, django_capture_on_commit_callbacks
):
    subscribe("claim.retracted", "verdict.corrected")
    with django_capture_on_commit_callbacks(execute=True):
        make_correction(
            published, drafter=editor, approver=editor2, action="retract", note="Source forged."
        )
    [message] = receiver.wait_for(1)
    assert message.payload["type"] == "claim.retracted"
    data = message.payload["data"]
    assert data["claim"] == {
        "id": published.pk,
        "statement": published.statement,
        "status": "retracted",
        "url": data["claim"]["url"],
    }
    assert data["retraction"]["note"] == "Source forged."
    assert "claimreview" not in data


def test_a_published_finding_is_sent_only_once_its_claim_is_public(
    subscribe, receiver, published, editor, editor2, django_capture_on_commit_callbacks
):
    subscribe("link_check.published")
    unpublished = make_claim(statement="Not checked yet")
    for claim in (unpublished, published):
        relay = make_attribution(claim, make_source(), "relayed_by")
        check = make_link_check(relay, editor, note=f"Finding on {claim.statement}")
        with django_capture_on_commit_callbacks(execute=True):
            link_checks.submit(check, actor=editor)
            link_checks.publish(check, actor=editor2)
    [message] = receiver.wait_for(1)
    assert message.payload["type"] == "link_check.published"
    assert message.payload["data"]["claim"]["id"] == published.pk
    assert message.payload["data"]["link_check"]["note"] == f"Finding on {published.statement}"
    assert message.payload["data"]["link_check"]["link"]["role"] == "relayed_by"
    assert Delivery.objects.count() == 1


def test_an_endpoint_gets_only_the_events_it_chose(
    subscribe, receiver, published, editor, editor2, reviewer, django_capture_on_commit_callbacks
):
    subscribe("claim.retracted")
    correct(
        published,
        editor=editor,
        editor2=editor2,
        callbacks=django_capture_on_commit_callbacks,
        summary="Fixed",
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_checked_claim(editor=editor, reviewer=reviewer)
    assert Delivery.objects.count() == 0


# --- the API: who sees what, and bad input ------------------------------------------------------


def test_a_consumer_sees_and_acts_on_only_their_own_endpoints_and_deliveries(
    client,
    subscribe,
    consumer,
    outsider,
    editor,
    published,
    editor2,
    loopback,
    django_capture_on_commit_callbacks,
):
    mine = subscribe("verdict.corrected")
    theirs = Endpoint.objects.create(owner=outsider, url="https://example.org/h", events=["x"])
    correct(
        published,
        editor=editor,
        editor2=editor2,
        callbacks=django_capture_on_commit_callbacks,
        summary="Fixed",
    )
    their_delivery = Delivery.objects.create(endpoint=theirs, event="claim.published", payload={})
    as_consumer = token_for(consumer)

    listed = call(client, "GET", f"{HOOKS}/endpoints/", **as_consumer).json()
    assert [item["id"] for item in listed["results"]] == [mine.pk]
    log = call(client, "GET", f"{HOOKS}/deliveries/", **as_consumer).json()
    assert {item["endpoint"] for item in log["results"]} == {mine.pk}
    for method, url in [
        ("GET", f"{HOOKS}/endpoints/{theirs.pk}/"),
        ("PATCH", f"{HOOKS}/endpoints/{theirs.pk}/"),
        ("DELETE", f"{HOOKS}/endpoints/{theirs.pk}/"),
        ("POST", f"{HOOKS}/endpoints/{theirs.pk}/resume/"),
        ("GET", f"{HOOKS}/deliveries/{their_delivery.pk}/"),
        ("POST", f"{HOOKS}/deliveries/{their_delivery.pk}/replay/"),
    ]:
        body = {} if method in {"PATCH", "POST"} else None
        assert call(client, method, url, body, **as_consumer).status_code == 404, (method, url)
    # An editor's token is no master key either: the admin is where editors act for others.
    assert (
        call(client, "GET", f"{HOOKS}/endpoints/{mine.pk}/", **token_for(editor)).status_code == 404
    )
    assert Endpoint.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("url", [f"{HOOKS}/endpoints/", f"{HOOKS}/deliveries/"])
def test_anonymous_clients_are_told_to_authenticate(client, url):
    response = call(client, "GET", url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"events": ["claim.published"]}, "url"),
        ({"url": "ftp://example.org/hook", "events": ["claim.published"]}, "url"),
        ({"url": "not a url", "events": ["claim.published"]}, "url"),
        ({"url": "https://example.org/hook", "events": []}, "events"),
        ({"url": "https://example.org/hook", "events": ["claim.eaten"]}, "events"),
        ({"url": "https://example.org/hook", "events": "claim.published"}, "events"),
        ({"url": "https://example.org/hook"}, "events"),
        (
            {"url": "https://example.org/h", "events": ["claim.published"], "description": 5},
            "description",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field(client, consumer, data, field):
    response = call(client, "POST", f"{HOOKS}/endpoints/", data, **token_for(consumer))
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Endpoint.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.0.0.7/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[64:ff9b::7f00:1]/hook",
    ],
)
def test_an_internal_address_is_refused_on_registration(client, consumer, url):
    response = register(client, consumer, url, ["claim.published"])
    assert response.status_code == 400
    assert "internal address" in response.json()["url"][0]
    assert not Endpoint.objects.exists()


def test_a_changed_url_is_checked_too(client, subscribe, consumer, settings):
    endpoint = subscribe("claim.published")
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    url = f"{HOOKS}/endpoints/{endpoint.pk}/"
    response = call(client, "PATCH", url, {"url": "http://10.0.0.7/x"}, **token_for(consumer))
    assert response.status_code == 400
    assert "internal address" in response.json()["url"][0]
    endpoint.refresh_from_db()
    assert endpoint.url.startswith("http://127.0.0.1:")


def test_the_deploy_check_warns_while_loopback_is_allowed(settings):
    def warnings() -> set[str]:
        return {message.id for message in run_checks(include_deployment_checks=True)}

    assert "webhooks.W001" not in warnings()
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    assert "webhooks.W001" in warnings()
