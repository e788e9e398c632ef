"""Which addresses webhooks may reach: the public ones URL ingestion may fetch, and loopback
only where settings.WEBHOOKS_ALLOW_LOOPBACK says so (tests and local development)."""

from django.conf import settings

from articles.fetch import IPAddress, is_public_address


def allowed_address(address: IPAddress) -> bool:
    return is_public_address(address) or (settings.WEBHOOKS_ALLOW_LOOPBACK and address.is_loopback)
