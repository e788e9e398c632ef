"""gunicorn for Veracity (`make serve`, production): sync workers, one per core by default.

Pages are CPU-bound Python with short database calls, so sync workers on every core give the
best throughput; persistent database connections (CONN_MAX_AGE) keep each worker's connection.
Every setting can be overridden from the environment or the command line.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count())
worker_class = "sync"
# A slow client must not hold a worker for long; the proxy in front buffers slow clients.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, at different times, so a slow leak cannot grow unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# Behind a proxy on the same host: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "veracity"
