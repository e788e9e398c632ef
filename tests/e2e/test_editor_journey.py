"""The newsroom's whole day in a real browser: an editor pastes an article and sends a claim to a
reviewer; the reviewer gathers evidence and drafts a verdict in Markdown; a second editor asks
for changes; the first editor approves and publishes; readers see the verdict and its
ClaimReview; a correction is drafted, readers see nothing until the second editor approves it,
then they see the notice with what changed."""

import json
import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.support import (
    log_in,
    messages,
    publish_link,
    workflow_buttons,
)

ARTICLE_TITLE = "Kazakhstan's election commission confirms Tokayev's win"
ARTICLE_TEXT = """\
Kazakhstan's Central Election Commission said on Monday that Kassym-Jomart Tokayev won 70.96
percent of the vote in Sunday's snap presidential election.

Turnout was 77.4 percent, the commission said. Opposition candidate Amirzhan Kosanov received
16.2 percent, according to the official count.

Police detained about 4,000 people during protests in Almaty and Nur-Sultan, the Interior
Ministry said on Tuesday.
"""
VERDICT_BODY = """\
The Central Election Commission's **final protocol** gives Tokayev 70.96% of the vote.

- Turnout: 77.4%
- Source: [CEC protocol](https://www.election.gov.kz/)
"""


def add_article_by_pasting(page) -> None:
    page.goto("/admin/articles/article/")
    page.get_by_role("link", name="Add article").click()
    page.get_by_label("Article text").fill(ARTICLE_TEXT)
    page.get_by_label("Title").fill(ARTICLE_TITLE)
    page.get_by_role("button", name="Add article and find claims").click()


def wait_for_extraction(page) -> None:
    """Extraction runs as a background task; the article page refreshes itself until done."""
    extraction = page.get_by_role("region", name="Claim extraction")
    expect(extraction).to_contain_text(re.compile(r"Done\s+\d+ claims? detected"), timeout=30_000)


def open_claim_about(page, words: str) -> str:
    claims = page.get_by_role("region", name="Claims worth checking first")
    claims.get_by_role("link", name=re.compile(re.escape(words))).click()
    expect(page.get_by_role("heading", name="Change claim")).to_be_visible()
    return urlsplit(page.url).path


def one_click(page, label: str, outcome: str) -> None:
    workflow_buttons(page).get_by_role("button", name=label).click()
    expect(messages(page)).to_contain_text(f"now {outcome}")


def open_action(page, label: str) -> None:
    workflow_buttons(page).get_by_role("link", name=f"{label}…").click()


def assign_to_reviewer(page) -> None:
    open_action(page, "Assign")
    assignee = page.get_by_label("Assignee")
    reviewer = assignee.locator("option", has_text="(reviewer)").get_attribute("value")
    assignee.select_option(reviewer)
    page.get_by_role("button", name="Assign").click()
    expect(messages(page)).to_contain_text("now in progress")


def add_evidence(page) -> None:
    page.get_by_role("button", name="Add another Evidence").click()
    evidence = page.locator("#evidence-0")
    evidence.get_by_label("Url:", exact=True).fill("https://www.election.gov.kz/rus/news/releases/")
    evidence.get_by_label("Title:").fill("Final protocol of the Central Election Commission")
    evidence.get_by_label("Excerpt:").fill("Tokayev K.-J. K.: 6,539,715 votes (70.96%).")
    evidence.get_by_label("Stance:").select_option(label="Supports")


def draft_verdict(page, summary: str) -> None:
    verdict = page.locator("#verdict-0")
    verdict.get_by_label("Rating:").select_option(label="Mostly true")
    verdict.get_by_label("Summary:").fill(summary)
    verdict.get_by_label("Body:").fill(VERDICT_BODY)


def preview_verdict(page) -> None:
    page.locator("#verdict-0").get_by_role("button", name="Preview").click()
    preview = page.locator("#verdict-0 .verdict-preview")
    expect(preview.locator("strong")).to_have_text("final protocol")
    expect(preview.get_by_role("listitem")).to_have_count(2)


def save(page) -> None:
    page.get_by_role("button", name="Save and continue editing").click()
    expect(messages(page)).to_contain_text("changed successfully")


def request_changes(page, comment: str) -> None:
    open_action(page, "Request changes")
    page.get_by_label("Comment").fill(comment)
    page.get_by_role("button", name="Request changes").click()
    expect(messages(page)).to_contain_text("now in progress")


def publish(page) -> None:
    """The claimant was created from the pasted text: the editor confirms it, then approves."""
    workflow_buttons(page).get_by_role("button", name=re.compile("^Confirm “")).click()
    expect(messages(page)).to_contain_text("Confirmed 1 source")
    open_action(page, "Approve and publish")
    page.get_by_role("button", name="Approve and publish").click()
    expect(messages(page)).to_contain_text("now published")


def draft_correction(page, summary: str, note: str) -> None:
    open_action(page, "Draft a correction")
    page.get_by_label("Rating").select_option(label="True")
    page.get_by_label("Summary").fill(summary)
    page.get_by_label("Correction note").fill(note)
    page.get_by_role("button", name="Send the correction for approval").click()
    expect(messages(page)).to_contain_text("Sent for approval")


def approve_correction(page) -> None:
    open_action(page, "Approve and publish the correction")
    expect(page.get_by_role("region", name=re.compile("Draft correction"))).to_contain_text(
        "Mostly true"
    )
    page.get_by_role("button", name="Approve and publish").click()
    expect(messages(page)).to_contain_text("now published")


def claim_review_of(page) -> dict:
    return json.loads(page.locator("script[type='application/ld+json']").text_content())


def test_a_claim_goes_from_pasted_article_to_published_and_corrected_verdict(new_context, shot):
    editor = new_context().new_page()
    log_in(editor, "editor")
    add_article_by_pasting(editor)
    wait_for_extraction(editor)
    shot(editor, "article-extracted")

    claim_url = open_claim_about(editor, "70.96")
    one_click(editor, "Triage", "queued")
    assign_to_reviewer(editor)
    shot(editor, "triaged-and-assigned")

    reviewer = new_context().new_page()
    log_in(reviewer, "reviewer")
    reviewer.get_by_role("region", name="Assigned to me").get_by_role("link").first.click()
    expect(reviewer).to_have_url(re.compile(re.escape(claim_url)))
    add_evidence(reviewer)
    draft_verdict(reviewer, "Tokayev won 70.96%, which is “nearly 71%”.")
    preview_verdict(reviewer)
    shot(reviewer, "verdict-previewed")
    save(reviewer)
    one_click(reviewer, "Submit for review", "in review")

    editor2 = new_context().new_page()
    log_in(editor2, "editor2")
    editor2.goto(claim_url)
    request_changes(editor2, "Say which count: early results or the final protocol.")
    shot(editor2, "changes-requested")

    reviewer.reload()
    expect(reviewer.get_by_role("region", name="History")).to_contain_text("early results")
    summary = "The final protocol gives Tokayev 70.96%, which is “nearly 71%”."
    reviewer.locator("#verdict-0").get_by_label("Summary:").fill(summary)
    save(reviewer)
    one_click(reviewer, "Submit for review", "in review")
    expect(publish_link(reviewer)).to_have_count(0)
    shot(reviewer, "resubmitted")

    editor.goto(claim_url)
    publish(editor)
    shot(editor, "published")

    reader = new_context().new_page()
    public_url = editor.get_by_role("link", name="public page").get_attribute("href")
    reader.goto(public_url)
    expect(reader.locator(".verdict-lead")).to_contain_text(summary)
    expect(reader.get_by_role("main")).to_contain_text("Mostly true")
    expect(reader.get_by_role("region", name="Evidence")).to_contain_text("Final protocol")
    about = reader.get_by_role("complementary", name="About this fact check")
    expect(about).to_contain_text(re.compile(r"Checked by\s*Rosa Reviewer\s*Approved by\s*Erin"))
    review = claim_review_of(reader)
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    shot(reader, "public-verdict")

    draft_correction(
        editor,
        "The final protocol gives Tokayev 70.96%.",
        "Rated True: 70.96% rounds to 71%, so “nearly 71%” is accurate.",
    )
    reader.reload()
    expect(reader.get_by_role("main")).not_to_contain_text("rounds to 71%")
    shot(editor, "correction-drafted")

    editor2.goto(claim_url)
    approve_correction(editor2)
    shot(editor2, "correction-approved")
    reader.reload()
    notice = reader.get_by_role("region", name=re.compile(r"^Correction \d"))
    expect(notice).to_contain_text("rounds to 71%")
    expect(notice.locator("del")).to_contain_text(["Mostly true"])
    expect(notice.locator("ins").first).to_contain_text("True")
    expect(reader.locator(".verdict-lead")).to_contain_text("The final protocol gives")
    assert claim_review_of(reader)["reviewRating"]["alternateName"] == "True"
    shot(reader, "public-correction")
