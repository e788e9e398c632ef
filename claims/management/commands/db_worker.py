"""``manage.py db_worker``: django-tasks-db's worker, which also re-queues the extractions of
workers that died (their lease ran out, ``claims.leases``), so no article stays "running"."""

from django_tasks_db.management.commands import db_worker

from claims.leases import start_sweeper
from claims.tasks import requeue_dead_extractions


class Command(db_worker.Command):
    help = f"{db_worker.Command.help}; re-queues extractions whose worker died"

    def handle(self, *args, **options):
        start_sweeper(requeue_dead_extractions)
        super().handle(*args, **options)
