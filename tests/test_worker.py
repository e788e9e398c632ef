"""Extraction on a real queue: a separate `manage.py db_worker` process takes the task an API
ingestion enqueued. Failures are recorded on the article and can be retried; a worker killed
mid-chunk leaves no half-written chunk, and another worker finishes the article once the dead
one's lease runs out, without anyone acting, storing exactly what an uncut run stores."""

import signal
import time
from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ExtractionState
from claims.extraction_store import extract_article, untouched_detections
from claims.models import Claim
from sources.models import Source
from tests.factories import seed_article_text
from tests.postgres import database_url
from tests.test_long_documents import claims_of
from tests.workers import db_workers

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Short, so that a dead worker's lease runs out within the test (production: 30 s).
LEASE_SECONDS = 2

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker process shares the test database, which only PostgreSQL serves",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def start_worker(tmp_path):
    """Start `manage.py db_worker` processes on the test database; all stopped afterwards."""
    with db_workers(tmp_path, EXTRACTION_LEASE_SECONDS=str(LEASE_SECONDS)) as start:
        yield start


@pytest.fixture
def staff_api(client, editor):
    client.force_login(editor)
    return client


def ingest_through_api(client, text: str) -> Article:
    response = client.post(
        "/api/v1/articles/", {"text": text, "title": "Kazakhstan votes"}, "application/json"
    )
    assert response.status_code == 201, response.content
    return Article.objects.get(pk=response.json()["id"])


def wait_for(condition, *, timeout: float = 60.0, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.01)
    raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")


def extraction_state(article: Article) -> str:
    article.refresh_from_db()
    return article.extraction_state


def tasks_finished(count: int = 1) -> bool:
    """The worker records a task's outcome just after the article's, in its own transaction."""
    return DBTaskResult.objects.finished().count() == count


@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_process_extracts_the_claims_of_an_article_sent_to_the_api(
    staff_api, start_worker
):
    article = ingest_through_api(staff_api, seed_article_text())
    assert article.extraction_state == ExtractionState.PENDING
    assert not article.claims.exists(), "nothing may run in the web process"

    start_worker()
    wait_for(tasks_finished, what="the worker to finish the extraction")
    article.refresh_from_db()

    assert article.extraction_state == ExtractionState.DONE, article.extraction_error
    assert article.claims.count() >= 5
    task = DBTaskResult.objects.get()
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids


REFUSE_CLAIMS = """
CREATE FUNCTION veracity_test_refuse() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the claims table refuses writes (test)'; END $$ LANGUAGE plpgsql;
CREATE TRIGGER veracity_test_refuse BEFORE INSERT ON claims_claim
FOR EACH ROW EXECUTE FUNCTION veracity_test_refuse();
"""
ALLOW_CLAIMS = """
DROP TRIGGER veracity_test_refuse ON claims_claim;
DROP FUNCTION veracity_test_refuse();
"""


@override_settings(TASKS=DATABASE_TASKS)
def test_a_failing_task_records_its_error_on_the_article_and_a_retry_from_the_admin_succeeds(
    staff_api, start_worker
):
    with connection.cursor() as cursor:
        cursor.execute(REFUSE_CLAIMS)
    start_worker()
    article = ingest_through_api(staff_api, seed_article_text())
    wait_for(tasks_finished, what="the extraction to fail")
    article.refresh_from_db()

    assert article.extraction_state == ExtractionState.FAILED
    assert "the claims table refuses writes" in article.extraction_error
    assert not article.claims.exists()
    assert DBTaskResult.objects.get().status == "FAILED"

    with connection.cursor() as cursor:
        cursor.execute(ALLOW_CLAIMS)
    retry = staff_api.post(reverse("admin:articles_article_extract", args=[article.pk]))
    assert retry.status_code == 302
    wait_for(lambda: tasks_finished(2), what="the retry")
    assert extraction_state(article) == ExtractionState.DONE
    assert article.extraction_error == ""
    assert article.claims.count() >= 5


def sessions_updating_the_article(*statements: str, waiting: bool) -> int:
    """Database sessions whose last statement starts with one of ``statements`` (blocked on a
    lock, or any: the statement stays listed until the session commits, rolls back or ends)."""
    blocked = "AND wait_event_type = 'Lock'" if waiting else ""
    like = " OR ".join(["query LIKE %s"] * len(statements))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            f"AND ({like}) {blocked}",
            [f'UPDATE "articles_article" SET {statement}%' for statement in statements],
        )
        return cursor.fetchone()[0]


# The last chunk marks the article done in its own transaction: the one update that sets
# "extracted_at" (not the heartbeat, which sets only the lease, nor a sweeper queuing the article
# again). Matched by column, not value: with server-side binding the values are parameters.
MARKING_DONE = '"extraction_state" = %"extracted_at" = '
RECORDING_PROGRESS = '"extraction_progress"'


def sessions_marking_the_article_done(*, waiting: bool) -> int:
    return sessions_updating_the_article(MARKING_DONE, waiting=waiting)


def claim_ids_handed_out() -> int:
    """Sequences ignore rollbacks: this counts claims inserted, committed or not."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_sequence_last_value(pg_get_serial_sequence('claims_claim', 'id'))"
        )
        return cursor.fetchone()[0] or 0


@contextmanager
def article_row_locked(article: Article):
    """Hold the article's row lock from another connection: the worker's extraction, which marks
    the article done in the same transaction as its claims, waits there with its claims written
    but not committed. (NO KEY: the claims' foreign-key checks on the article still pass.)"""
    with psycopg.connect(database_url()) as other, other.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM articles_article WHERE id = %s FOR NO KEY UPDATE", [article.pk]
        )
        yield
        other.rollback()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_killed_mid_task_writes_nothing_and_another_worker_finishes_the_article(
    staff_api, start_worker
):
    """The editor sees the article "running" while its worker is dead, then "done" with its
    claims once another worker has taken it over; readers never see a half-written article
    (its claims are unpublished until the desk publishes them)."""
    # The worker is held at its last write by the lock below, however long the article.
    article = ingest_through_api(staff_api, seed_article_text())
    ids_before = claim_ids_handed_out()
    worker = start_worker()
    wait_for(lambda: extraction_state(article) != ExtractionState.PENDING, what="the task to start")

    with article_row_locked(article):
        assert extraction_state(article) == ExtractionState.RUNNING, "finished before the lock"
        wait_for(
            lambda: sessions_marking_the_article_done(waiting=True),
            what="the worker to write the claims",
        )
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    # Unblocked, PostgreSQL finds the client gone and rolls its transaction back.
    wait_for(
        lambda: not sessions_marking_the_article_done(waiting=False),
        timeout=10,
        what="the dead worker's session to end",
    )

    assert claim_ids_handed_out() > ids_before, "the worker was killed before writing a claim"
    assert not Claim.objects.filter(article=article).exists()
    assert extraction_state(article) == ExtractionState.RUNNING
    page = staff_api.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "extraction-badge extraction-running" in page.content.decode()

    start_worker()  # nobody re-queues anything by hand
    wait_for(
        lambda: extraction_state(article) == ExtractionState.DONE,
        timeout=LEASE_SECONDS + 30,
        what="another worker to finish the dead worker's article",
    )
    assert article.claims.count() >= 5
    assert Article.objects.filter(pk=article.pk, body=article.body).exists()
    died, finished = DBTaskResult.objects.order_by("enqueued_at")
    assert died.status == "FAILED"
    assert "WorkerDied" in died.exception_class_path
    wait_for(
        lambda: DBTaskResult.objects.filter(pk=finished.pk, status="SUCCESSFUL").exists(),
        timeout=10,
        what="the new task to be recorded",
    )
    public = staff_api.__class__().get(f"/api/v1/articles/{article.pk}/")
    assert public.status_code == 404, "an article without published claims stays unlisted"


def chunks_waiting() -> int:
    return sessions_updating_the_article(RECORDING_PROGRESS, MARKING_DONE, waiting=True)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_killed_between_chunks_is_replaced_by_exactly_what_an_uncut_run_stores(
    staff_api, start_worker
):
    """The editor sees the dead worker's article running with how far it got and the claims of
    its committed chunks (unpublished: readers see none of them); the next worker replaces them,
    so the article ends with exactly the claims of a run nobody cut."""
    article = ingest_through_api(staff_api, seed_article_text())
    sources_before = set(Source.objects.values_list("pk", flat=True))
    extract_article(article)  # the uncut run, in this process, for reference
    uncut = claims_of(article)
    untouched_detections(article).delete()
    Source.objects.exclude(pk__in=sources_before).delete()

    worker = start_worker(EXTRACTION_CHUNK_SENTENCES="1")
    wait_for(lambda: extraction_state(article) == ExtractionState.RUNNING, what="the task to start")
    with psycopg.connect(database_url()) as other, other.cursor() as cursor:
        lock = "SELECT 1 FROM articles_article WHERE id = %s FOR NO KEY UPDATE"
        cursor.execute(lock, [article.pk])
        wait_for(chunks_waiting, what="a chunk to wait")
        other.rollback()  # that chunk commits ...
        cursor.execute(lock, [article.pk])  # ... and the next waits with its claims written
        wait_for(chunks_waiting, what="the next chunk to wait")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        other.rollback()
    wait_for(
        lambda: not sessions_updating_the_article(RECORDING_PROGRESS, MARKING_DONE, waiting=False),
        timeout=10,
        what="the dead worker's session to end",
    )

    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.RUNNING
    assert 1 <= article.extraction_progress < article.extraction_total == len(uncut)
    assert article.claims.count() == article.extraction_progress, "no half-written chunk"
    page = staff_api.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert (
        f"{article.extraction_progress} of {len(uncut)} sentences stored" in page.content.decode()
    )

    start_worker()
    wait_for(
        lambda: extraction_state(article) == ExtractionState.DONE,
        timeout=LEASE_SECONDS + 30,
        what="another worker to finish the dead worker's article",
    )
    assert claims_of(article) == uncut
