"""The admin holds the line in a real browser: a reviewer cannot publish, nobody approves their
own verdict, and a save based on a stale copy of a claim is refused without losing the input."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from claims import workflow
from claims.models import Claim, ClaimStatus
from tests.e2e.support import (
    approve_and_publish,
    change_url,
    messages,
    publish_link,
    workflow_buttons,
)
from tests.factories import make_verdict


def demo_user(username: str):
    return get_user_model().objects.get(username=username)


def a_detected_claim() -> Claim:
    return Claim.objects.filter(status=ClaimStatus.DETECTED).order_by("pk").first()


def submitted_by(author_name: str) -> Claim:
    """A demo claim assigned to ``author_name``, who wrote its verdict and submitted it."""
    claim, editor, author = a_detected_claim(), demo_user("editor2"), demo_user(author_name)
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=author)
    make_verdict(claim, author)
    return workflow.submit(claim, actor=author)


def force_action(page, claim: Claim, action: str):
    """POST a workflow action the page offers no button for, as a crafted request would."""
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    return page.request.post(
        f"/admin/claims/claim/{claim.pk}/act/{action}/",
        form={"csrfmiddlewaretoken": token},
        headers={"Referer": page.url},
    )


def test_reviewer_cannot_publish(new_context, shot):
    claim = submitted_by("reviewer")
    page = new_context(signed_in_as="reviewer").new_page()
    page.goto(change_url(claim))
    expect(publish_link(page)).to_have_count(0)
    shot(page, "no-publish-button")

    response = force_action(page, claim, "publish")
    assert "Only an editor can approve and publish." in response.text()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    reader = new_context().new_page()
    assert reader.goto(claim.get_absolute_url()).status == 404


def test_editor_cannot_approve_a_verdict_they_wrote_but_another_editor_can(new_context, shot):
    claim = submitted_by("editor")
    author = new_context(signed_in_as="editor").new_page()
    author.goto(change_url(claim))
    expect(workflow_buttons(author)).to_contain_text("Request changes")
    expect(publish_link(author)).to_have_count(0)
    expect(workflow_buttons(author)).to_contain_text("another editor must approve it")
    shot(author, "author-cannot-approve")
    response = force_action(author, claim, "publish")
    assert "another editor must approve it" in response.text()

    second = new_context(signed_in_as="editor2").new_page()
    second.goto(change_url(claim))
    approve_and_publish(second)
    expect(messages(second)).to_contain_text("now published")
    shot(second, "second-editor-published")


def test_second_tab_saving_a_stale_claim_is_refused_and_keeps_its_input(new_context, shot):
    claim = a_detected_claim()
    first, second = (new_context(signed_in_as="editor").new_page() for _ in range(2))
    for tab in (first, second):
        tab.goto(change_url(claim))

    statement = first.get_by_role("textbox", name="Statement:")
    statement.fill("Nazarbayev handpicked Tokayev as his successor in March 2019.")
    first.get_by_role("button", name="Save and continue editing").click()
    expect(messages(first)).to_contain_text("changed successfully")

    mine = "Nazarbayev chose Tokayev, a 66-year-old career diplomat, to succeed him."
    second.get_by_role("textbox", name="Statement:").fill(mine)
    second.get_by_role("button", name="Save and continue editing").click()
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.get_by_role("main")).to_contain_text(re.compile("after you opened it"))
    expect(second.get_by_role("textbox", name="Statement:")).to_have_value(mine)
    shot(second, "stale-save-refused")

    claim.refresh_from_db()
    assert claim.statement == "Nazarbayev handpicked Tokayev as his successor in March 2019."
