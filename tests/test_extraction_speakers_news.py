"""Who said it, on news text written here: quotations over several sentences and paragraphs,
pronouns, surnames and titles, listeners and relays, junk names, non-speech, transcripts."""

import pytest

from claims.extraction import AliasIndex, extract
from claims.extraction.language import detect_language, unsupported_message


def _who(sentence) -> str | None:
    if sentence.claimant is not None:
        return sentence.claimant.text
    return sentence.unnamed_attribution


def _speakers(text: str, **options) -> list[tuple[str, str | None]]:
    return [(s.text, _who(s)) for s in extract(text, **options) if s.boilerplate is None]


def _last(text: str, aliases: AliasIndex | None = None):
    return [s for s in extract(text, aliases) if s.boilerplate is None][-1]


# --- quotations ---


def test_a_quotation_of_three_sentences_over_two_paragraphs_keeps_its_speaker():
    text = (
        "Anna Vogel, the mayor, spoke on Friday.\n\n"
        "“The bridge will close in May. Repairs will take a year. Traffic will move to the "
        "ring road.\n\n"
        "“Nobody will lose their job,” Vogel said."
    )
    found = _speakers(text)
    assert [who for _, who in found[1:]] == ["Anna Vogel"] * 4


def test_the_attribution_before_a_colon_covers_every_quoted_sentence():
    found = _speakers('Vogel said: "The plan failed. We lost money. Nobody cared."')
    assert [who for _, who in found] == ["Vogel", "Vogel", "Vogel"]


def test_straight_quotes_with_the_speaker_after_them():
    found = _speakers('"The plane was hit. All on board were killed," Mujahid said. "We did it."')
    assert [who for _, who in found] == ["Mujahid", "Mujahid", "Mujahid"]


def test_ap_two_apostrophe_quotation_marks():
    found = _speakers("``The economy is strong. Jobs are up,'' Obama said. ''We will win.''")
    assert [who for _, who in found] == ["Obama", "Obama", "Obama"]


def test_single_quotation_marks():
    found = _speakers("Maria Lopez spoke. She said: ‘The plan is dead. We start again.’")
    assert [who for _, who in found[1:]] == ["Maria Lopez", "Maria Lopez"]


def test_a_cue_inside_a_long_quotation_does_not_change_the_speaker():
    found = _speakers("“We asked for help. They said no. We will try again,” Lopez said.")
    assert [who for _, who in found] == ["Lopez", "Lopez", "Lopez"]


def test_an_unclosed_quotation_ends_with_its_paragraph_when_the_next_does_not_reopen():
    found = _speakers("“We will win,” Lopez said. “The law is unjust.\n\nThe court adjourned.")
    assert found[-1] == ("The court adjourned.", None)


# --- pronouns, surnames, titles ---


def test_a_pronoun_skips_the_place_between_it_and_the_person():
    text = (
        "Marat Ospanov flew to Almaty on Monday. In Virginia, the weather was bad. "
        "He said the trip was a success."
    )
    assert _who(_last(text)) == "Marat Ospanov"


@pytest.mark.parametrize(
    "text",
    [
        "Trump's July speech was long. He said it went well.",
        "In Virginia the polls closed early. He said it went well.",
        "Frankly I was surprised. She said the plan was bad.",
        "The District of Columbia voted. They wrote that the plan was bad.",
    ],
)
def test_a_pronoun_never_refers_to_a_date_a_place_an_adverb_or_a_phrase(text):
    sentence = _last(text)
    assert sentence.claimant is None
    assert sentence.unnamed_attribution in ("He", "She", "They")


def test_a_surname_is_the_person_named_in_full_earlier():
    text = (
        "Yerulan Zhamaubayev leads the budget committee. Zhamaubayev said the deficit would shrink."
    )
    sentence = _last(text)
    assert (sentence.claimant.text, sentence.claimant.start) == ("Yerulan Zhamaubayev", 0)
    start = text.index("Zhamaubayev said")
    assert sentence.mention() == {"text": "Zhamaubayev", "start": start, "end": start + 11}


def test_a_surname_refers_to_a_full_name_in_a_sentence_without_a_speaker():
    text = "Marat Ospanov arrived on Monday. Ospanov told reporters he was pleased."
    assert _last(text).claimant.text == "Marat Ospanov"


def test_the_president_is_the_person_named_with_that_title():
    text = "President Barack Obama spoke in Ohio. The president says the economy is growing."
    sentence = _last(text)
    assert sentence.claimant.text == "Barack Obama"
    assert sentence.mention()["text"] == "The president"


def test_an_appositive_does_not_take_the_speakers_place():
    s = _last("Omar Lamrani, an analyst at Stratfor, told Al Jazeera the strikes were limited.")
    assert s.claimant.text == "Omar Lamrani"


def test_according_to_an_acronym_names_it():
    assert _last("According to WHO, there were 3,248 cases.").claimant.text == "WHO"


# --- listeners and relays ---


def test_a_person_told_is_a_listener_not_a_relay():
    s = _last("Sasse told Hawk Sawyer that he would vote no.")
    assert s.claimant.text == "Sasse"
    assert s.via == []


def test_an_outlet_told_is_a_relay():
    s = _last("Bekova told the TASS news agency that the vote was fair.")
    assert [(v.text, v.role) for v in s.via] == [("the TASS news agency", "reported by")]


def test_according_to_her_press_service_relays_her_words():
    s = _last("Aigul Bekova visited Almaty. The vote was fair, according to her press service.")
    assert s.claimant.text == "Aigul Bekova"
    assert [(v.text, v.role) for v in s.via] == [("her press service", "relayed by")]


def test_a_statement_posted_on_a_website_is_a_relay():
    s = _last("Tokayev said the vote was fair in a statement posted on his party's website.")
    assert [v.text for v in s.via] == ["his party's website"]


def test_guidance_from_a_clinic_is_not_a_relay():
    s = _last("Smith said people should rest, according to guidance from the Mayo Clinic.")
    assert s.claimant.text == "Smith"
    assert s.via == []


# --- speaker validation and non-speech ---


@pytest.mark.parametrize(
    "text",
    [
        "Danilo Gallinari added 25 points and Bradley Beal added 20.",
        ".IXIC added 20.72 points, or 0.4 percent.",
        "The company posted a loss of $3 million.",
        "Clinton leads Sanders by 271 pledged delegates.",
        "He trails her in pledged delegates and in the popular vote.",
        "Officials counted 3,000 reported cases in the city.",
    ],
)
def test_a_quantity_is_not_speech(text):
    s = _last(text)
    assert s.claimant is None
    assert s.unnamed_attribution is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("On Monday, Smith said the deal was off.", "Smith"),
        ("Asked about the deal, Smith said it was off.", "Smith"),
        ("Despite the rain, officials said the race would go on.", "officials"),
        ("Federal prosecutors alleged that he lied.", "Federal prosecutors"),
        ("People familiar with the matter said the talks had stalled.", None),
        ("Former National Security Council spokesman Ned Price said it was false.", "Ned Price"),
        ("Maher now said it was fine.", "Maher"),
        ("Ten residents said they heard shots.", "Ten residents"),
    ],
)
def test_speakers_are_never_function_words_adverbs_numbers_or_bare_adjectives(text, speaker):
    s = _last(text)
    if speaker is None:
        assert s.unnamed_attribution == "People familiar with the matter"
    else:
        assert _who(s) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Six in 10 say he is decisive.",
        "Dan Gross, president of the Brady Campaign, live tweeted as Obama spoke.",
        "There is no inconsistency in saying I disagree.",
    ],
)
def test_fragments_are_no_speakers(text):
    s = _last(text)
    assert _who(s) not in ("Six", "live", "no inconsistency in")


def test_a_title_does_not_end_a_sentence():
    found = _speakers("South Dakota Gov. Kristi Noem said the state would appeal.")
    assert found == [("South Dakota Gov. Kristi Noem said the state would appeal.", "Kristi Noem")]


@pytest.mark.parametrize("title", ["Lt.", "Cmdr.", "Gov."])
def test_military_and_civil_titles_keep_the_name_in_the_sentence(title):
    text = f"Navy {title} John Hale said the ship had sailed. It reached port on Monday."
    found = _speakers(text)
    assert next(t for t, _ in found) == f"Navy {title} John Hale said the ship had sailed."


# --- transcripts and languages ---

TRANSCRIPT = """The following is a transcript of the debate.

HOLT: Good evening. Welcome to the debate.

TRUMP: Our jobs are fleeing the country. They're going to Mexico.

And we have to stop it.

CLINTON: I have a plan. It will create ten million jobs.
"""


def test_a_transcript_attributes_each_turn_to_its_speaker_label():
    found = _speakers(TRANSCRIPT)
    assert found == [
        ("The following is a transcript of the debate.", None),
        ("Good evening.", "Holt"),
        ("Welcome to the debate.", "Holt"),
        ("Our jobs are fleeing the country.", "Trump"),
        ("They're going to Mexico.", "Trump"),
        ("And we have to stop it.", "Trump"),
        ("I have a plan.", "Clinton"),
        ("It will create ten million jobs.", "Clinton"),
    ]


def test_a_two_turn_transcript_is_read_when_asked():
    text = "SMITH: Taxes will fall. I promise it.\n\nJONES: They will rise."
    assert _speakers(text) != _speakers(text, transcript=True)
    assert [who for _, who in _speakers(text, transcript=True)] == ["Smith", "Smith", "Jones"]


def test_a_speaker_who_quipped_or_conceded_is_not_the_previous_speaker():
    text = (
        'Trump replied: "No, I meant he is the founder of ISIS."\n\n'
        'A flabbergasted Noah quipped, "It is like a lawyer with the dumbest client ever."\n\n'
        'Jane Smith, a pollster, was blunt. "This was a way to stand out," she conceded.'
    )
    speakers = dict(_speakers(text))
    assert (
        speakers[
            'A flabbergasted Noah quipped, "It is like a lawyer with the dumbest client ever."'
        ]
        == "Noah"
    )
    assert speakers['"This was a way to stand out," she conceded.'] == "Jane Smith"


def test_a_year_before_the_cue_keeps_it_speech():
    assert _who(_last("Obama in 2009 said that the economy would recover.")) == "Obama"


def test_interview_labels_q_and_a_are_not_speakers():
    text = (
        "Q: Why did you run?\n\nA: I wanted to win. Taxes are too high.\n\n"
        "Q: And now?\n\nA: Smith said the race is over."
    )
    assert _speakers(text) == [
        ("Why did you run?", None),
        ("I wanted to win.", None),
        ("Taxes are too high.", None),
        ("And now?", None),
        ("Smith said the race is over.", "Smith"),
    ]


RUSSIAN = (
    "Правительство Казахстана объявило в понедельник о новых мерах поддержки малого бизнеса. "
    "«Мы поможем всем предпринимателям», — сказал министр экономики на пресс-конференции."
)


def test_a_russian_paragraph_is_detected_and_refused_with_a_message():
    assert detect_language(RUSSIAN) == "ru"
    assert unsupported_message("ru").startswith(
        "Extraction supports English; this article is in Russian"
    )
    assert detect_language("The minister said the economy grew by 4 percent last year.") == "en"
    assert unsupported_message("en") is None
