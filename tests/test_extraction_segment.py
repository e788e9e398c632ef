"""Sentence segmentation keeps abbreviations, initials, decimals and quotes together."""

from claims.extraction import extract


def _texts(text):
    return [s.text for s in extract(text)]


def test_abbreviations_and_decimals_do_not_end_sentences():
    text = "Dr. Smith said the U.S. economy grew 3.5 percent in Jan. 2019. Prices fell."
    assert _texts(text) == [
        "Dr. Smith said the U.S. economy grew 3.5 percent in Jan. 2019.",
        "Prices fell.",
    ]


def test_initials_stay_with_the_name():
    assert _texts("J. R. R. Tolkien wrote three books. They sold well.")[0] == (
        "J. R. R. Tolkien wrote three books."
    )


def test_quotes_inside_quotes_and_question_marks_inside_quotes():
    text = "“He told me ‘never again,’ and left,” she said. “Is it over?” he asked."
    assert _texts(text) == [
        "“He told me ‘never again,’ and left,” she said.",
        "“Is it over?” he asked.",
    ]


def test_offsets_index_the_input_even_across_line_breaks():
    text = "The 66-\nyear-old man left at 5 p.m. Monday.\n\nHe came back."
    sentences = extract(text)
    assert len(sentences) == 2
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
