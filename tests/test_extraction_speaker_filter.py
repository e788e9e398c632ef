"""The learned speaker filter: a sentence swept into a quotation loses the quotation's speaker;
a genuine quotation keeps it on every sentence."""

from claims.extraction import AliasIndex, extract

QUOTE = "“We will not raise taxes,” Mayor Maria Lopez said on Monday."


def _claimants(text, **options):
    return {
        s.text.strip()[:24]: s.claimant.text if s.claimant else None
        for s in extract(text, **options)
        if s.boilerplate is None
    }


def test_narrative_sentence_after_a_quotation_is_not_the_quotations_speaker():
    # A closing mark typed as an opening one leaves the quotation open to the paragraph's end.
    narrative = (
        "Last week, the council also called for an “expedited review“ of the city budget and "
        "said the state should pay for the repairs to the old bridge."
    )
    text = f"{QUOTE}\n\n{narrative}"
    assert _claimants(text, speaker_filter=None)["Last week, the council a"] == "Maria Lopez"
    sentences = _claimants(text)
    assert sentences["Last week, the council a"] is None
    assert sentences["“We will not raise taxes"] == "Maria Lopez"


def test_a_quotation_of_several_sentences_keeps_its_speaker_on_each():
    text = (
        "Mayor Maria Lopez said on Monday: “We will not raise taxes. The budget is balanced. "
        "Our schools will get more money.”"
    )
    assert set(_claimants(text).values()) == {"Maria Lopez"}
    assert len(_claimants(text)) == 3


def test_a_quotation_carried_over_paragraphs_keeps_its_speaker():
    text = (
        f"{QUOTE} “The budget is balanced.\n\n“Our schools will get more money. The voters "
        "know it.”"
    )
    sentences = _claimants(text)
    assert len(sentences) == 4
    assert set(sentences.values()) == {"Maria Lopez"}


def test_a_source_the_alias_index_knows_is_not_judged_by_the_verb():
    aliases = AliasIndex({"Reuters": ["Reuters", "A Reuters correspondent"]})
    (sentence,) = extract("A Reuters correspondent saw police detain dozens of people.", aliases)
    assert sentence.claimant.source == "Reuters"
