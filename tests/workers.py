"""`manage.py db_worker` processes on the test database (PostgreSQL), with production settings
and whatever environment a test adds; each stopped afterwards, its log printed (shown when the
test fails)."""

import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from tests.postgres import database_url

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def db_workers(log_dir: Path, **environment: str):
    """Yields ``start(**settings)``, which starts one more worker (``settings``: environment
    variables of that worker alone)."""
    workers = []

    def start(**settings: str) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "VERACITY_TESTING"}}
        env.update(
            DATABASE_URL=database_url(),
            TASK_BACKEND="database",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="localhost",
            HTTPS="false",
            **environment,
        )
        env.update(settings)
        log = (log_dir / f"worker{len(workers)}.log").open("w")
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.05", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=20)
        for log in sorted(log_dir.glob("worker*.log")):
            print(f"--- {log.name} (shown when a test fails)\n{log.read_text()}")
