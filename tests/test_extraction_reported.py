"""Score the claim, not the wrapper: reported speech is scored on the words reported, with the
fact of attribution as a feature of its own (issue 15)."""

import pytest

from claims.extraction import extract
from claims.extraction.attribution import Attributor
from claims.extraction.checkworthiness import score
from claims.extraction.reported import reported_view, reported_words


def _only(text: str):
    (sentence,) = extract(text)
    return sentence


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("'I messed up,' Thomas allegedly told a supervisor.", "I messed up"),
        ("Putin told reporters that the economy grew 3 percent last year.",
         "the economy grew 3 percent last year."),
        ("The economy grew 3 percent last year, the minister said.",
         "The economy grew 3 percent last year"),
        ("Exports, the minister said, rose 4 percent.", "Exports rose 4 percent."),
        ("According to early results, Tokayev won 71 percent of the vote.",
         "Tokayev won 71 percent of the vote."),
        ("Turnout was 77 percent, said Sergey Zheleznyak, a member of the State Duma.",
         "Turnout was 77 percent"),
    ],
)  # fmt: skip
def test_the_words_reported_are_separated_from_the_reporting_clause(sentence, words):
    assert reported_words(sentence, Attributor().attribute(sentence)) == words


def test_a_sentence_in_the_writers_own_voice_is_scored_whole():
    text = "Police arrested 500 people at rallies in Almaty."
    assert reported_view(text) == (text, "", "")
    assert _only(text).checkworthiness == pytest.approx(score(text).value)


def test_a_quoted_admission_is_not_scored_low_for_being_quoted():
    quoted = _only("'I messed up,' Thomas allegedly told a supervisor.")
    words = score("I messed up", cue="told", source="Thomas")
    assert quoted.checkworthiness == pytest.approx(words.value)
    assert quoted.checkworthiness >= score("I messed up.").value
    assert quoted.reasons[0] == "scored on the words reported (told)"
    assert "names an entity (Thomas)" in quoted.reasons


def test_the_named_source_counts_as_an_entity_of_the_claim():
    named = _only("The army withdrew from the city, Thomas told reporters.")
    unnamed = _only("The army withdrew from the city, he told reporters.")
    assert "names an entity (Thomas)" in named.reasons
    assert not any(reason.startswith("names an entity") for reason in unnamed.reasons)
    assert named.checkworthiness > unnamed.checkworthiness


def test_a_quoted_fact_is_check_worthy_and_not_an_opinion():
    quoted = _only(
        "“Police arrested 500 people in Almaty on Sunday,” the interior minister told reporters."
    )
    assert quoted.checkworthiness >= 0.5
    assert quoted.kind == "quote"


def test_the_same_words_score_the_same_whoever_reports_them():
    first = _only("Police arrested 500 people in Almaty, the minister said.")
    second = _only("The opposition leader said police arrested 500 people in Almaty.")
    assert first.checkworthiness == pytest.approx(second.checkworthiness)
