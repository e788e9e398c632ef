"""An editor selects words in an article's text and makes them a claim, in a real browser."""

import re

from playwright.sync_api import expect

from articles.models import Article, ExtractionState
from claims.models import Claim
from tests.e2e.support import log_in, messages


def select_text(page, locator, words: str) -> None:
    """Select ``words`` inside ``locator`` as a mouse would, then release the button."""
    locator.evaluate(
        """(element, words) => {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.textContent.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                element.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
                return;
            }
            throw new Error("words not found: " + words);
        }""",
        words,
    )


BODY = (
    "ALMATY — Kazakhstan held a snap presidential election on Sunday.\n\n"
    "Unemployment fell to 4.8 percent last year and the budget deficit shrank to 1.9 percent "
    "of GDP, the finance minister told parliament."
)
WORDS = "the budget deficit shrank to 1.9 percent of GDP"


def test_an_editor_makes_a_claim_from_selected_words(new_context, shot):
    article = Article.objects.create(
        title="Minister reports", body=BODY, raw=BODY, extraction_state=ExtractionState.DONE
    )
    words = WORDS
    page = new_context().new_page()
    log_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")

    select_text(page, page.locator("[data-selectable-body]"), words)
    expect(page.get_by_label(re.compile("Make a claim from a passage"))).to_have_value(words)
    shot(page, "passage-selected")
    page.get_by_role("button", name="Make a claim").click()

    expect(messages(page)).to_contain_text("Claim made from the selected passage")
    claim = Claim.objects.get(article=article, quote=words)
    assert article.body[claim.start : claim.end] == words
    expect(page).to_have_url(re.compile(f"/admin/claims/claim/{claim.pk}/change/"))
    shot(page, "claim-made")
