"""A reader finds a fact check, follows it to its source and to the annotated article, and comes
back through the highlight: with a mouse, with the keyboard only, and on a 360 px wide phone."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.support import page_width, published_demo_claim, tab_to

CLAIM_URL = re.compile(r"/claims/\d+-[\w-]+/$")
SOURCE_URL = re.compile(r"/sources/[\w-]+/$")
ARTICLE_URL = re.compile(r"/articles/\d+/")
RESULTS_URL = re.compile(r"/claims/\?q=Tokayev")
PHONE = {"width": 360, "height": 740}


def search_box(page):
    """The search form in the page header, present on every public page."""
    return page.get_by_role("banner").get_by_role("searchbox", name="Search fact checks")


def first_result(page):
    return page.get_by_role("main").get_by_role("article").first.get_by_role("link").first


def chain(page):
    return page.get_by_role("region", name="Who said it, and through whom")


def first_source_in_chain(page):
    return chain(page).locator("a[href^='/sources/']").first


def link_to_article(page):
    return page.get_by_role("link", name="See it in the annotated article")


def highlight_of(page, claim_url: str):
    """The claim's highlighted quote in the annotated article, a link back to the claim page."""
    claim_id = re.search(r"/claims/(\d+)-", claim_url)[1]
    return page.locator(f"#claim-{claim_id}")


def expect_the_check_in_full(page) -> None:
    """The claim page shows the verdict, the evidence and the chain of who said it."""
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_be_visible()
    expect(main.locator(".verdict-lead")).to_be_visible()
    expect(main.get_by_role("heading", name="What we found")).to_be_visible()
    expect(main.get_by_role("heading", name="Evidence", exact=True)).to_be_visible()
    expect(chain(page).get_by_role("listitem").first).to_be_visible()


def expect_track_record_chart(page) -> None:
    chart = page.get_by_role("img", name=re.compile("Track record of"))
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert min(box["width"], box["height"]) > 50, f"The chart is too small to read: {box}"


def expect_highlighted(page, claim_url: str) -> None:
    """The article opens at the claim's highlight, which links back to the claim page."""
    highlight = highlight_of(page, claim_url)
    expect(highlight).to_be_in_viewport()
    expect(highlight).to_have_attribute("href", urlsplit(claim_url).path)
    expect(highlight).to_have_class(re.compile(r"\bhl\b"))


def test_reader_follows_a_fact_check_to_its_source_and_article_and_back(page, shot):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "home")

    search_box(page).fill("Tokayev")
    page.get_by_role("banner").get_by_role("button", name="Search").click()
    expect(page).to_have_url(RESULTS_URL)
    expect(page.get_by_role("main").get_by_role("article").first).to_contain_text("Tokayev")
    shot(page, "search-results")

    first_result(page).click()
    expect(page).to_have_url(CLAIM_URL)
    claim_url = page.url
    expect_the_check_in_full(page)
    shot(page, "claim")

    first_source_in_chain(page).click()
    expect(page).to_have_url(SOURCE_URL)
    expect_track_record_chart(page)
    shot(page, "source")

    page.go_back()
    link_to_article(page).click()
    expect(page).to_have_url(ARTICLE_URL)
    expect_highlighted(page, claim_url)
    shot(page, "article-with-highlight")

    highlight_of(page, claim_url).click()
    expect(page).to_have_url(claim_url)
    shot(page, "back-on-claim")


def test_keyboard_reader_reaches_the_same_places_with_tab_and_enter(page, shot):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    shot(page, "skip-link")

    tab_to(page, search_box(page))
    page.keyboard.type("Tokayev")
    page.keyboard.press("Enter")
    expect(page).to_have_url(RESULTS_URL)

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    tab_to(page, first_result(page))
    shot(page, "result-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(CLAIM_URL)
    claim_url = page.url
    expect_the_check_in_full(page)

    tab_to(page, first_source_in_chain(page))
    shot(page, "source-link-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(SOURCE_URL)
    expect_track_record_chart(page)

    page.go_back()  # the browser's Back (Alt+Left in a desktop browser)
    tab_to(page, link_to_article(page))
    page.keyboard.press("Enter")
    expect(page).to_have_url(ARTICLE_URL)
    expect_highlighted(page, claim_url)
    tab_to(page, highlight_of(page, claim_url))
    shot(page, "highlight-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(claim_url)


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


def test_pages_fit_a_360_pixel_wide_phone_without_sideways_scrolling(phone, shot):
    claim = published_demo_claim()
    pages = {
        "home": "/",
        "search-results": "/claims/?q=Tokayev",
        "claim": claim.get_absolute_url(),
        "source": claim.claimant.get_absolute_url(),
        "article": claim.article.get_absolute_url(),
        "methodology": "/methodology/",
    }
    for name, url in pages.items():
        assert phone.goto(url).status == 200, url
        shot(phone, name)
        width, culprits = page_width(phone)
        assert width <= PHONE["width"], f"{url} is {width}px wide; sticking out: {culprits}"
