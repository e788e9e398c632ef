"""Claim matching: the same claim in other words is suggested, or linked when sure."""

import pytest
from django.core.cache import cache
from django.db import connection

from claims.admin.matching import similar_claims_panel
from claims.matching.keys import match_key, similarity
from claims.matching.matches import (
    anchor_tokens,
    linked_fact_check,
    match_new_claim,
    similar_claims,
    unlink_duplicate,
)
from claims.matching.related import related_claims
from claims.models import Claim
from claims.workflow import dismiss
from tests.factories import make_article, make_claim, make_published_claim, make_source

TOKAYEV = "Tokayev won nearly 71% of the vote"
TOKAYEV_REWORDED = "Tokayev took almost 71 percent of votes"


def new_claim(statement: str, **fields) -> Claim:
    """A claim created the way extraction, the admin and imports create one."""
    claim = make_claim(make_article(f"{statement}. Nothing else happened."), statement, **fields)
    match_new_claim(claim)
    return claim


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (TOKAYEV, TOKAYEV_REWORDED),
        ("Police arrested 5,000 people", "police detained 5000 people"),
        ("Turnout was 77.5 per cent", "turnout was 77.5%"),
        ("He got two thirds of the votes", "he received 2 thirds of the vote"),
    ],
)
def test_match_keys_fold_numbers_synonyms_and_word_forms(one, other):
    assert match_key(one) == match_key(other)


def test_conflicting_numbers_lower_the_score_but_extra_detail_does_not():
    base = match_key("Police arrested 500 people at rallies in Almaty")
    other_number = match_key("Police arrested 5,000 people at rallies in Almaty")
    with_year = match_key("Police arrested 500 people at rallies in Almaty in 2019")

    assert similarity(base, other_number) < 0.6
    assert similarity(base, with_year) > 0.8


def test_reworded_claim_above_the_link_threshold_is_linked_as_duplicate(db):
    original = new_claim(TOKAYEV)

    duplicate = new_claim(TOKAYEV_REWORDED)

    duplicate.refresh_from_db()
    assert duplicate.duplicate_of == original
    assert "linked automatically" in duplicate.history.first().history_change_reason


def test_claim_between_the_thresholds_is_suggested_but_not_linked(db):
    original = new_claim("Police arrested 500 people at rallies in Almaty on Sunday")

    similar = new_claim("Police detained 500 protesters in Almaty")

    similar.refresh_from_db()
    assert similar.duplicate_of is None
    [suggestion] = similar_claims(similar)
    assert suggestion.claim == original
    assert 0.45 <= suggestion.score < 0.8


def test_claim_below_the_suggest_threshold_is_not_suggested(db):
    new_claim(TOKAYEV)

    unrelated = new_claim("Turnout reached 77 percent nationwide on Sunday")

    assert similar_claims(unrelated) == []


def test_thresholds_come_from_settings(db, settings):
    settings.VERACITY_MATCH_LINK = 1.01
    settings.VERACITY_MATCH_SUGGEST = 0.99
    original = new_claim(TOKAYEV)

    duplicate = new_claim(TOKAYEV_REWORDED)

    assert duplicate.duplicate_of is None
    assert [match.claim for match in similar_claims(duplicate)] == [original]


def test_short_statements_are_suggested_but_never_linked(db):
    original = new_claim("Tokayev won 71%")

    short = new_claim("Tokayev took 71 percent")

    short.refresh_from_db()
    assert short.duplicate_of is None
    assert similar_claims(short)[0].claim == original


def test_link_prefers_a_published_fact_check_and_editors_see_it(editor, reviewer):
    new_claim(TOKAYEV)
    checked = new_claim("Tokayev won nearly 71 percent of the votes")
    checked.duplicate_of = None
    checked.save()
    make_published_claim(editor=editor, reviewer=reviewer, claim=checked)

    duplicate = new_claim(TOKAYEV_REWORDED)

    assert duplicate.duplicate_of == checked
    assert linked_fact_check(duplicate) == checked
    panel = similar_claims_panel(duplicate)
    assert "Already checked" in panel
    assert "The official count was 70.96%." in panel


def test_link_follows_a_chain_of_duplicates_to_the_original(db):
    original = new_claim(TOKAYEV)
    second = new_claim(TOKAYEV_REWORDED)
    assert second.duplicate_of == original

    third = new_claim("Tokayev secured nearly 71 per cent of the votes")

    assert third.duplicate_of == original


def test_dismissed_claims_are_never_link_targets(editor):
    dismissed = new_claim(TOKAYEV)
    dismiss(dismissed, actor=editor, comment="Not checkable then")

    duplicate = new_claim(TOKAYEV_REWORDED)

    assert duplicate.duplicate_of is None
    assert similar_claims(duplicate)[0].claim == dismissed


def test_editor_can_undo_an_automatic_link(editor):
    new_claim(TOKAYEV)
    duplicate = new_claim(TOKAYEV_REWORDED)

    unlink_duplicate(duplicate, actor=editor)

    duplicate.refresh_from_db()
    assert duplicate.duplicate_of is None
    assert "unlinked by erin" in duplicate.history.first().history_change_reason


def test_unlink_action_in_the_admin_list_clears_the_link(editor_client):
    new_claim(TOKAYEV)
    duplicate = new_claim(TOKAYEV_REWORDED)

    editor_client.post(
        "/admin/claims/claim/",
        {"action": "unlink_duplicates", "_selected_action": [duplicate.pk]},
    )

    duplicate.refresh_from_db()
    assert duplicate.duplicate_of is None


def test_editor_sees_the_published_fact_check_on_the_duplicate_claims_page(
    editor_client, editor2, reviewer
):
    checked = new_claim(TOKAYEV)
    make_published_claim(editor=editor2, reviewer=reviewer, claim=checked)
    duplicate = new_claim(TOKAYEV_REWORDED)

    page = editor_client.get(f"/admin/claims/claim/{duplicate.pk}/change/").content.decode()

    assert "Checked before?" in page
    assert "Already checked" in page
    assert checked.get_absolute_url() in page


def test_panel_lists_look_alikes_with_their_score(db):
    original = new_claim("Police arrested 500 people at rallies in Almaty on Sunday")
    similar = new_claim("Police detained 500 protesters in Almaty")

    panel = similar_claims_panel(similar)

    assert f"/admin/claims/claim/{original.pk}/change/" in panel
    assert f"{similar_claims(similar)[0].score:.2f}" in panel


def test_related_claims_are_published_only_and_never_the_claim_itself(editor, reviewer):
    claimant = make_source("Kassym-Jomart Tokayev")
    claim = new_claim(TOKAYEV, claimant=claimant)
    published_twin = new_claim("Tokayev won 71 percent of the vote in June", claimant=claimant)
    make_published_claim(editor=editor, reviewer=reviewer, claim=published_twin)
    new_claim("Tokayev won nearly 71 percent of all votes cast")  # unpublished
    same_claimant = new_claim("Pensions will rise by 10 percent", claimant=claimant)
    make_published_claim(editor=editor, reviewer=reviewer, claim=same_claimant)

    related = related_claims(claim, limit=5)

    assert related == [published_twin, same_claimant]
    assert related_claims(claim, limit=1) == [published_twin]


def test_anchor_tokens_are_the_rarest_number_then_the_rarest_words_never_unused_ones():
    key = "taraz spend 89 percent budget police 2012 last week"
    frequencies = {"2012": 0.02, "89": 0.003, "taraz": 0.04, "budget": 0.08, "police": 0.1}
    frequencies |= {"spend": 0.1, "last": 0.08}

    assert anchor_tokens(key, frequencies) == ["89", "week", "2012", "taraz", "budget", "last"]
    assert anchor_tokens(key, frequencies, unused={"week"}) == [
        *("89", "2012", "taraz", "budget", "last", "police")
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's token statistics")
def test_words_a_rewording_adds_do_not_hide_the_original_once_statistics_exist(db):
    original = new_claim("Taraz spends 89% of its budget on police")
    for place in ("Almaty", "Astana", "Semey"):
        new_claim(f"{place} spends 60% of its budget on schools")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")  # pg_stats now lists every token but the new two
    cache.clear()  # the frequencies sampled before ANALYZE (none) are cached

    reworded = new_claim("Taraz spends 89 percent of its budget on police, sources said last week")

    assert [match.claim for match in similar_claims(reworded)] == [original]
