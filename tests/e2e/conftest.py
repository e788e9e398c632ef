"""Browser tests: Debian's Chromium driven by Playwright (sync API) against Django's live server.

Each test gets a fresh browser context (a new profile: no cookies, no storage) on a live server
whose database holds the demo newsroom (`load_demo`). Screenshots of each journey's key steps go
to artifacts/e2e/<test-name>/NN-step.png, plus failure.png when a test fails.
"""

import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

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


@pytest.fixture
def demo(live_server, django_db_serialized_rollback, monkeypatch):
    """The demo newsroom on the live server. Serialized rollback puts back what migrations
    seeded (rating scale, groups) after each test's flush, so every test starts the same."""
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    call_command("load_demo", stdout=StringIO())
    cache.clear()  # pages cached during an earlier test must not leak into this one
    yield live_server
    cache.clear()


@pytest.fixture
def new_context(browser, demo, request):
    """Make fresh browser contexts (profiles) on the live server; all closed after the test."""
    contexts = []
    problems = BrowserProblems()

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=demo.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", problems.watch)
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
