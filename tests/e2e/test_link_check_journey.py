"""A check on one link of the seed's quote chain, in a real browser: an editor records that RIA
Novosti's relay of Zheleznyak's press service is confirmed, with the evidence; a second editor
approves and publishes it (four eyes); a reader sees the finding on the chain."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article
from claims import workflow
from claims.models import Attribution, Claim, Rating, Verdict
from sources.models import Source
from tests.e2e.support import log_in, messages

QUOTE_START, QUOTE_END = "The new head of Kazakhstan", "Russian and Kazakh peoples"
EVIDENCE = "https://ria.ru/20190610/1555432100.html"


def publish_zheleznyak_claim() -> Claim:
    """The seed's Zheleznyak quote with its chain, published (the reader's starting point)."""
    article = Article.objects.get(body__contains=QUOTE_START)
    start = article.body.index(QUOTE_START)
    end = article.body.index(QUOTE_END, start) + len(QUOTE_END)
    sources = {source.name: source for source in Source.objects.all()}
    claim = Claim(
        article=article,
        start=start,
        end=end,
        claimant=sources["Sergey Zheleznyak"],
        statement="Sergey Zheleznyak said Russia expects Kazakhstan's new president to keep "
        "developing good-neighbourly relations.",
        kind="quote",
    )
    claim.anchor_from_article()
    claim.save()
    chain = [
        ("said", "Sergey Zheleznyak", ""),
        ("relayed_by", "Sergey Zheleznyak press service", "Zheleznyak’s press service"),
        ("quoted_by", "RIA Novosti", "quoted as saying by the state-run RIA Novosti"),
        ("published_by", "The Moscow Times", ""),
    ]
    for position, (role, name, text) in enumerate(chain):
        Attribution.objects.create(
            claim=claim, position=position, role=role, source=sources[name], text=text
        )
    users = {user.username: user for user in get_user_model().objects.all()}
    workflow.triage(claim, actor=users["editor"])
    workflow.assign(claim, actor=users["editor"], assignee=users["reviewer"])
    Verdict.objects.create(
        claim=claim,
        author=users["reviewer"],
        rating=Rating.objects.get(slug="true"),
        about="attribution",
        summary="His press service did say this, as RIA Novosti reported.",
    )
    workflow.submit(claim, actor=users["reviewer"])
    workflow.publish(claim, actor=users["editor"])
    return claim


def test_a_confirmed_relay_reaches_the_reader_after_a_second_editor_approves(new_context, shot):
    claim = publish_zheleznyak_claim()

    desk = new_context().new_page()
    log_in(desk, "editor")
    desk.goto(f"/admin/claims/claim/{claim.pk}/change/")
    desk.locator("tr", has_text="RIA Novosti").get_by_role("link", name="Check this link").click()
    desk.get_by_label("Finding:").select_option(label="Confirmed")
    desk.get_by_label("Note:").fill(
        "RIA Novosti quoted the press service's statement word for word."
    )
    desk.get_by_label("Evidence url:").fill(EVIDENCE)
    desk.get_by_label("Evidence title:").fill("RIA Novosti, 10 June 2019")
    desk.get_by_label("Evidence excerpt:").fill("Новый глава Казахстана …")
    desk.get_by_role("button", name="Save and continue editing").click()
    expect(messages(desk)).to_contain_text("was added successfully")
    workflow_section = desk.get_by_role("region", name="Workflow")
    workflow_section.get_by_role("button", name="Submit for approval").click()
    expect(messages(desk)).to_contain_text("The finding is now awaiting approval")
    expect(
        desk.get_by_text("You wrote this finding; another editor must approve it.")
    ).to_be_visible()
    shot(desk, "awaiting-approval")
    finding_url = desk.url

    reader = new_context().new_page()
    reader.goto(claim.get_absolute_url())
    chain = reader.get_by_role("region", name="Who said it, and through whom")
    expect(chain).to_contain_text("RIA Novosti")
    expect(chain).not_to_contain_text("Confirmed")

    second = new_context().new_page()
    log_in(second, "editor2")
    second.goto(finding_url)
    second.get_by_role("region", name="Workflow").get_by_role(
        "button", name="Approve and publish"
    ).click()
    expect(messages(second)).to_contain_text("The finding is now published")

    reader.reload()
    ria = chain.get_by_role("listitem").filter(has_text="RIA Novosti")
    expect(ria).to_contain_text("Confirmed")
    expect(ria).to_contain_text("word for word")
    expect(ria.get_by_role("link", name="RIA Novosti, 10 June 2019")).to_have_attribute(
        "href", EVIDENCE
    )
    expect(
        reader.get_by_text(re.compile("Our verdict is about: whether it was said"))
    ).to_be_visible()
    shot(reader, "reader-sees-finding")
