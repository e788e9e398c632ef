"""Background tasks (``django.tasks``): claim extraction, and refreshing the public pages when
a scheduled verdict goes public.

Immediate by default; with TASK_BACKEND=database a task waits in the database for
``manage.py db_worker``. An article's ``extraction_state`` tells editors where it is: pending
(queued) → running → done, or failed with the error.
"""

import contextlib
import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend, task
from django.utils import timezone

from articles.models import Article, ExtractionState
from claims.extraction_store import extract_article
from claims.models import Claim
from claims.public.purge import purge_after
from claims.signals import claim_published

logger = logging.getLogger(__name__)

# A run still "running" after this long died with its worker; it may be started again.
STALE_RUN = timedelta(minutes=10)
ERROR_MAX_CHARS = 2000


def schedule_extraction(article: Article) -> None:
    """Queue extraction of the article's claims once the current transaction commits."""
    transaction.on_commit(partial(extract_article_claims.enqueue, article.pk))


def can_rerun(article: Article) -> bool:
    return article.extraction_state != ExtractionState.RUNNING or _is_stale(article)


def rerun_extraction(article: Article) -> bool:
    """Queue extraction again (after a failure, or to pick up new aliases); False if running."""
    stale = timezone.now() - STALE_RUN
    queued = (
        Article.objects.filter(pk=article.pk)
        .filter(~Q(extraction_state=ExtractionState.RUNNING) | Q(updated_at__lt=stale))
        .update(
            extraction_state=ExtractionState.PENDING, extraction_error="", updated_at=timezone.now()
        )
    )
    if queued:
        article.extraction_state, article.extraction_error = ExtractionState.PENDING, ""
        schedule_extraction(article)
    return bool(queued)


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
    if not _start(article_id):
        return {"article": article_id, "skipped": "not pending"}
    article = Article.objects.select_related("publisher").get(pk=article_id)
    try:
        with transaction.atomic():
            summary = extract_article(article)
            _finish(article_id, ExtractionState.DONE)
    except Exception as error:
        logger.exception("Claim extraction failed for article %s", article_id)
        _finish(article_id, ExtractionState.FAILED, error=_describe(error))
        raise
    return {
        "article": article_id,
        "created": len(summary.created),
        "replaced": summary.replaced,
        "kept": summary.kept,
    }


def _is_stale(article: Article) -> bool:
    return article.updated_at < timezone.now() - STALE_RUN


def _start(article_id: int) -> bool:
    """Move a pending article to running; False when another run took it or it is not queued."""
    return bool(
        Article.objects.filter(pk=article_id, extraction_state=ExtractionState.PENDING).update(
            extraction_state=ExtractionState.RUNNING, extraction_error="", updated_at=timezone.now()
        )
    )


def _finish(article_id: int, state: ExtractionState, *, error: str = "") -> None:
    now = timezone.now()
    done = {"extracted_at": now} if state == ExtractionState.DONE else {}
    Article.objects.filter(pk=article_id).update(
        extraction_state=state, extraction_error=error, updated_at=now, **done
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
    purge_after("publish")
    claim = Claim.objects.published().filter(pk=claim_id).first()
    if claim is not None:
        claim_published.send(sender=Claim, claim=claim)
