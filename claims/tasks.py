"""Background tasks (``django.tasks``): claim extraction, and refreshing the public pages when
a scheduled verdict goes public.

Immediate by default; with TASK_BACKEND=database a task waits in the database for
``manage.py db_worker``. An article's ``extraction_state`` tells editors where it is: pending
(queued) → running → done, or failed with the error. A running extraction holds a lease
(``claims.leases``): when its worker dies, the lease runs out and the article is queued again.
"""

import contextlib
import logging
from functools import partial
from uuid import uuid4

from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ExtractionState
from claims.extraction_store import extract_article
from claims.leases import dead_runs, lease_end, lease_expired, lease_renewed
from claims.models import Claim
from claims.public.purge import purge_after
from claims.signals import claim_published

logger = logging.getLogger(__name__)

ERROR_MAX_CHARS = 2000
WORKER_DIED = "The worker running this extraction stopped (killed or crashed); queued again."


class WorkerDied(Exception):
    """Recorded on the task of a run whose worker stopped renewing its lease."""


class RunTakenOver(Exception):
    """The article was queued again while this run was alive (its lease had run out)."""


def schedule_extraction(article: Article) -> None:
    """Queue extraction of the article's claims once the current transaction commits."""
    transaction.on_commit(partial(extract_article_claims.enqueue, article.pk))


def can_rerun(article: Article) -> bool:
    """Not while a living worker runs it: only once its lease has run out."""
    return Article.objects.filter(pk=article.pk).filter(_not_running_alive()).exists()


def rerun_extraction(article: Article) -> bool:
    """Queue extraction again (after a failure, to pick up new aliases, or after its worker
    died); False while a worker is running it."""
    with transaction.atomic():
        queued = (
            Article.objects.filter(pk=article.pk)
            .filter(_not_running_alive())
            .update(
                extraction_state=ExtractionState.PENDING,
                extraction_error="",
                extraction_lease_until=None,
                extraction_run="",  # a run still alive stops at its next chunk
                updated_at=timezone.now(),
            )
        )
        if queued:
            _fail_abandoned_tasks(article.pk)
            article.extraction_state, article.extraction_error = ExtractionState.PENDING, ""
            schedule_extraction(article)
    return bool(queued)


def requeue_dead_extractions() -> int:
    """Queue again every extraction whose worker died (its lease ran out); how many."""
    dead = dead_runs().only("pk")
    requeued = sum(rerun_extraction(article) for article in dead)
    if requeued:
        logger.warning("Queued %d extraction(s) again: their worker stopped.", requeued)
    return requeued


def extract_now(article: Article) -> None:
    """Run the article's pending extraction in this process (commands, the demo) rather than
    wait for a worker; the queued task then finds it done. A failure is recorded on the
    article, not raised."""
    if article.extraction_state == ExtractionState.PENDING:
        with contextlib.suppress(Exception):  # logged, and stored as the article's error
            extract_article_claims.call(article.pk)
        article.refresh_from_db()


@task
def extract_article_claims(article_id: int) -> dict:
    """Run extraction for a pending article; record done or failed on the article."""
    run = _start(article_id)
    if run is None:
        return {"article": article_id, "skipped": "not pending"}
    article = Article.objects.select_related("publisher").get(pk=article_id)
    try:
        with lease_renewed(article_id):
            progress = partial(_record_progress, article_id, run)
            summary = extract_article(article, progress=progress)
            if summary.note:
                _finish(article_id, run, ExtractionState.DONE, note=summary.note)
    except RunTakenOver:
        logger.warning(
            "Extraction of article %s was queued again while it ran; stopped.", article_id
        )
        return {"article": article_id, "skipped": "queued again while running"}
    except Exception as error:
        logger.exception("Claim extraction failed for article %s", article_id)
        _finish(article_id, run, ExtractionState.FAILED, error=_describe(error))
        raise
    return {
        "article": article_id,
        "created": len(summary.created),
        "replaced": summary.replaced,
        "kept": summary.kept,
        "note": summary.note,
    }


def _not_running_alive() -> Q:
    return ~Q(extraction_state=ExtractionState.RUNNING) | lease_expired()


def _fail_abandoned_tasks(article_id: int) -> None:
    """The task rows of runs whose worker died stay RUNNING in django-tasks-db for good."""
    abandoned = DBTaskResult.objects.running().filter(
        task_path=extract_article_claims.module_path, args_kwargs__args=[article_id]
    )
    for result in abandoned:
        result.set_failed(WorkerDied(WORKER_DIED))


def _start(article_id: int) -> str | None:
    """Move a pending article to running; the run's token, or None when another run took it or
    it is not queued."""
    run = uuid4().hex
    started = Article.objects.filter(
        pk=article_id, extraction_state=ExtractionState.PENDING
    ).update(
        extraction_state=ExtractionState.RUNNING,
        extraction_error="",
        extraction_lease_until=lease_end(),
        extraction_run=run,
        extraction_progress=0,
        extraction_total=None,
        updated_at=timezone.now(),
    )
    return run if started else None


def _record_progress(article_id: int, run: str, done: int, total: int) -> None:
    """In each chunk's transaction: how far the run got, and a renewed lease; the last chunk
    marks the article done, so "done" commits with its last claims. A run whose article was
    queued again meanwhile (its lease ran out while it was alive) stops here, and its chunk
    rolls back: only one run ever writes an article's claims."""
    progress = {"extraction_progress": done, "extraction_total": total}
    if done < total:
        recorded = Article.objects.filter(pk=article_id, extraction_run=run).update(
            **progress, extraction_lease_until=lease_end(), updated_at=timezone.now()
        )
    else:
        recorded = _finish(article_id, run, ExtractionState.DONE, **progress)
    if not recorded:
        raise RunTakenOver


def _finish(
    article_id: int, run: str, state: ExtractionState, *, error="", note="", **progress
) -> bool:
    """Record how the run ended, if the article is still this run's."""
    now = timezone.now()
    done = {"extracted_at": now} if state == ExtractionState.DONE else {}
    return Article.objects.filter(pk=article_id, extraction_run=run).update(
        extraction_state=state,
        extraction_error=error,
        extraction_lease_until=None,
        extraction_note=note,
        updated_at=now,
        **done,
        **progress,
    )


def _describe(error: Exception) -> str:
    message = str(error) or "no details"
    return f"{type(error).__name__}: {message}"[:ERROR_MAX_CHARS]


def go_public_at(claim_id: int, moment) -> None:
    """Have the worker make a scheduled verdict public at ``moment``. The immediate backend
    cannot wait; there the verdict shows up as cached pages expire (PAGE_TTL) and readers who
    sent the claim are not told, but it never shows early: the public querysets compare its
    time with now."""
    if default_task_backend.supports_defer:
        go_public.using(run_after=moment).enqueue(claim_id)


@task
def go_public(claim_id: int) -> None:
    """A scheduled verdict's time has come: refresh the public pages and tell whoever waits."""
    claim = Claim.objects.published().filter(pk=claim_id).first()
    if claim is not None:
        with transaction.atomic():  # the purge happens on commit
            purge_after("publish", claim)
        claim_published.send(sender=Claim, claim=claim)
