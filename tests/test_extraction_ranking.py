"""A ranked article: every sentence keeps its score and rank; at most the article's top share
is proposed, and only from the threshold up (issue 15)."""

from claims.extraction import extract
from claims.extraction.ranking import proposal_limit, proposals, ranks

FACTS = [
    "Police arrested 500 people at rallies in Almaty on Sunday.",
    "Unemployment fell to 3.5 percent in March, the lowest rate since 1969.",
    "The government spent $3 billion on the new airport in 2018.",
]
FILLER = [
    "We must stand together.",
    "I think it is wonderful.",
    "Thank you all so much.",
    "Let us hope for the best.",
    "What a day it has been.",
    "You know what I mean.",
]


def test_ranks_run_from_the_highest_score_and_keep_text_order_on_ties():
    assert ranks([0.2, 0.9, 0.5, 0.9]) == [4, 1, 3, 2]


def test_proposals_need_both_the_threshold_and_a_place_in_the_top_share():
    scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3]
    assert proposals(scores, 0.5, 1 / 3) == [True, True, False, False, False, False]
    assert proposals(scores, 0.75, 1.0) == [True, True, False, False, False, False]
    assert proposal_limit(0, 1 / 3) == 0
    assert proposal_limit(2, 1 / 3) == 1


def test_an_article_proposes_at_most_its_top_third_and_keeps_every_score():
    text = " ".join(FACTS + FILLER)
    sentences = extract(text, share=1 / 3)
    assert len(sentences) == 9
    assert sorted(s.rank for s in sentences) == list(range(1, 10))
    proposed = [s.text for s in sentences if s.is_claim]
    assert proposed == FACTS
    assert all(0.0 <= s.checkworthiness <= 1.0 for s in sentences)


def test_a_dense_article_proposes_only_its_best_third():
    sentences = extract(" ".join(FACTS * 3), share=1 / 3)
    assert sum(s.is_claim for s in sentences) == 3
    assert all(s.checkworthiness >= 0.5 for s in sentences)
    assert {s.rank for s in sentences if s.is_claim} == {1, 2, 3}


def test_boilerplate_is_neither_ranked_nor_proposed():
    sentences = extract(f"{FACTS[0]}\n\nRelated: Five things to know\n")
    assert [(s.rank, s.is_claim) for s in sentences] == [(1, True), (None, False)]
