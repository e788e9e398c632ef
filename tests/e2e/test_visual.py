"""The visual check: each page a reader or an editor opens, at a laptop's and a phone's width,
saved as a screenshot (artifacts/e2e/visual/<page>-<width>.png) and measured: the page must not
scroll sideways and no box may cut its text off."""

import pytest

from claims.models import Claim
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.support import published_demo_claim
from tests.e2e.visual import layout_problems

WIDTHS = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}
SHOTS = ARTIFACTS / "visual"


def public_url(name: str) -> str:
    claim = published_demo_claim()
    return {
        "home": "/",
        "claim": claim.get_absolute_url(),
        "article": claim.article.get_absolute_url(),
        "source": claim.claimant.get_absolute_url(),
        "search": "/claims/?q=election",
    }[name]


def staff_url(name: str) -> str:
    return {"queue": "/admin/claims/claim/?queue=all", "dashboard": "/admin/"}[name]


def look_at(context, url: str, name: str, width: str) -> list[str]:
    page = context.new_page()
    response = page.goto(url)
    assert response.ok, f"{url} answered {response.status}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    return layout_problems(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "claim", "article", "source", "search"])
def test_public_page_fits_its_width(new_context, name, width):
    problems = look_at(new_context(viewport=WIDTHS[width]), public_url(name), name, width)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["queue", "dashboard"])
def test_newsroom_page_fits_its_width(new_context, name, width):
    assert Claim.objects.exists(), "the demo newsroom should hold claims"
    context = new_context(viewport=WIDTHS[width], signed_in_as="editor")
    problems = look_at(context, staff_url(name), name, width)
    assert not problems, "\n".join(problems)
