"""Production settings refuse to start without secrets, with a message instead of a traceback."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_check(**env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    clean.pop("VERACITY_TESTING", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check(ALLOWED_HOSTS="factcheck.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_check(SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_check(SECRET_KEY="short", ALLOWED_HOSTS="factcheck.example.org")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_production_starts_with_secret_key_and_hosts():
    result = run_check(SECRET_KEY="x" * 60, ALLOWED_HOSTS="factcheck.example.org")
    assert result.returncode == 0, result.stderr


def test_debug_mode_starts_without_secrets():
    result = run_check(DEBUG="true")
    assert result.returncode == 0, result.stderr
