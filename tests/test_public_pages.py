"""The public pages as an anonymous reader sees them, and staff previews."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import workflow
from claims.models import Claim
from claims.public.views import ClaimListView
from tests.factories import (
    make_article,
    make_checked_claim,
    make_claim,
    make_correction,
    make_published_claim,
    make_source,
    make_topic,
    make_verdict,
    rating,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(editor, reviewer):
    return make_checked_claim(
        editor=editor, reviewer=reviewer, statement="Tokayev won with nearly 71% of the vote"
    )


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_home_shows_latest_checks_and_counts_by_rating(client, checked):
    html = html_of(client.get("/"))
    assert "Tokayev won with nearly 71% of the vote" in html
    assert re.search(r"Mostly true</span><span class=\"rating-counts__n\">1<", html)
    assert 'role="search"' in html


def test_claim_page_shows_the_check_in_full(client, checked, editor, reviewer):
    html = html_of(client.get(checked.get_absolute_url()))
    verdict = checked.verdict
    assert '<h1 class="claim__statement">Tokayev won with nearly 71% of the vote</h1>' in html
    assert f'<mark class="quote-mark">{checked.quote}</mark>' in html
    assert 'class="badge rating-mostly-true badge--large">Mostly true</span>' in html
    assert verdict.summary in html
    assert "<strong>70.96%</strong>" in html  # the Markdown body, rendered
    for link in checked.chain.all():
        assert link.source.get_absolute_url() in html
    assert "state-affiliated" in html
    assert html.index("Contradicts") < html.index("Supports")
    assert "https://web.archive.org/web/2019/x" in html
    assert reviewer.get_username() in html
    assert editor.get_username() in html
    assert f"{checked.article.get_absolute_url()}#claim-{checked.pk}" in html


def test_a_wrong_or_missing_slug_redirects_permanently_to_the_claim_page(client, checked):
    for url in (f"/claims/{checked.pk}-something-else/", f"/claims/{checked.pk}/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == checked.get_absolute_url()


def test_unknown_claim_is_not_found_with_a_page_that_helps(client, db):
    response = client.get("/claims/999999-nothing/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_unpublished_claim_is_not_found_for_readers_and_outsiders(client, outsider, reviewer):
    claim = make_claim()
    assert client.get(claim.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(claim.get_absolute_url()).status_code == 404


def test_staff_preview_an_unpublished_claim_never_cached_and_not_indexed(client, editor, reviewer):
    claim = make_claim()
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer, summary="Draft summary for the preview")
    client.force_login(reviewer)
    response = client.get(claim.get_absolute_url())
    html = html_of(response)
    assert "Preview." in html
    assert "Draft summary for the preview" in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "application/ld+json" not in html


def test_retracted_claim_shows_the_retraction_note_instead_of_the_verdict(
    client, checked, editor, editor2
):
    make_correction(
        checked,
        drafter=editor,
        approver=editor2,
        action="retract",
        note="The source we relied on was withdrawn.",
    )
    html = html_of(client.get(checked.get_absolute_url()))
    assert "This fact check was retracted" in html
    assert "The source we relied on was withdrawn." in html
    assert checked.verdict.summary not in html
    assert "Mostly true" not in html.split("<main")[1]
    assert "application/ld+json" not in html


def test_corrected_claim_shows_the_correction_and_the_new_verdict(client, checked, editor, editor2):
    make_correction(
        checked,
        drafter=editor,
        approver=editor2,
        note="The turnout figure was wrong.",
        summary="New.",
    )
    html = html_of(client.get(checked.get_absolute_url()))
    assert "The turnout figure was wrong." in html
    assert '<p class="verdict-lead__summary">New.</p>' in html


def test_the_claim_page_opens_with_what_the_correction_changed(client, checked, editor, editor2):
    make_correction(
        checked,
        drafter=editor,
        approver=editor2,
        note="The count was final, not early.",
        rating=rating("true"),
        summary="The final count was 70.96%.",
    )
    html = html_of(client.get(checked.get_absolute_url()))
    notice = html[html.index('class="correction-notice"') : html.index("</section>")]
    assert "The count was final, not early." in notice
    assert "<del>Mostly true</del> → <ins>True</ins>" in notice
    assert "The <del>official</del><ins>final</ins> count was 70.96%." in notice
    assert html.index('class="correction-notice"') < html.index('id="context-heading"')


def test_cards_and_feeds_mark_a_corrected_fact_check(client, checked, editor, editor2):
    make_correction(checked, drafter=editor, approver=editor2, summary="Fixed.")
    assert "Corrected" in html_of(client.get("/claims/"))
    assert "Corrected: " in client.get("/feeds/claims.rss").content.decode()


def test_claim_page_lists_related_published_claims_only(client, checked, editor, reviewer):
    sibling = make_claim(
        checked.article,
        quote="Police arrested 500 people at rallies in Almaty",
        claimant=checked.claimant,
    )
    hidden = make_claim(claimant=checked.claimant, statement="An unpublished sibling")
    make_published_claim(editor=editor, reviewer=reviewer, claim=sibling)
    html = html_of(client.get(checked.get_absolute_url()))
    assert "Related fact checks" in html
    assert sibling.get_absolute_url() in html
    assert hidden.get_absolute_url() not in html


@pytest.fixture
def two_checks(editor, reviewer):
    tokayev = make_source("Tokayev", kind="person")
    agency = make_source("Agency")
    true_claim = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=make_claim(claimant=tokayev, statement="Turnout was 77 percent"),
        rating=rating("true"),
    )
    false_claim = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=make_claim(article=make_article(publisher=agency), statement="Nobody was detained"),
        rating=rating("false"),
    )
    false_claim.topics.add(make_topic("Protests"))
    # Search documents are refreshed explicitly wherever a claim changes (claims/search.py).
    return true_claim, false_claim


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rating=true", "Turnout was 77 percent"),
        ("rating=false", "Nobody was detained"),
        ("claimant=tokayev", "Turnout was 77 percent"),
        ("claimant=Toka", "Turnout was 77 percent"),
        ("source=agency", "Nobody was detained"),
        ("source=Agen", "Nobody was detained"),
        ("topic=protests", "Nobody was detained"),
        ("q=detained", "Nobody was detained"),
        ("q=turnout", "Turnout was 77 percent"),
    ],
)
def test_claim_list_filters_and_searches(client, two_checks, query, expected):
    html = html_of(client.get(f"/claims/?{query}"))
    found = {c.statement for c in two_checks if f">{c.statement}</a>" in html}
    assert found == {expected}


def test_claim_list_filters_by_date_checked(client, two_checks):
    today = timezone.now().date()
    assert "1 published fact check" not in html_of(client.get(f"/claims/?checked_after={today}"))
    later = today + timedelta(days=1)
    assert "0 published fact checks" in html_of(client.get(f"/claims/?checked_after={later}"))


def test_claim_list_is_paginated(client, editor, reviewer, monkeypatch):
    monkeypatch.setattr(ClaimListView, "paginate_by", 2)
    article = make_article()
    for _ in range(3):
        make_published_claim(editor=editor, reviewer=reviewer, claim=make_claim(article))
    first, second = client.get("/claims/"), client.get("/claims/?page=2")
    assert html_of(first).count('class="card"') == 2
    assert html_of(second).count('class="card"') == 1
    assert "Page 2 of 2" in second.content.decode()


def test_article_page_highlights_published_claims_and_leaves_the_others_unmarked(client, checked):
    other = make_claim(checked.article, quote="Police arrested 500 people at rallies in Almaty")
    html = html_of(client.get(checked.article.get_absolute_url()))
    url = checked.get_absolute_url()
    assert f'<a class="hl hl-mostly-true" id="claim-{checked.pk}" href="{url}"' in html
    assert "Police arrested 500 people" in html  # the text is there, unmarked
    assert f"claim-{other.pk}" not in html
    assert other.get_absolute_url() not in html


def test_article_without_a_published_claim_is_not_found(client, db):
    article = make_claim().article
    assert client.get(article.get_absolute_url()).status_code == 404


def test_staff_may_open_an_article_without_published_claims_as_a_preview(editor_client):
    article = make_claim().article
    html = html_of(editor_client.get(article.get_absolute_url()))
    assert "Preview." in html
    assert '<meta name="robots" content="noindex">' in html


def test_source_page_shows_who_they_are_and_an_honest_track_record(client, checked):
    claimant = checked.claimant
    html = html_of(client.get(claimant.get_absolute_url()))
    assert "1 claim checked: 1 Mostly true." in html
    assert '<svg class="chart" role="img"' in html
    assert '<title id="chart-title">Track record' in html
    assert "not a sample of everything" in html
    assert checked.get_absolute_url() in html


def test_relay_source_page_lists_claims_it_relayed_and_says_state_affiliation(client, checked):
    relay = checked.chain.get(role="relayed_by").source
    html = html_of(client.get(relay.get_absolute_url()))
    assert "State-affiliated" in html
    assert "No claims checked yet." in html  # relaying is not a track record
    assert checked.get_absolute_url() in html.split('id="relayed-heading"')[1]


def test_unconfirmed_source_is_not_found(client, db):
    source = make_source("Someone extraction guessed", confirmed=False)
    assert client.get(source.get_absolute_url()).status_code == 404


def test_methodology_lists_every_rating_with_its_definition(client, db):
    html = html_of(client.get("/methodology/"))
    for slug in ("true", "mostly-true", "half-true", "mostly-false", "false", "misleading"):
        assert rating(slug).definition in html
    assert "Corrections policy" in html


def test_corrections_page_lists_corrections_and_retractions_newest_first(
    client, checked, editor, editor2, reviewer
):
    make_correction(
        checked, drafter=editor, approver=editor2, note="First we fixed a figure.", summary="Fixed."
    )
    other = make_published_claim(editor=editor, reviewer=reviewer)
    make_correction(
        other,
        drafter=editor,
        approver=editor2,
        action="retract",
        note="Then we withdrew another check.",
    )
    html = html_of(client.get("/corrections/"))
    assert html.index("Then we withdrew") < html.index("First we fixed a figure.")


@pytest.mark.parametrize(
    "url", ["/", "/claims/", "/methodology/", "/corrections/", "CLAIM", "ARTICLE", "SOURCE"]
)
def test_every_page_has_canonical_open_graph_and_twitter_tags(client, checked, url):
    url = {
        "CLAIM": checked.get_absolute_url(),
        "ARTICLE": checked.article.get_absolute_url(),
        "SOURCE": checked.claimant.get_absolute_url(),
    }.get(url, url)
    html = html_of(client.get(url))
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    for tag in ("og:title", "og:description", "og:url", "og:type", "twitter:card"):
        assert re.search(rf'<meta (property|name)="{tag}" content="[^"]+">', html), tag
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<script>" not in html
    assert "style=" not in html


def test_rating_stylesheet_gives_each_rating_a_colour_and_readable_text(client, db):
    response = client.get(reverse("claims:ratings_css"))
    css = html_of(response)
    assert response["Content-Type"].startswith("text/css")
    assert ".rating-true { background-color: #1a7f37; color: #ffffff; }" in css
    assert ".rating-mostly-true { background-color: #4d8f1f; color: #111111; }" in css


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    text = html_of(client.get("/robots.txt"))
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_published_claims_have_a_published_verdict(db, checked):
    assert Claim.objects.published().get() == checked
