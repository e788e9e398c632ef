from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from webhooks import checks  # noqa: F401  (registers the deploy check)
        from webhooks.events import connect_receivers

        connect_receivers()
