"""Helpers the browser journeys share: logging in, axe-core checks, watching for broken pages."""

import re

from axe_playwright_python.sync_playwright import Axe

from claims.models import Claim

DEMO_PASSWORD = "demo-password-for-browser-tests"
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def log_in(page, username: str) -> None:
    """Log in through the admin's login form, as a person would."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def published_demo_claim() -> Claim:
    """A published claim of the demo newsroom with a named claimant."""
    claim = (
        Claim.objects.published()
        .filter(claimant__isnull=False)
        .select_related("article", "claimant")
        .first()
    )
    assert claim is not None, "load_demo should publish claims with a named claimant"
    return claim


def accessibility_problems(page) -> str:
    """axe-core's serious and critical violations on the page, readably, or "" when none."""
    violations = _axe.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    return "\n".join(_describe(v) for v in blocking)


def _describe(violation) -> str:
    nodes = "\n".join(
        f"    {node['html'][:120]}\n      {_first_reason(node)}" for node in violation["nodes"][:5]
    )
    more = len(violation["nodes"]) - 5
    return (
        f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})\n"
        f"{nodes}" + (f"\n    … and {more} more" if more > 0 else "")
    )


def _first_reason(node) -> str:
    """axe's failure summary is a heading ("Fix any of the following:") and then reasons."""
    reasons = [line.strip() for line in node["failureSummary"].splitlines()[1:]]
    return reasons[0] if reasons else node["failureSummary"]


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


class BrowserProblems:
    """Uncaught JavaScript errors and Content-Security-Policy refusals seen in any page."""

    def __init__(self):
        self.seen: list[str] = []

    def watch(self, page) -> None:
        page.on("pageerror", lambda error: self.seen.append(f"{page.url}: {error}"))
        page.on("console", lambda message: self._console(page, message))

    def _console(self, page, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.seen.append(f"{page.url}: {message.text}")

    def assert_none(self) -> None:
        assert not self.seen, "The browser reported problems:\n" + "\n".join(self.seen)
