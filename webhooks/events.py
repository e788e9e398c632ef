"""What each event tells consumers, and storing a delivery for every endpoint that asked for
it. Connected to the claims app's signals (sent on commit), so claims never imports this app.

Payloads carry only what readers may see: each is built from the public querysets at the
moment of sending, and an event about something not public (a finding on a claim not yet
published) sends nothing.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from claims.claimreview.build import CHAIN_FOR_CLAIMREVIEW, absolute_url, build_claimreview
from claims.models import Claim, ClaimStatus, LinkCheck, LinkCheckStatus
from claims.signals import (
    claim_published,
    claim_retracted,
    link_check_published,
    verdict_corrected,
)
from webhooks.delivery import queue_on_commit
from webhooks.models import Delivery, DeliveryStatus, Endpoint, Event


def connect_receivers() -> None:
    claim_published.connect(on_claim_published, dispatch_uid="webhooks.claim_published")
    verdict_corrected.connect(on_verdict_corrected, dispatch_uid="webhooks.verdict_corrected")
    claim_retracted.connect(on_claim_retracted, dispatch_uid="webhooks.claim_retracted")
    link_check_published.connect(
        on_link_check_published, dispatch_uid="webhooks.link_check_published"
    )


def on_claim_published(sender, *, claim, **kwargs):
    public = _published_claim(claim.pk)
    if public is not None:
        record(Event.CLAIM_PUBLISHED, _fact_check(public))


def on_verdict_corrected(sender, *, claim, correction, **kwargs):
    public = _published_claim(claim.pk)
    if public is not None:
        record(
            Event.VERDICT_CORRECTED,
            {**_fact_check(public), "correction": _correction(correction)},
        )


def on_claim_retracted(sender, *, claim, correction, **kwargs):
    """What the retracted claim's page still shows: the statement and the retraction."""
    retracted = Claim.objects.filter(pk=claim.pk, status=ClaimStatus.RETRACTED).first()
    if retracted is not None:
        record(
            Event.CLAIM_RETRACTED,
            {"claim": _claim(retracted), "retraction": _correction(correction)},
        )


def on_link_check_published(sender, *, link_check, **kwargs):
    """A finding reaches readers only on a published claim; on any other nothing is sent:
    consumers hear of that claim when it is published (``claim.published``)."""
    check = (
        LinkCheck.objects.filter(pk=link_check.pk, status=LinkCheckStatus.PUBLISHED)
        .select_related("attribution__source")
        .first()
    )
    public = _published_claim(check.attribution.claim_id) if check else None
    if public is not None:
        # Imported here: the API's serializers bring DRF, and every process imports this
        # module at start-up (webhooks.apps) while few ever send a finding.
        from claims.api.serializers import LinkCheckSerializer

        link = {
            "position": check.attribution.position,
            "role": check.attribution.role,
            "source": check.attribution.source.name if check.attribution.source else None,
            "text": check.attribution.text,
        }
        finding = {**LinkCheckSerializer(check).data, "link": link}
        record(Event.LINK_CHECK_PUBLISHED, {**_fact_check(public), "link_check": finding})


# --- payloads -------------------------------------------------------------------------------


def site_url() -> str:
    return settings.VERACITY_ORGANISATION["url"]


def _published_claim(claim_id: int) -> Claim | None:
    return (
        Claim.objects.published()
        .select_related("claimant", "article", "verdict__rating")
        .prefetch_related(CHAIN_FOR_CLAIMREVIEW)
        .filter(pk=claim_id)
        .first()
    )


def _claim(claim: Claim) -> dict:
    return {
        "id": claim.pk,
        "statement": claim.statement,
        "status": claim.status,
        "url": absolute_url(site_url(), claim.get_absolute_url()),
    }


def _fact_check(claim: Claim) -> dict:
    """A published claim: where to read it (page and API) and its ClaimReview."""
    api_path = reverse("api:claim-detail", kwargs={"version": "v1", "pk": claim.pk})
    return {
        "claim": {**_claim(claim), "api_url": absolute_url(site_url(), api_path)},
        "claimreview": build_claimreview(claim, site_url()),
    }


def _correction(correction) -> dict:
    return {
        "kind": correction.kind,
        "note": correction.note,
        "changes": correction.changes,
        "published_at": correction.created_at.isoformat(),
    }


# --- deliveries -----------------------------------------------------------------------------


def record(event: Event, data: dict) -> list[Delivery]:
    """Store one delivery per endpoint that asked for ``event`` (held for a paused endpoint),
    then queue them: stored first, so nothing is lost when the queue is down."""
    now = timezone.now()
    payload = {"type": event.value, "timestamp": now.isoformat(), "data": data}
    endpoints = Endpoint.objects.filter(owner__is_active=True)
    with transaction.atomic():
        deliveries = Delivery.objects.bulk_create(
            Delivery(
                endpoint=endpoint,
                event=event,
                payload=payload,
                status=DeliveryStatus.HELD if endpoint.is_paused else DeliveryStatus.PENDING,
                next_attempt_at=None if endpoint.is_paused else now,
            )
            for endpoint in endpoints
            if event in endpoint.events
        )
        queue_on_commit(d for d in deliveries if d.status == DeliveryStatus.PENDING)
    return deliveries
