"""Wire datelines ("MOSCOW, June 9 (Reuters) -") are cut off the paragraph they open."""

import pytest

from claims.extraction import AliasIndex, extract, normalize_text

RAW = (
    "MOSCOW, June 9 (Reuters) - Turnout in the\n"
    "election was 77 percent, the Central Election Commission said.\n\n"
    "NUR-SULTAN, June 10 — Police detained 500 people at rallies, the interior ministry said.\n"
)


@pytest.mark.parametrize(
    ("paragraph", "sentence"),
    [
        ("WASHINGTON (AP) — The Senate voted 52-48 to confirm him.", "The Senate voted"),
        ("ALMATY, Kazakhstan (Reuters) - Police detained 500 people.", "Police detained"),
        ("MOSCOW, June 9 (Reuters) - Turnout was 77 percent.", "Turnout was"),
        ("NUR-SULTAN, June 10 — Tokayev won 71 percent of the vote.", "Tokayev won"),
        ("LONDON, Reuters — Prices rose 3 percent in May.", "Prices rose"),
        ("ST. PETERSBURG, Russia, Sept. 12, 2019 (AFP) – “We won,” he said.", "“We won,”"),
        ("WASHINGTON -- President Obama spoke on Saturday.", "President Obama"),
        ("Washington (CNN) — The Senate voted 52-48.", "The Senate voted"),
        ("Hong Kong (CNN)Police fired tear gas on Sunday.", "Police fired"),
        ("Almaty, Kazakhstan (AFP) - Turnout was 77 percent.", "Turnout was"),
    ],
)
def test_a_dateline_is_neither_a_sentence_nor_part_of_the_first_one(paragraph, sentence):
    text = f"Earlier news.\n\n{paragraph}"
    first = extract(text)[1]
    assert first.text.startswith(sentence)
    assert text[first.start : first.end] == first.text
    assert len(extract(text)) == 2


def test_the_sentence_after_a_dateline_is_attributed_and_scored_without_it():
    aliases = AliasIndex({"Interfax": []})
    text = "MOSCOW (Reuters) - Turnout was 77 percent, Interfax reported."
    [sentence] = extract(text, aliases)
    assert sentence.claimant.source == "Interfax"
    assert not any("MOSCOW" in reason or "Reuters" in reason for reason in sentence.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "NATO — not Russia — is to blame, the minister said.",
        "Tokayev (pictured) won 71 percent of the vote, officials said.",
        "Moscow — not Kyiv — started the war, the minister said.",
        "Sergey Zheleznyak (United Russia) said the vote was fair.",
    ],
)
def test_a_sentence_opening_with_a_name_is_not_a_dateline(text):
    assert [s.text for s in extract(text)] == [text]


def test_normalised_offsets_after_a_dateline_map_back_to_the_raw_text():
    norm = normalize_text(RAW)
    first = extract(norm.text)[0]
    assert first.text == (
        "Turnout in the election was 77 percent, the Central Election Commission said."
    )
    start = norm.to_original(first.start)
    assert RAW[start : start + len("Turnout in the")] == "Turnout in the"


def test_the_agency_of_a_dateline_is_a_contributor_once():
    raw = RAW + "\nReuters contributed reporting.\n\nLONDON, Interfax — Prices rose.\n"
    assert normalize_text(raw).contributors == ["Reuters", "Interfax"]
