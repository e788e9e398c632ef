"""Telling readers who left an email that the claim they sent has been published."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from tips.models import Tip


def tell_tipsters(sender, *, claim, **kwargs):
    """On publication (claims.signals.claim_published): queue the emails."""
    if Tip.objects.filter(claim=claim, notified_at__isnull=True).exclude(email="").exists():
        transaction.on_commit(lambda: email_tipsters.enqueue(claim.pk))


@task
def email_tipsters(claim_id: int) -> int:
    """Email each reader whose tip became this claim, once; returns how many were told."""
    tips = Tip.objects.filter(claim_id=claim_id, notified_at__isnull=True).exclude(email="")
    told = 0
    for tip in tips.select_related("claim"):
        send_mail(
            subject="We checked the claim you sent us",
            message=_message(tip),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[tip.email],
        )
        Tip.objects.filter(pk=tip.pk).update(notified_at=timezone.now())
        told += 1
    return told


def _message(tip: Tip) -> str:
    url = settings.VERACITY_ORGANISATION["url"].rstrip("/") + tip.claim.get_absolute_url()
    return (
        f"Thank you for sending us this claim:\n\n  {tip.text}\n\n"
        f"We have published our fact check of it:\n\n  {url}\n\n"
        "You are receiving this once because you left your address with the claim."
    )
