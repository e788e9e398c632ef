"""Leases on running extractions, so a task whose worker died is found and run again.

A worker that starts an extraction takes a lease on the article (``extraction_lease_until``)
and a heartbeat thread renews it every quarter of ``EXTRACTION_LEASE_SECONDS`` from its own
database connection while the extraction runs. A worker killed mid-task (SIGKILL, out of
memory, power) stops renewing: once the lease has run out, the sweeper that every ``db_worker``
runs (``claims.tasks.requeue_dead_extractions``) queues the article again. django-tasks-db
records which worker took a task but never notices one that died, hence this.
"""

import logging
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, ExtractionState

logger = logging.getLogger(__name__)


def lease_length() -> timedelta:
    return timedelta(seconds=settings.EXTRACTION_LEASE_SECONDS)


def renewal_interval() -> float:
    return settings.EXTRACTION_LEASE_SECONDS / 4


def lease_end() -> datetime:
    return timezone.now() + lease_length()


def lease_expired(*, before: datetime | None = None) -> Q:
    """Running extractions whose worker stopped renewing the lease (by ``before``, else now).
    A run without a lease is one in someone's open transaction, or one still being set up."""
    return Q(
        extraction_state=ExtractionState.RUNNING,
        extraction_lease_until__lt=before or timezone.now(),
    )


def dead_runs(*, before: datetime | None = None):
    """Articles whose extraction's worker died (and which no worker has queued again yet)."""
    return Article.objects.filter(lease_expired(before=before))


def check_leases() -> dict:
    """For /healthz: extractions whose worker died and that no worker has queued again. A
    running db_worker does so within a quarter lease; one left for HEALTH_MAX_TASK_WAIT_SECONDS
    means none is running."""
    patience = timedelta(seconds=settings.HEALTH_MAX_TASK_WAIT_SECONDS)
    long_stuck = dead_runs(before=timezone.now() - patience).exists()
    result = {"ok": not long_stuck, "stuck": dead_runs().count()}
    if long_stuck:
        result["error"] = "a dead worker's extraction was not queued again: is a db_worker running?"
    return result


@contextmanager
def lease_renewed(article_id: int):
    """Renew the article's lease from a heartbeat thread while the block runs.

    A run inside someone else's open transaction (the immediate backend in a request, a test)
    is invisible to other connections, lease included, so it needs no heartbeat.
    """
    if connection.in_atomic_block:
        yield
        return
    stop = threading.Event()
    heartbeat = threading.Thread(
        target=_renew_until, args=(article_id, stop), name=f"lease-{article_id}", daemon=True
    )
    heartbeat.start()
    try:
        yield
    finally:
        stop.set()
        heartbeat.join()


def _renew_until(article_id: int, stop: threading.Event) -> None:
    try:
        while not stop.wait(renewal_interval()):
            _renew(article_id)
    finally:
        connection.close()


def _renew(article_id: int) -> None:
    try:
        Article.objects.filter(pk=article_id, extraction_state=ExtractionState.RUNNING).update(
            extraction_lease_until=lease_end()
        )
    except Exception:  # the run goes on; if renewals keep failing, the lease runs out
        logger.exception("Could not renew the extraction lease of article %s", article_id)
        close_old_connections()


def start_sweeper(sweep: Callable[[], int]) -> threading.Thread:
    """Call ``sweep`` every quarter lease in a background thread of this process."""

    def run():
        while True:
            try:
                close_old_connections()
                sweep()
            except Exception:  # the database may be away for a while; try again next round
                logger.exception("Could not look for extractions whose worker died")
            time.sleep(renewal_interval())

    sweeper = threading.Thread(target=run, name="extraction-lease-sweeper", daemon=True)
    sweeper.start()
    return sweeper
