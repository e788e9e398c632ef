"""Production security settings: check --deploy, a strict CSP the admin works under, login
lockout, request size limits and private caching for logged-in users."""

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_article, make_claim, make_source

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple"


def production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "VERACITY_TESTING", "HTTPS"}}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="factcheck.example.org")
    env.update(extra)
    return env


def test_check_deploy_reports_nothing_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_hsts_is_switched_off():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=production_env(SECURE_HSTS_SECONDS="0"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "security.W004" in result.stderr + result.stdout


class ScriptTags(HTMLParser):
    """Every <script> of a page: its attributes and whether it has inline code."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append({**dict(attrs), "inline": False})

    def handle_data(self, data):
        if self.scripts and self.lasttag == "script" and data.strip():
            self.scripts[-1]["inline"] = True


def scripts_of(response) -> list[dict]:
    parser = ScriptTags()
    parser.feed(response.content.decode())
    return parser.scripts


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values for name, *values in (directive.split() for directive in header.split(";"))
    }


def assert_strict_policy(response):
    directives = policy(response)
    assert directives["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def assert_inline_scripts_carry_the_nonce(response):
    nonces = [v for v in policy(response)["script-src"] if v.startswith("'nonce-")]
    for script in scripts_of(response):
        if script["inline"] and script.get("type") != "application/ld+json":
            assert nonces, "an inline script, but no nonce in the policy"
            assert f"'nonce-{script.get('nonce')}'" == nonces[0], script


def test_admin_login_page_has_a_strict_policy_and_no_script_without_the_nonce(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_strict_policy(response)
    assert_inline_scripts_carry_the_nonce(response)


@pytest.fixture
def claim(db):
    return make_claim(make_article(publisher=make_source("Reuters")))


ADMIN_PAGES = [
    ("admin:index", None),
    ("admin:claims_claim_changelist", None),
    ("admin:claims_claim_change", "claim"),
    ("admin:claims_claim_history", "claim"),
    ("admin:articles_article_add", None),
    ("admin:articles_article_changelist", None),
    ("admin:sources_source_add", None),
    ("admin:claims_verdict_changelist", None),  # verdicts are added on the claim page
    ("admin:claims_evidence_changelist", None),
    ("admin:auth_user_changelist", None),
]


@pytest.mark.parametrize(("name", "arg"), ADMIN_PAGES)
def test_admin_pages_work_under_the_policy(client, superuser, claim, name, arg):
    client.force_login(superuser)
    response = client.get(reverse(name, args=[claim.pk] if arg else []))
    assert response.status_code == 200
    assert_strict_policy(response)
    assert_inline_scripts_carry_the_nonce(response)


def test_each_response_gets_its_own_nonce(client, superuser, claim):
    client.force_login(superuser)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    first, second = (policy(client.get(url))["script-src"] for _ in range(2))
    assert first != second


def login(client, password: str, address: str = "203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": "erin", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


@override_settings(AXES_FAILURE_LIMIT=3)
def test_admin_login_locks_out_after_repeated_failures_even_with_the_right_password(client, editor):
    for _ in range(2):
        assert login(client, "wrong").status_code == 200
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert login(client, PASSWORD).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_lockout_does_not_lock_the_user_out_from_another_address(client, editor):
    for _ in range(3):
        login(client, "wrong")
    response = login(client, PASSWORD, address="198.51.100.20")
    assert response.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_login_clears_earlier_failures(client, editor):
    for _ in range(2):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        assert login(client, "wrong").status_code == 200


@override_settings(MAX_REQUEST_BYTES=1024)
def test_an_oversized_request_is_refused_with_413_naming_the_limit(client):
    response = client.post(reverse("admin:login"), {"username": "x" * 4000})
    assert response.status_code == 413
    assert "the limit is" in response.content.decode()


@override_settings(MAX_REQUEST_BYTES=1024)
def test_an_oversized_api_request_gets_a_json_error(client):
    response = client.post("/api/v1/articles/", {"text": "x" * 4000})
    assert response.status_code == 413
    assert "the limit is" in response.json()["detail"]


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


def test_public_pages_are_cacheable_for_anonymous_readers_and_vary_on_cookie(client, db):
    response = client.get(reverse("claims:methodology"))
    assert "public" in cache_control(response)
    assert "no-store" not in cache_control(response)
    assert "Cookie" in response.headers["Vary"]


def test_a_logged_in_users_pages_are_never_stored_by_a_cache(client, outsider):
    client.force_login(outsider)
    for url in (reverse("claims:methodology"), "/no-such-page/"):
        response = client.get(url)
        assert {"private", "no-store"} <= cache_control(response), url
        assert "public" not in cache_control(response), url
