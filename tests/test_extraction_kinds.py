"""Kinds that mean something: a statistic states a figure about the world, not any digit;
an opinion is an opinion even with a number in it (issue 15)."""

import pytest

from claims.extraction import extract
from claims.extraction.quantities import has_figure


def _kind(sentence: str) -> str:
    (found,) = [s for s in extract(f"{sentence}\n") if s.boilerplate is None]
    return found.kind


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment fell to 3.5 percent in March.",
        "Police arrested 500 people at rallies in Almaty.",
        "The program cost $3 billion.",
        "Exports rose 4% last year.",
        "The company shipped 2.5 million barrels a day.",
        "Some 1,200 protesters were detained.",
    ],
)
def test_a_figure_about_the_world_is_a_statistic(text):
    assert has_figure(text)
    assert _kind(text) == "statistic"


@pytest.mark.parametrize(
    "text",
    [
        "2. Never urged Ukraine to investigate Joe Biden.",  # a list number
        "The hearing opened on November 18, 2019, in Washington.",  # a date
        "The vote closed at 10 p.m. on Sunday.",  # a clock time
        "Nazarbayev, 78, remains chairman of the Security Council.",  # an age
        "The team is ranked No. 2 in the league.",  # a label
        "The Boeing 737 was grounded in March.",  # a model name
        "He ruled for almost three decades.",  # a duration in words
        "Hundreds of police gathered in the square.",  # a vague amount
        "She took office in 2019.",  # a year
    ],
)
def test_digits_that_count_nothing_do_not_make_a_statistic(text):
    assert not has_figure(text)
    assert _kind(text) != "statistic"


@pytest.mark.parametrize(
    "text",
    [
        "I think 71 percent is a wonderful result for the country.",
        "The 3 percent raise is a shameful insult to nurses.",
        "We must cut taxes by 10 percent.",
    ],
)
def test_an_opinion_with_a_number_is_an_opinion(text):
    assert _kind(text) == "opinion"


def test_the_writers_judgement_is_an_opinion():
    text = "Mr. Trump has brought his characteristic love of show business to trade talks."
    assert _kind(text) == "opinion"
