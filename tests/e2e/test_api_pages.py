"""The browsable API and the Swagger UI docs render under the site's Content-Security-Policy:
no inline style or script is refused (the fixture fails the test on any refusal) and the pages
keep the look their inline styles gave them, from our own files."""

from playwright.sync_api import expect


def test_swagger_docs_render_styled_under_the_csp(page):
    page.goto("/api/docs/", timeout=60_000)  # Swagger UI's bundle is large
    expect(page.locator(".swagger-ui .info .title")).to_be_visible(timeout=60_000)
    body = page.evaluate("() => getComputedStyle(document.body).margin")
    assert body == "0px"
    assert page.locator('link[rel="icon"]').count() == 1


def test_browsable_api_renders_styled_under_the_csp(new_context):
    page = new_context(signed_in_as="editor").new_page()
    page.goto("/api/v1/claims/")
    filters = page.get_by_role("button", name="Filters")
    expect(filters).to_be_visible()
    assert filters.evaluate("el => getComputedStyle(el).float") == "right"
    page.goto("/api/v1/claims/?ordering=-checkworthiness")
