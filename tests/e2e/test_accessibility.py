"""axe-core finds no serious or critical accessibility violations on the pages people use."""

import pytest

from claims.models import Claim, ClaimStatus
from tests.e2e.support import accessibility_problems, change_url, published_demo_claim

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


def test_admin_claim_page_has_no_serious_accessibility_violations(new_context, shot):
    """Checked where editors work: a claim still open for editing, with every form field."""
    page = new_context(signed_in_as="editor").new_page()
    page.goto(change_url(Claim.objects.filter(status=ClaimStatus.DETECTED).first()))
    shot(page, "admin-claim")
    problems = accessibility_problems(page)
    assert not problems, f"axe-core on the admin claim page:\n{problems}"
