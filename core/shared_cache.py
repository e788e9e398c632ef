"""The shared cache (Redis) for what can be recomputed, with this process's memory standing in
while Redis is unreachable: the API throttle and the tip limit (then per-process limiters),
cached figures.

The page cache does not use the stand-in: a page kept in one process's memory could not be
purged by another, so while Redis is unreachable pages are answered from the database.
"""

import logging
import time

from django.core.cache import caches

logger = logging.getLogger(__name__)

SHARED, PROCESS = "default", "process"  # aliases in settings.CACHES
REPORT_EVERY = 60  # seconds between warnings while Redis stays unreachable


def redis_error() -> type[Exception]:
    """redis's base error (``except redis_error() as error:``), imported when an exception is
    matched against it: importing redis costs a process's start 0.2–0.4 s, which commands that
    never reach the cache (``manage.py extract_claims``) need not pay."""
    from redis.exceptions import RedisError

    return RedisError


class Outage:
    """When this process last failed to reach the shared cache; logs a warning now and then
    rather than once per request."""

    def __init__(self):
        self.last_failure = self.last_report = 0.0

    def report(self, error: Exception) -> None:
        now = time.monotonic()
        self.last_failure = now
        if now - self.last_report >= REPORT_EVERY:
            self.last_report = now
            logger.warning(
                "Cache unreachable (%s): answering from the database, throttling per process",
                error,
            )


outage = Outage()


class ProcessFallbackCache:
    """The Django cache API on the shared cache, or on this process's memory when the shared
    one raises redis's RedisError."""

    def _call(self, method: str, *args, **kwargs):
        try:
            return getattr(caches[SHARED], method)(*args, **kwargs)
        except redis_error() as error:
            outage.report(error)
            return getattr(caches[PROCESS], method)(*args, **kwargs)

    def get(self, key, default=None):
        return self._call("get", key, default)

    def set(self, key, value, timeout):
        return self._call("set", key, value, timeout)

    def get_or_set(self, key, default, timeout):
        return self._call("get_or_set", key, default, timeout)

    def add(self, key, value, timeout):
        return self._call("add", key, value, timeout)

    def incr(self, key, delta=1):
        return self._call("incr", key, delta)

    def delete(self, key):
        return self._call("delete", key)


fallback_cache = ProcessFallbackCache()
