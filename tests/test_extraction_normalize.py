"""Normalising hard-wrapped newsroom text, with offsets back to the raw input."""

from claims.extraction import normalize_text

RAW = (
    "  The 66-\nyear-old diplomat won the elec-\ntion, the state-\nrun agency said on\n"
    "Monday, calling it a “fair” vote.\n\n"
    "Related article: Something Else Entirely\n"
    "https://example.com/news/2019/06/10/other-story\n\n"
    "A second paragraph\nwrapped over lines.\n"
    "Reuters and Jane Doe contributed reporting to this article.\n"
)


def test_wrapped_lines_are_joined_into_paragraphs():
    text = normalize_text(RAW).text
    assert "said on Monday, calling it" in text
    assert "A second paragraph wrapped over lines." in text
    assert text.count("\n\n") == 4


def test_line_end_hyphen_kept_in_compounds_and_dropped_in_split_words():
    text = normalize_text(RAW).text
    assert "The 66-year-old diplomat" in text
    assert "the state-run agency" in text
    assert "won the election," in text


def test_typographic_quotes_are_kept():
    assert "a “fair” vote" in normalize_text(RAW).text


def test_boilerplate_lines_are_marked_with_exact_offsets():
    norm = normalize_text(RAW)
    kinds = [b.kind for b in norm.boilerplate]
    assert kinds == ["related", "url", "credit"]
    for start, end, _kind, text in norm.boilerplate:
        assert norm.text[start:end] == text


def test_credit_line_names_the_contributors():
    assert normalize_text(RAW).contributors == ["Reuters", "Jane Doe"]


def test_every_character_maps_back_to_the_same_raw_character():
    norm = normalize_text(RAW)
    for offset, char in enumerate(norm.text):
        if not char.isspace():
            assert RAW[norm.to_original(offset)] == char


def test_span_ends_map_back_to_raw_span_ends():
    norm = normalize_text(RAW)
    start = norm.text.index("A second paragraph")
    end = start + len("A second paragraph wrapped over lines.")
    raw_span = RAW[norm.to_original(start) : norm.to_original(end)]
    assert " ".join(raw_span.split()) == "A second paragraph wrapped over lines."


def test_empty_input_gives_empty_text():
    norm = normalize_text("")
    assert norm.text == ""
    assert norm.to_original(0) == 0
