"""`manage.py check --deploy` warns when webhooks may reach this machine."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def loopback_allowed(app_configs, **kwargs):
    if not settings.WEBHOOKS_ALLOW_LOOPBACK:
        return []
    return [
        Warning(
            "WEBHOOKS_ALLOW_LOOPBACK is on: anyone with an API token can make this server "
            "POST to services on its own loopback interface.",
            hint="Unset it in production; it is for tests and local development.",
            id="webhooks.W001",
        )
    ]
