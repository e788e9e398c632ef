"""axe-core finds no serious or critical accessibility violations on the pages people use."""

import pytest
from django.urls import reverse

from articles.models import Article
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


def expect_no_serious_violations(page, url: str, shot, name: str) -> None:
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    # Fields in a closed <details> (the admin's collapsed fieldsets) are hidden from axe.
    page.locator("details").evaluate_all("all => all.forEach(details => { details.open = true; })")
    shot(page, name)
    problems = accessibility_problems(page)
    assert not problems, f"axe-core on {url}:\n{problems}"


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violations(page, shot, name):
    expect_no_serious_violations(page, PUBLIC_PAGES[name](), shot, name)


ADMIN_PAGES = {
    # Where editors work: a claim still open for editing, with every form field; its autocompletes
    # include an empty one ("duplicate of") and a multiple choice (topics).
    "claim": lambda: change_url(Claim.objects.filter(status=ClaimStatus.DETECTED).first()),
    "claim-queue": lambda: "/admin/claims/claim/",
    "dashboard": lambda: "/admin/",
    # Autocompletes (select2): an empty one (publisher), and a multiple choice with choices made.
    "article-add": lambda: reverse("admin:articles_article_add"),
    "article": lambda: reverse(
        "admin:articles_article_change",
        args=[Article.objects.filter(contributors__isnull=False).first().pk],
    ),
    # A source with its aliases inline (a table: each input named by its column).
    "source": lambda: reverse(
        "admin:sources_source_change", args=[published_demo_claim().claimant.pk]
    ),
}


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_page_has_no_serious_accessibility_violations(new_context, shot, name):
    page = new_context(signed_in_as="editor").new_page()
    expect_no_serious_violations(page, ADMIN_PAGES[name](), shot, name)
