"""What a process loads before it serves a page: a command such as ``extract_claims`` starts
without the admin's modules or the API's serializers (core.apps.AdminConfig, webhooks.events),
a web worker loads them as it starts (config.wsgi), and the admin's system checks still see
every ModelAdmin."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def in_fresh_process(code: str):
    """What ``code`` prints as JSON, run after ``django.setup()`` in a new interpreter."""
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django, json, sys\ndjango.setup()\n{code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_start_imports_neither_the_admin_modules_nor_the_api_serializers():
    loaded = in_fresh_process(
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith("
        "('claims.admin', 'claims.api', 'rest_framework.serializers')))))"
    )
    assert loaded == []


def test_a_web_worker_loads_its_pages_and_the_admin_before_its_first_request():
    loaded = in_fresh_process(
        "import config.wsgi\n"
        "print(json.dumps(['claims.admin' in sys.modules, 'claims.public.views' in sys.modules]))"
    )
    assert loaded == [True, True]


def test_the_admin_checks_of_a_fresh_process_see_every_model_admin():
    checked = in_fresh_process(
        "from django.contrib import admin\n"
        "from django.core.checks import run_checks\n"
        "errors = [str(error) for error in run_checks(tags=['admin'])]\n"
        "registered = [model._meta.label for model in admin.site._registry]\n"
        "print(json.dumps({'errors': errors, 'registered': registered}))"
    )
    assert checked["errors"] == []
    assert {"claims.Claim", "articles.Article", "webhooks.Endpoint"} <= set(checked["registered"])
