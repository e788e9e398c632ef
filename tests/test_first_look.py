"""What a reader or an editor sees at first glance: words and numbers kept whole, plurals
agreeing with their numbers, no dangling separators, an unnamed source read as such, an icon."""

import re

import pytest
from django.contrib.staticfiles import finders

from claims.models import Attribution, AttributionRole
from tests.factories import make_article, make_checked_claim, make_claim

pytestmark = pytest.mark.django_db

LONG = (
    "Kazakhstan's inflation rate fell to 4.2 percent in March, the central bank said, its "
    "lowest level since the currency was floated in 2015"
)


def test_a_slug_keeps_decimals_and_ends_at_a_word(db):
    claim = make_claim(statement=LONG)
    assert claim.slug == "kazakhstans-inflation-rate-fell-to-4-2-percent-in-march-the"
    numbers = make_claim(statement="Turnout was 1,500,000 voters")
    assert numbers.slug == "turnout-was-1-500-000-voters"


def test_headings_and_messages_name_a_claim_cut_at_a_word_with_an_ellipsis(editor_client):
    claim = make_claim(statement=LONG)
    assert str(claim) == (
        "Kazakhstan's inflation rate fell to 4.2 percent in March, the central bank…"
    )
    page = editor_client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "the central bank…" in page


def test_the_queue_cuts_a_statement_at_a_word_and_shows_it_whole_on_hover(editor_client):
    claim = make_claim(statement=LONG)
    page = editor_client.get("/admin/claims/claim/?queue=all").content.decode()
    cell = re.search(r'<th class="field-statement_short">(.*?)</th>', page, re.S).group(1)
    assert f'title="{LONG.replace("'", "&#x27;")}"' in cell
    assert cell.endswith("the central bank said, its…</span></a>")
    assert claim.statement not in re.sub(r'title="[^"]*"', "", cell)


def test_plurals_agree_with_one(client, editor, reviewer):
    make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77%")
    home = client.get("/").content.decode()
    assert '<span class="visually-hidden"> fact check</span>' in home
    listing = client.get("/claims/?rating=mostly-true").content.decode()
    assert "1 published fact check matches your filters." in listing


def test_a_byline_without_publisher_or_date_has_no_dangling_separator(editor_client):
    article = make_article(url="https://example.org/a")
    make_claim(article)
    page = editor_client.get(article.get_absolute_url()).content.decode()
    byline = re.search(r'<p class="byline">(.*?)</p>', page, re.S).group(1)
    assert "Original article" in byline
    assert "·" not in byline


def test_an_unnamed_attribution_reads_as_unnamed_not_as_a_speaker(client, editor, reviewer):
    checked = make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77%")
    checked.claimant = None
    checked.attribution_phrase = "according to early results"
    checked.save()
    checked.chain.filter(role=AttributionRole.SAID).delete()
    Attribution.objects.create(
        claim=checked, position=0, role=AttributionRole.SAID, text="according to early results"
    )
    page = client.get(checked.get_absolute_url()).content.decode()
    speaker = re.search(r'<span class="chain__source">(.*?)</span>', page, re.S).group(1)
    assert speaker == "Unnamed source"
    assert "“according to early results”" in page
    cards = client.get("/claims/").content.decode()
    assert "Unnamed source (“according to early results”)" in cards
    assert "According to early results" not in cards


def test_every_page_names_an_icon_that_exists(client, editor_client, editor, reviewer):
    make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77%")
    icon = "/static/favicon.svg"
    assert finders.find("favicon.svg")
    for page in (client.get("/"), editor_client.get("/admin/")):
        assert f'<link rel="icon" href="{icon}" type="image/svg+xml">' in page.content.decode()
    favicon = client.get("/favicon.ico")
    assert (favicon.status_code, favicon["Location"]) == (301, icon)
