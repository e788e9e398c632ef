"""/healthz tells a load balancer whether this process can serve: database, cache, task queue."""

from datetime import timedelta

from django.tasks import task
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REDIS_NOBODY_LISTENS_ON = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
}


@task
def noop():
    return None


def test_a_healthy_process_answers_200_with_every_check(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "purges", "tasks", "extraction"}
    assert all(check["ok"] for check in body["checks"].values())


def test_health_is_never_cached(client, db):
    response = client.get("/healthz")
    assert "no-store" in response.headers["Cache-Control"]


def test_health_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405


@override_settings(CACHES=REDIS)
def test_health_checks_a_real_redis_cache(client, db):
    response = client.get("/healthz")
    assert response.json()["checks"]["cache"]["ok"] is True


@override_settings(CACHES=REDIS_NOBODY_LISTENS_ON)
def test_an_unreachable_cache_leaves_the_process_serving_but_degraded(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["reason"].startswith("cache: ConnectionError")
    assert "answered from the database" in body["reason"]
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@override_settings(TASKS=DATABASE_TASKS)
def test_the_database_queue_reports_waiting_tasks(client, db):
    noop.enqueue()
    tasks = client.get("/healthz").json()["checks"]["tasks"]
    assert tasks["backend"] == "database"
    assert tasks["waiting"] == 1
    assert tasks["ok"] is True


@override_settings(TASKS=DATABASE_TASKS, HEALTH_MAX_TASK_WAIT_SECONDS=60)
def test_a_task_waiting_too_long_means_no_worker_and_answers_503(client, db):
    noop.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert tasks["ok"] is False
    assert "db_worker" in tasks["error"]


@override_settings(TASKS=DATABASE_TASKS, HEALTH_MAX_TASK_WAIT_SECONDS=60)
def test_a_task_queued_for_later_waits_only_from_its_time(client, db):
    """A retry or a scheduled publication queued hours ago for now has not waited hours."""
    noop.using(run_after=timezone.now() + timedelta(hours=6)).enqueue()
    DBTaskResult.objects.update(
        enqueued_at=timezone.now() - timedelta(hours=6), run_after=timezone.now()
    )
    tasks = client.get("/healthz").json()["checks"]["tasks"]
    assert (tasks["waiting"], tasks["ok"]) == (1, True)
    assert tasks["oldest_wait_seconds"] < 60
