"""A reader sends a claim through the site; an editor turns it into a claim; once it is
published, the reader's email says so."""

from django.core import mail
from playwright.sync_api import expect

from claims import workflow
from claims.models import Verdict
from core.roles import EDITOR_GROUP
from tests.e2e.support import log_in, messages
from tests.factories import make_user, rating
from tips.models import Tip

CLAIM = "The new metro line carried 2 million passengers in its first week."


def test_a_readers_claim_becomes_a_fact_check_and_the_reader_hears_of_it(new_context, shot):
    reader = new_context().new_page()
    reader.goto("/")
    reader.get_by_role("contentinfo").get_by_role("link", name="Suggest a claim to check").click()
    reader.get_by_label("What should we check?").fill(CLAIM)
    reader.get_by_label("Where did you see or hear it?").fill("City TV, 3 June")
    reader.get_by_label("Your email (optional)").fill("reader@example.org")
    shot(reader, "tip-filled")
    reader.get_by_role("button", name="Send").click()
    expect(reader.get_by_role("heading", name="Thank you")).to_be_visible()

    editor = new_context().new_page()
    log_in(editor, "editor")
    editor.goto("/admin/tips/tip/")
    editor.get_by_role("row", name="The new metro line").get_by_role("checkbox").check()
    editor.locator("select[name=action]").select_option(label="Turn selected tips into claims")
    editor.get_by_role("button", name="Run").click()
    expect(messages(editor)).to_contain_text("Made 1 claim")
    shot(editor, "tip-turned-into-claim")

    claim = Tip.objects.get().claim
    reviewer, approver = make_user("tip_reviewer", group="Reviewer"), make_user(group=EDITOR_GROUP)
    workflow.triage(claim, actor=approver)
    workflow.assign(claim, actor=approver, assignee=reviewer)
    Verdict.objects.create(
        claim=claim, author=reviewer, rating=rating("false"), summary="It carried 1.2 million."
    )
    workflow.submit(claim, actor=reviewer)
    workflow.publish(claim, actor=approver)

    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
    assert claim.get_absolute_url() in mail.outbox[0].body
