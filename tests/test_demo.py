"""`load_demo` builds the demo newsroom, and a second run changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


def counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"sources", "articles", "claims", "auth"}
    }


def test_load_demo_twice_gives_the_same_counts(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("load_demo", stdout=StringIO())
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first
    assert first["articles.Article"] == 1
    assert first["sources.Source"] >= 8


def test_demo_article_body_is_readable(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("load_demo", stdout=StringIO())
    article = Article.objects.get()
    assert "66-year-old career diplomat" in article.body
    assert "state-run RIA Novosti" in article.body
    assert "“brotherly”" in article.body  # typographic quotes kept
    assert "veteran ruler" in article.body  # wrapped lines joined
    assert article.publisher.name == "The Moscow Times"
    assert [s.name for s in article.contributors.all()] == ["Reuters"]


def test_demo_users_can_log_in_with_the_printed_password(client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    call_command("load_demo", stdout=StringIO())
    for username in ("editor", "reviewer", "reviewer2"):
        assert client.login(username=username, password="demo-password-for-tests")


def test_make_runs_start_up_prints_only_the_users_and_no_banners(monkeypatch, caplog):
    """`make run` loads the demo at verbosity 0 with warnings only: what a newcomer reads is
    who to log in as (no per-source lines, no AXES banner, no task lines)."""
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-for-tests")
    out = StringIO()
    with caplog.at_level("INFO"):
        call_command("load_demo", verbosity=0, stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == ["editor", "editor2", "reviewer", "reviewer2"]
    assert all("password: demo-password-for-tests" in line for line in lines)
    assert not settings.AXES_VERBOSE
