"""Check-worthiness scores, reasons, kinds and the JSON shape the Django side stores."""

from claims.extraction import extract, extract_lines
from claims.extraction.checkworthiness import score

STATISTIC = "Unemployment fell to 3.5 percent in March, the lowest rate since 1969."
EXHORTATION = "We must stand together and fight for our children."


def test_a_statistic_scores_above_an_exhortation():
    assert score(STATISTIC).value >= 0.5 > score(EXHORTATION).value


def test_reasons_name_what_raised_or_lowered_the_score():
    assert "contains a quantity (3.5 percent)" in score(STATISTIC).reasons
    assert "names a date (March)" in score(STATISTIC).reasons
    assert "exhortation (We must)" in score(EXHORTATION).reasons


def test_opinion_and_prediction_are_classified():
    kinds = [s.kind for s in extract("I think the plan is wrong. Prices will rise next year.")]
    assert kinds == ["opinion", "prediction"]


def test_statistic_kind_and_claim_flag():
    (sentence,) = extract(STATISTIC)
    assert sentence.kind == "statistic"
    assert sentence.is_claim


def test_threshold_decides_is_claim():
    (sentence,) = extract(STATISTIC, threshold=1.0)
    assert not sentence.is_claim


def test_boilerplate_lines_never_become_claims():
    text = (
        "Related article: 500 people arrested in record protest on Monday\n\n"
        "https://example.com/2019/06/10/500-arrested\n\n"
        "Reuters contributed reporting to this article.\n"
    )
    sentences = extract(text)
    assert len(sentences) == 3
    assert not any(s.is_claim for s in sentences)
    assert all(s.reasons[0].startswith("boilerplate") for s in sentences)


def test_as_dict_has_exactly_the_documented_shape():
    (sentence,) = extract("Exports rose 4 percent, said Maria Lopez.")
    data = sentence.as_dict()
    assert list(data) == [
        "start", "end", "text", "is_claim", "checkworthiness", "reasons", "kind",
        "claimant", "unnamed_attribution", "via",
    ]  # fmt: skip
    mention = {"text": "Maria Lopez", "start": 29, "end": 40}
    assert data["claimant"] == {**mention, "source": None, "mention": mention}
    assert 0.0 <= data["checkworthiness"] <= 1.0


def test_extract_lines_scores_each_line_without_segmentation():
    text = "First line. Still the first line.\n\n  Second line 42.\n"
    sentences = extract_lines(text)
    assert [s.text for s in sentences] == ["First line. Still the first line.", "Second line 42."]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
