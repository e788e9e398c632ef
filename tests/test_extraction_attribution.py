"""Who asserts a sentence and through whom it reached the article."""

import pytest

from claims.extraction import AliasIndex, extract

ALIASES = AliasIndex(
    {
        "Maria Lopez": ["Lopez"],
        "Interfax": ["Interfax news agency", "the Interfax agency"],
        "Associated Press": ["AP", "an AP reporter"],
        "Maria Lopez press office": ["Lopez's press office"],
    }
)


def _one(text, aliases=ALIASES):
    sentences = [s for s in extract(text, aliases) if s.boilerplate is None]
    assert len(sentences) == 1, [s.text for s in sentences]
    return sentences[0]


def _source(sentence):
    return sentence.claimant.source if sentence.claimant else None


def test_inverted_said_with_apposition_names_the_speaker():
    s = _one("Exports rose 4 percent last year, said Maria Lopez, the trade minister.")
    assert _source(s) == "Maria Lopez"
    assert s.claimant.text == "Maria Lopez"
    assert s.via == []


def test_subject_before_cue_past_an_appositive():
    s = _one("Tom Baker, an analyst at the Acme Institute, said prices would fall.")
    assert s.claimant.text == "Tom Baker"
    assert s.claimant.source is None  # unknown name: the caller makes an unconfirmed Source


def test_closing_reporting_clause_wins_over_an_earlier_verb():
    s = _one("The mayor had told police she wanted no escort, the source added.")
    assert s.claimant is None
    assert s.unnamed_attribution == "the source"


def test_passive_relay_through_a_press_office_and_an_agency():
    s = _one(
        "“Talks will resume,” Lopez's press office was quoted as saying by the Interfax "
        "news agency."
    )
    assert _source(s) == "Maria Lopez"
    assert [(v.source, v.role) for v in s.via] == [
        ("Maria Lopez press office", "relayed by"),
        ("Interfax", "quoted by"),
    ]
    assert s.kind == "quote"


def test_active_relay_quoting_him_resolves_to_the_possessor():
    s = _one("“We will win,” Ivanov’s campaign website quoted him as saying.")
    assert s.claimant.text == "Ivanov"
    assert [v.text for v in s.via] == ["Ivanov’s campaign website"]


def test_told_an_outlet_makes_the_outlet_a_relay():
    s = _one("Lopez told Interfax that 300 workers had been laid off.")
    assert _source(s) == "Maria Lopez"
    assert [(v.source, v.role) for v in s.via] == [("Interfax", "reported by")]


def test_reporter_eyewitness_resolves_to_the_outlet():
    s = _one("An AP reporter saw soldiers fire on the crowd.")
    assert _source(s) == "Associated Press"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Turnout was 63 percent, according to preliminary figures.",
            "according to preliminary figures",
        ),
        ("Critics denounced the law as unconstitutional.", "Critics"),
    ],
)
def test_unnamed_sources_are_kept_as_a_phrase(text, phrase):
    s = _one(text)
    assert s.claimant is None
    assert s.unnamed_attribution == phrase


def test_own_voice_has_no_claimant_and_no_phrase():
    s = _one("The bridge was built in 1931 and closed in 2004.")
    assert s.claimant is None
    assert s.unnamed_attribution is None


def test_pronoun_speaker_resolves_to_the_latest_named_person():
    sentences = extract("Maria Lopez visited the port. She said exports had doubled.", ALIASES)
    assert _source(sentences[1]) == "Maria Lopez"


def test_quote_continuation_takes_the_speaker_of_the_next_fragment():
    text = "“The plan is dead. We start again,” Lopez said on Monday."
    sentences = extract(text, ALIASES)
    assert [_source(s) for s in sentences] == ["Maria Lopez", "Maria Lopez"]


def test_cue_inside_a_quotation_is_not_the_speaker():
    s = _one("“The law says otherwise,” Lopez said.")
    assert _source(s) == "Maria Lopez"


def test_negated_and_passive_cues_name_no_speaker():
    assert _one("The ministry did not say how many were hurt.").claimant is None
    assert _one("A curfew was announced on Friday.").unnamed_attribution is None


def test_alias_matching_ignores_case_articles_possessives_and_titles():
    index = AliasIndex({"Reuters": ["a Reuters correspondent"], "Sergey Zheleznyak": []})
    assert index.resolve("A REUTERS correspondent") == "Reuters"
    assert index.resolve("Reuters’") == "Reuters"
    assert index.resolve("Mr. Sergey Zheleznyak's") == "Sergey Zheleznyak"
    assert index.resolve("Someone Else") is None


def test_titles_are_not_part_of_the_claimant_name():
    s = _one('"A historic day," Senate Majority Leader Chuck Schumer told reporters.')
    assert s.claimant.text == "Chuck Schumer"
    assert s.via == []  # "reporters" are listeners, not a relay


def test_quote_without_cue_continues_the_previous_quote():
    text = '"This is a historic day," Chuck Schumer said. "We did it." Critics said it was rushed.'
    sentences = extract(text)
    assert [s.claimant.text if s.claimant else s.unnamed_attribution for s in sentences] == [
        "Chuck Schumer",
        "Chuck Schumer",
        "Critics",
    ]


def test_closing_reported_by_an_outlet_is_a_relay_not_the_claimant():
    s = _one(
        "Officials in Kyiv said 40 missiles were fired overnight, the Interfax agency reported."
    )
    assert s.claimant.text == "Officials in Kyiv"
    assert [(v.source, v.role) for v in s.via] == [("Interfax", "reported by")]


def test_a_date_is_never_a_claimant():
    s = _one("According to a Gallup poll released Monday, 54% of Americans approve.")
    assert s.claimant.text == "Gallup"
