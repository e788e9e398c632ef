"""Editors act for consumers in the admin: register an endpoint (its secret shown for them to
pass on), read the delivery log, see why an endpoint was paused, resume it, replay a delivery."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_user
from tests.html_forms import form_data
from tests.webhook_receiver import Receiver
from webhooks.models import Delivery, DeliveryStatus, Endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    with Receiver() as running:
        yield running


@pytest.fixture
def consumer(db):
    return make_user("carla")


def test_an_editor_registers_an_endpoint_for_a_consumer_and_sees_its_secret(
    client, editor, consumer, receiver
):
    client.force_login(editor)
    add = reverse("admin:webhooks_endpoint_add")
    data = form_data(client.get(add).content.decode(), "endpoint_form")
    data |= {
        "owner": consumer.pk,
        "url": receiver.url,
        "description": "Aggregator",
        "events": ["verdict.corrected", "claim.retracted"],
    }
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = Endpoint.objects.get()
    assert (endpoint.owner, endpoint.events) == (consumer, ["verdict.corrected", "claim.retracted"])
    assert endpoint.secret.startswith("whsec_")
    page = client.get(reverse("admin:webhooks_endpoint_change", args=[endpoint.pk]))
    assert endpoint.secret in page.content.decode()
    again = form_data(page.content.decode(), "endpoint_form")
    assert again["events"] == ["verdict.corrected", "claim.retracted"], "kept when edited"


def test_the_admin_refuses_an_internal_address(client, editor, consumer):
    client.force_login(editor)
    add = reverse("admin:webhooks_endpoint_add")
    data = form_data(client.get(add).content.decode(), "endpoint_form")
    data |= {"owner": consumer.pk, "url": "http://192.168.1.1/hook", "events": ["claim.published"]}
    response = client.post(add, data)
    assert response.status_code == 200
    assert "internal address" in response.content.decode()
    assert not Endpoint.objects.exists()


def test_a_paused_endpoint_says_why_and_editors_resume_it_and_replay_deliveries(
    client, editor, consumer, receiver, django_capture_on_commit_callbacks
):
    endpoint = Endpoint.objects.create(
        owner=consumer,
        url=receiver.url,
        events=["claim.published"],
        paused_at=timezone.now(),
        paused_because="Paused: message msg_1 failed 12 times; the last error: HTTP 500.",
    )
    receiver.secret = endpoint.secret
    held = Delivery.objects.create(
        endpoint=endpoint, event="claim.published", payload={"n": 1}, status=DeliveryStatus.HELD
    )
    client.force_login(editor)
    listing = client.get(reverse("admin:webhooks_endpoint_changelist")).content.decode()
    assert "failed 12 times; the last error: HTTP 500." in listing

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:webhooks_endpoint_changelist"),
            {"action": "resume_endpoints", "_selected_action": [endpoint.pk]},
        )
    assert receiver.wait_for(1)[0].payload == {"n": 1}
    held.refresh_from_db()
    assert (held.status, held.attempts) == ("delivered", 1)

    log = client.get(reverse("admin:webhooks_delivery_changelist")).content.decode()
    assert "Delivered" in log
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:webhooks_delivery_changelist"),
            {"action": "replay_deliveries", "_selected_action": [held.pk]},
        )
    again = receiver.wait_for(2)[1]
    assert again.headers["webhook-id"] == held.message_id
    held.refresh_from_db()
    assert held.attempts == 2


def test_reviewers_cannot_reach_webhooks(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("admin:webhooks_endpoint_changelist")).status_code == 403
