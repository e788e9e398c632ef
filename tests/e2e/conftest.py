"""Browser tests: Debian's Chromium driven by Playwright (sync API) against Django's live server.

Each test gets a fresh browser context (a new profile: no cookies, no storage) on a live server
whose database holds the demo newsroom (`load_demo`). Screenshots of each journey's key steps go
to artifacts/e2e/<test-name>/NN-step.png, and every open page to failure-NM.png when a test
fails. Uncaught JavaScript errors and Content-Security-Policy refusals fail the test.
"""

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.e2e.support import DEMO_PASSWORD, BrowserProblems

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000


def find_chromium() -> str | None:
    """CHROMIUM if set, else Debian's /usr/bin/chromium, else any chromium on PATH."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture(scope="session")
def browser():
    chromium = find_chromium()
    if chromium is None:
        pytest.skip(
            "No Chromium: install Debian's package (apt-get install -y chromium) "
            "or set CHROMIUM=/path/to/chromium. `make e2e` does this when run as root."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, which makes Django's
    # ORM refuse to run here (SynchronousOnlyOperation) unless told the calls are safe.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo newsroom once, into the freshly migrated test database, and make it the
    state that serialized rollback restores after each test's flush: every test starts from the
    same newsroom without paying for `load_demo` (and its extraction) again."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
        call_command("load_demo", stdout=StringIO())
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def demo(live_server, django_db_serialized_rollback):
    """The live server on the demo newsroom, restored to its loaded state for this test (the
    cache is emptied by tests/conftest.py before each test)."""
    return live_server


@pytest.fixture
def new_context(browser, demo, request):
    """Make fresh browser contexts (profiles) on the live server; all closed after the test."""
    contexts = []
    problems = BrowserProblems()

    def make(*, signed_in_as: str | None = None, **options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=demo.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", problems.watch)
        if signed_in_as:
            context.add_cookies([session_cookie(signed_in_as, demo.url)])
        contexts.append(context)
        return context

    yield make
    if getattr(request.node, "e2e_failed", False):
        for n, context in enumerate(contexts):
            for m, page in enumerate(context.pages):
                page.screenshot(path=shots_dir(request) / f"failure-{n}{m}.png", full_page=True)
    for context in contexts:
        context.close()
    problems.assert_none()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def session_cookie(username: str, url: str) -> dict:
    """A logged-in session for tests about what comes after the login form, which the
    journeys fill in themselves."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": url}


def shots_dir(request) -> Path:
    return ARTIFACTS / re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")


@pytest.fixture
def shot(request):
    """shot(page, "search-results") saves artifacts/e2e/<test>/NN-search-results.png."""
    folder = shots_dir(request)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    counter = iter(range(1, 100))

    def take(page, step: str) -> None:
        page.screenshot(path=folder / f"{next(counter):02d}-{step}.png", full_page=True)

    return take
