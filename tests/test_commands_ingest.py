"""`manage.py ingest` stores articles and prints their claims; `extract_claims` prints JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ExtractionState
from claims.models import Claim
from sources.models import Source
from tests.factories import load_seed_sources, seed_article_text

pytestmark = pytest.mark.django_db

WIRE = (
    "Unemployment fell to 3.1 percent in May, Anna Kowalska told\n"
    "reporters on Tuesday, the lowest rate since records began in 1990.\n\n"
    "Police detained 120 protesters in the capital on Sunday.\n\n"
    "Interfax contributed reporting.\n"
)
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Rallies in Almaty</title>
<meta property="og:site_name" content="Steppe Herald"></head><body><article>
<h1>Rallies in Almaty</h1>
<p>Police arrested 500 people at rallies in Almaty and Nur-Sultan on Sunday.</p>
<p>Turnout was 77.4 percent, the Central Election Commission said on Monday.</p>
</article></body></html>"""
SENTENCE_KEYS = {
    "start",
    "end",
    "text",
    "is_claim",
    "checkworthiness",
    "rank",
    "reasons",
    "kind",
    "claimant",
    "unnamed_attribution",
    "via",
}


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def wire(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    return path


def test_ingest_stores_the_article_and_prints_its_claims(wire):
    out = run("ingest", str(wire), "--publisher", "Grain Daily", "--published-at", "2024-06-04")
    article = Article.objects.get()
    assert article.extraction_state == ExtractionState.DONE
    assert article.publisher.name == "Grain Daily"
    assert article.published_at.isoformat() == "2024-06-04T00:00:00+00:00"
    assert f"Stored: article {article.pk}" in out
    assert f"claims found: {article.claims.count()}" in out
    claim = article.claims.get(quote__startswith="Unemployment fell")
    assert (
        f"{claim.checkworthiness:.2f}  quote       Anna Kowalska (new source, unconfirmed)" in out
    )
    assert "chain: Anna Kowalska → Grain Daily" in out
    assert "contributors: Interfax" in out


def test_ingest_resolves_the_publisher_through_its_aliases(wire):
    sources = load_seed_sources()
    run("ingest", str(wire), "--publisher", "Moscow Times")
    assert Article.objects.get().publisher == sources["The Moscow Times"]
    assert not Source.objects.filter(name="Moscow Times").exists()


def test_ingest_of_an_unknown_publisher_makes_an_unconfirmed_source(wire):
    run("ingest", str(wire), "--publisher", "Grain Daily")
    assert Source.objects.get(name="Grain Daily").confirmed is False


def test_ingest_of_an_html_file_takes_the_page_title_and_publisher(tmp_path):
    path = tmp_path / "rallies.html"
    path.write_text(PAGE, encoding="utf-8")
    out = run("ingest", str(path), "--url", "https://steppe.example/rallies")
    article = Article.objects.get()
    assert article.title == "Rallies in Almaty"
    assert article.url == "https://steppe.example/rallies"
    assert article.publisher.name == "Steppe Herald"
    assert "“Rallies in Almaty”" in out


def test_ingest_twice_says_the_article_is_already_stored(wire):
    run("ingest", str(wire))
    out = run("ingest", str(wire), "--publisher", "Grain Daily")
    assert "Already stored" in out
    assert Article.objects.count() == 1
    assert not Source.objects.filter(name="Grain Daily").exists()
    assert Claim.objects.count() == Article.objects.get().claims.count()


def test_ingest_of_a_missing_file_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match="No file at"):
        run("ingest", str(tmp_path / "nothing.txt"))


def test_ingest_of_an_empty_file_fails_and_leaves_no_publisher(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(CommandError, match="empty"):
        run("ingest", str(path), "--publisher", "Grain Daily")
    assert not Source.objects.exists()


def test_ingest_refuses_a_bad_date(wire):
    with pytest.raises(CommandError, match="use a date like 2019-06-10"):
        run("ingest", str(wire), "--published-at", "last Tuesday")


def test_ingest_refuses_internal_urls():
    with pytest.raises(CommandError, match="internal address"):
        run("ingest", "http://169.254.169.254/latest/meta-data/")


def test_extract_claims_offsets_index_the_input_file(wire):
    result = json.loads(run("extract_claims", str(wire)))
    assert result["text"] == WIRE
    assert {key for s in result["sentences"] for key in s} == SENTENCE_KEYS
    for sentence in result["sentences"]:
        assert WIRE[sentence["start"] : sentence["end"]] == sentence["text"]
    first = result["sentences"][0]
    assert first["text"].endswith("records began in 1990.")
    assert "told\nreporters" in first["text"]
    claimant = first["claimant"]
    assert WIRE[claimant["start"] : claimant["end"]] == claimant["text"] == "Anna Kowalska"
    assert not Article.objects.exists()


def test_extract_claims_marks_the_credit_line_as_no_claim(wire):
    sentences = json.loads(run("extract_claims", str(wire)))["sentences"]
    credit = next(s for s in sentences if "contributed reporting" in s["text"])
    assert credit["is_claim"] is False
    assert credit["rank"] is None


def test_extract_claims_keeps_every_sentence_with_its_score_and_rank(wire):
    sentences = json.loads(run("extract_claims", str(wire)))["sentences"]
    prose = [s for s in sentences if s["rank"] is not None]
    assert sorted(s["rank"] for s in prose) == list(range(1, len(prose) + 1))
    assert all(0.0 <= s["checkworthiness"] <= 1.0 for s in sentences)
    by_rank = sorted(prose, key=lambda s: s["rank"])
    assert [s["checkworthiness"] for s in by_rank] == sorted(
        (s["checkworthiness"] for s in prose), reverse=True
    )


def test_extract_claims_on_html_indexes_the_article_text(tmp_path):
    path = tmp_path / "rallies.html"
    path.write_text(PAGE, encoding="utf-8")
    result = json.loads(run("extract_claims", str(path)))
    assert result["text"].startswith("Police arrested 500 people")
    for sentence in result["sentences"]:
        assert result["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_extract_claims_prints_one_object_per_line_for_several_paths(wire, tmp_path):
    page = tmp_path / "rallies.html"
    page.write_text(PAGE, encoding="utf-8")
    lines = run("extract_claims", str(wire), str(page)).splitlines()
    assert [json.loads(line)["path"] for line in lines] == [str(wire), str(page)]


def test_extract_claims_one_per_line_scores_each_line_as_a_sentence(tmp_path):
    path = tmp_path / "labelled.txt"
    path.write_text("We will win.\n\nUnemployment fell to 3.1 percent in May.\n", "utf-8")
    sentences = json.loads(run("extract_claims", "--one-per-line", str(path)))["sentences"]
    assert [s["text"] for s in sentences] == [
        "We will win.",
        "Unemployment fell to 3.1 percent in May.",
    ]
    assert sentences[1]["checkworthiness"] > sentences[0]["checkworthiness"]


def test_extract_claims_reads_the_seed_chain_through_the_known_aliases(tmp_path):
    load_seed_sources()
    path = tmp_path / "seed.txt"
    path.write_text(seed_article_text(), encoding="utf-8")
    sentences = json.loads(run("extract_claims", str(path)))["sentences"]
    quote = next(s for s in sentences if "our old strategic partner" in s["text"])
    assert quote["claimant"]["source"] == "Sergey Zheleznyak"
    assert [(link["source"], link["role"]) for link in quote["via"]] == [
        ("Sergey Zheleznyak press service", "relayed by"),
        ("RIA Novosti", "quoted by"),
    ]


def test_extract_claims_refuses_undecodable_files(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"Police arrested \xff\xfe people.")
    with pytest.raises(CommandError, match=r"not valid utf-8 text \(byte 0xff"):
        run("extract_claims", str(path))
