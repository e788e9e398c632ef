"""Helpers the browser journeys share: logging in, axe-core checks, watching for broken pages."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

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


def change_url(claim: Claim) -> str:
    return f"/admin/claims/claim/{claim.pk}/change/"


def workflow_buttons(page):
    """The claim change page's "Workflow" section, with one button or link per action."""
    return page.get_by_role("region", name="Workflow")


def usable_button(page, label: str):
    """An enabled workflow button (refused actions may show disabled, with the reason)."""
    return workflow_buttons(page).get_by_role("button", name=label, disabled=False)


def publish_link(page):
    """ "Approve and publish…": it opens a page to confirm, and to choose a time."""
    return workflow_buttons(page).get_by_role("link", name="Approve and publish…")


def approve_and_publish(page) -> None:
    publish_link(page).click()
    page.get_by_role("button", name="Approve and publish").click()


def messages(page):
    """The admin's messages after an action ("Done. The claim is now …")."""
    return page.locator(".messagelist")


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


PAGE_WIDTH_JS = """viewportWidth => ({
    width: document.scrollingElement.scrollWidth,
    culprits: [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > viewportWidth + 1)
        .slice(0, 5)
        .map(el => el.outerHTML.slice(0, 100)),
})"""


def page_width(page) -> tuple[int, list[str]]:
    """The document's scroll width, and the first elements that stick out past the viewport."""
    measured = page.evaluate(PAGE_WIDTH_JS, page.viewport_size["width"])
    return measured["width"], measured["culprits"]


FOCUS_JS = """() => {
    const el = document.activeElement;
    if (el === document.body) return {problem: "", html: "body"};  // past the end: wraps round
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== "none";
    const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
        && box.top < window.innerHeight && box.left < window.innerWidth;
    const problem = !ring ? "no outline or ring" : !onScreen ? "off screen" : "";
    return {problem, html: el.outerHTML.slice(0, 120)};
}"""


def tab_to(page, target, *, limit: int = 80) -> None:
    """Press Tab until ``target`` (a locator) has focus; every element passed on the way must
    show where the focus is (an outline or ring, on screen)."""
    expect(target).to_be_visible()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        assert not focus["problem"], f"Focus invisible ({focus['problem']}): {focus['html']}"
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {target}")


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
