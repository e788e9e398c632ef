"""``/healthz``: can this process serve? Database, cache, purges and task backlog, as JSON.

"ok" (200); "degraded" (200, with the reason) when the process serves but slower or with less
protection: Redis unreachable or a purge waiting for it; "unhealthy" (503) when it cannot serve:
the database is unreachable or no worker takes tasks. For load balancers and monitoring. It
reveals counts and timings, nothing about content.
"""

import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, F, When
from django.db.models.functions import Greatest
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.models import PendingPurge

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_cache() -> dict:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    ok = cache.get(key) == value
    cache.delete(key)
    return {"ok": ok} if ok else {"ok": False, "error": "a value written was not read back"}


def check_purges() -> dict:
    waiting = PendingPurge.objects.count()
    if not waiting:
        return {"ok": True, "waiting": 0}
    return {"ok": False, "waiting": waiting, "error": f"{waiting} purges wait for the cache"}


def check_tasks() -> dict:
    """With the database queue: tasks waiting too long mean no worker is taking them."""
    if settings.TASKS["default"]["BACKEND"] != DATABASE_BACKEND:
        return {"ok": True, "backend": "immediate"}
    from django_tasks_db.models import DBTaskResult, get_date_max

    ready = DBTaskResult.objects.ready()
    # A task waits from when it could first run: its run_after, if it was queued for later (a
    # scheduled publication, a webhook's retry), else when it was queued.
    due_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    oldest = (
        ready.annotate(due_since=due_since)
        .order_by("due_since")
        .values_list("due_since", flat=True)
        .first()
    )
    waited = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    result = {
        "ok": waited <= settings.HEALTH_MAX_TASK_WAIT_SECONDS,
        "backend": "database",
        "waiting": ready.count(),
        "running": DBTaskResult.objects.running().count(),
        "failed_last_hour": DBTaskResult.objects.failed()
        .filter(finished_at__gte=timezone.now() - timedelta(hours=1))
        .count(),
        "oldest_wait_seconds": round(waited, 1),
    }
    if not result["ok"]:
        result["error"] = "tasks are waiting longer than expected: is a db_worker running?"
    return result


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "purges": check_purges,
    "tasks": check_tasks,
}
# What a failed check that does not stop the process means for its readers.
DEGRADED = {
    "cache": "pages and the API are answered from the database; throttling counts per process",
    "purges": "pages are answered from the database until the cache takes the purge",
}


def register_check(name: str, check) -> None:
    """Add an app's own check (a function returning ``{"ok": bool, ...}``) to /healthz."""
    CHECKS[name] = check


def run_check(check) -> dict:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as error:  # any failure of a dependency is exactly what we report
        result = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    return {**result, "ms": round((time.perf_counter() - started) * 1000, 1)}


@never_cache
@require_safe
def healthz(request):
    results = {name: run_check(check) for name, check in CHECKS.items()}
    failed = [name for name, result in results.items() if not result["ok"]]
    if not failed:
        return JsonResponse({"status": "ok", "checks": results})
    if set(failed) - set(DEGRADED):
        return JsonResponse({"status": "unhealthy", "checks": results}, status=503)
    reason = "; ".join(f"{name}: {results[name]['error']} ({DEGRADED[name]})" for name in failed)
    return JsonResponse({"status": "degraded", "reason": reason, "checks": results})
