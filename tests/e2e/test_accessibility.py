"""axe-core finds no serious or critical accessibility violations on the pages people use."""

import pytest

from tests.e2e.support import accessibility_problems, log_in, published_demo_claim

PUBLIC_PAGES = {
    "home": lambda: "/",
    "claim-list": lambda: "/claims/",
    "claim": lambda: published_demo_claim().get_absolute_url(),
    "article": lambda: published_demo_claim().article.get_absolute_url(),
    "source": lambda: published_demo_claim().claimant.get_absolute_url(),
    "methodology": lambda: "/methodology/",
}


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violations(page, shot, name):
    url = PUBLIC_PAGES[name]()
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    shot(page, name)
    problems = accessibility_problems(page)
    assert not problems, f"axe-core on {url}:\n{problems}"


def test_admin_claim_page_has_no_serious_accessibility_violations(page, shot):
    log_in(page, "editor")
    claim = published_demo_claim()
    page.goto(f"/admin/claims/claim/{claim.pk}/change/")
    shot(page, "admin-claim")
    problems = accessibility_problems(page)
    assert not problems, f"axe-core on the admin claim page:\n{problems}"
