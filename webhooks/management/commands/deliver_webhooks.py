"""Send every webhook delivery whose time has come: the retries under the immediate task
backend, and anything a task queue that was down never took. Run it from cron every minute."""

from django.core.management.base import BaseCommand

from webhooks.delivery import deliver_due


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due (retries, and any the queue missed)."

    def handle(self, *args, **options):
        sent = deliver_due()
        self.stdout.write(f"Attempted {sent} webhook deliver{'y' if sent == 1 else 'ies'}.")
