"""A running extraction holds a lease its worker renews; when the worker dies the lease runs
out, the article is queued again without anyone acting, /healthz reports it meanwhile, and the
admin refuses a rerun only while the lease holds."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ExtractionState
from claims import ingest
from claims.tasks import can_rerun, extract_article_claims, requeue_dead_extractions
from tests.factories import seed_article_text

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def article_left_running(captured, *, lease_ends_in: timedelta) -> Article:
    """An article whose worker took it and then died, with its lease ending in the given time
    (negative: it has run out)."""
    with captured(execute=False):
        article = ingest.ingest_text(seed_article_text(), title="Kazakhstan votes").article
    Article.objects.filter(pk=article.pk).update(
        extraction_state=ExtractionState.RUNNING,
        extraction_lease_until=timezone.now() + lease_ends_in,
    )
    article.refresh_from_db()
    return article


def test_an_extraction_whose_lease_ran_out_is_queued_again_and_done(
    django_capture_on_commit_callbacks,
):
    article = article_left_running(
        django_capture_on_commit_callbacks, lease_ends_in=timedelta(seconds=-1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_dead_extractions() == 1
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.DONE
    assert article.extraction_lease_until is None
    assert article.claims.count() >= 5


def test_an_extraction_with_a_live_lease_is_left_to_its_worker(
    django_capture_on_commit_callbacks,
):
    article = article_left_running(
        django_capture_on_commit_callbacks, lease_ends_in=timedelta(seconds=30)
    )
    assert requeue_dead_extractions() == 0
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.RUNNING
    assert not can_rerun(article)


def test_the_admin_refuses_a_rerun_while_the_lease_holds_and_allows_it_once_it_ran_out(
    editor_client, django_capture_on_commit_callbacks
):
    article = article_left_running(
        django_capture_on_commit_callbacks, lease_ends_in=timedelta(seconds=30)
    )
    rerun = reverse("admin:articles_article_extract", args=[article.pk])
    page = editor_client.post(rerun, follow=True)
    assert "Extraction is running already." in page.content.decode()

    Article.objects.filter(pk=article.pk).update(
        extraction_lease_until=timezone.now() - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(rerun)
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.DONE


@override_settings(TASKS=DATABASE_TASKS)
def test_requeuing_fails_the_dead_workers_task_and_queues_a_new_one(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest.ingest_text(seed_article_text(), title="Kazakhstan votes").article
    dead_task = DBTaskResult.objects.get()
    dead_task.claim("worker-that-died")
    Article.objects.filter(pk=article.pk).update(
        extraction_state=ExtractionState.RUNNING,
        extraction_lease_until=timezone.now() - timedelta(seconds=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_dead_extractions() == 1

    dead_task.refresh_from_db()
    assert dead_task.status == "FAILED"
    assert "WorkerDied" in dead_task.exception_class_path
    assert DBTaskResult.objects.ready().get().args_kwargs["args"] == [article.pk]


@override_settings(TASKS=DATABASE_TASKS, HEALTH_MAX_TASK_WAIT_SECONDS=60)
def test_healthz_reports_a_dead_workers_extraction_and_fails_when_nobody_requeues_it(
    client, django_capture_on_commit_callbacks
):
    article = article_left_running(
        django_capture_on_commit_callbacks, lease_ends_in=timedelta(seconds=-1)
    )
    extraction = client.get("/healthz").json()["checks"]["extraction"]
    assert extraction["stuck"] == 1
    assert extraction["ok"] is True, "a worker re-queues it within a quarter lease"

    Article.objects.filter(pk=article.pk).update(
        extraction_lease_until=timezone.now() - timedelta(minutes=5)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "dead worker" in response.json()["checks"]["extraction"]["error"]


def test_a_finished_extraction_holds_no_lease(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        article = ingest.ingest_text(seed_article_text(), title="Kazakhstan votes").article
    extract_article_claims.call(article.pk)
    article.refresh_from_db()
    assert article.extraction_state == ExtractionState.DONE
    assert article.extraction_lease_until is None
