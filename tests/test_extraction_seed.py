"""The seed article, from the project's own copy; the gold reading when ../shared is there."""

import json
import re
from pathlib import Path

import pytest

from claims.extraction import AliasIndex, extract, normalize_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "devdata" / "seed" / "kazakhstan-election-2019.txt"
GOLD = ROOT.parent / "shared" / "data" / "seed-gold.json"
ALIASES = AliasIndex(
    {
        "Sergey Zheleznyak": ["Zheleznyak"],
        "Sergey Zheleznyak press service": ["Zheleznyak's press service"],
        "RIA Novosti": ["state-run RIA Novosti news agency", "RIA"],
        "Reuters": ["a Reuters correspondent"],
        "OSCE": ["Organization for Security and Cooperation in Europe"],
        "Kassym-Jomart Tokayev": ["Tokayev"],
        "Kassym-Jomart Tokayev campaign website": ["Tokayev's campaign website"],
    }
)


def _fold(text):
    text = re.sub(r"-\s*\n\s*", "-", text)
    return " ".join(text.replace("“", '"').replace("”", '"').replace("’", "'").split())


@pytest.fixture(scope="module")
def sentences():
    return extract(normalize_text(SEED.read_text(encoding="utf-8")).text, ALIASES)


def _find(sentences, key):
    return next(s for s in sentences if _fold(key) in _fold(s.text))


def test_offsets_are_exact(sentences):
    text = normalize_text(SEED.read_text(encoding="utf-8")).text
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_boilerplate_lines_are_not_claims(sentences):
    for key in ("Related article:", "https://www.themoscowtimes.com", "contributed reporting"):
        assert not _find(sentences, key).is_claim


def test_relayed_quote_has_the_full_chain(sentences):
    s = _find(sentences, "The new head of Kazakhstan's outlook")
    assert s.claimant.source == "Sergey Zheleznyak"
    assert [v.source for v in s.via] == ["Sergey Zheleznyak press service", "RIA Novosti"]
    assert not s.is_claim


def test_campaign_website_quote(sentences):
    s = _find(sentences, "We must unite")
    assert s.claimant.source == "Kassym-Jomart Tokayev"
    assert [v.source for v in s.via] == ["Kassym-Jomart Tokayev campaign website"]


def test_unnamed_attributions(sentences):
    assert _find(sentences, "71 percent").unnamed_attribution == "according to early results"
    assert _find(sentences, "opponents denounced").unnamed_attribution == "opponents"


def test_eyewitness_and_monitors(sentences):
    assert _find(sentences, "A Reuters correspondent saw").claimant.source == "Reuters"
    assert _find(sentences, "scant respect").claimant.source == "OSCE"


def test_contributor_from_credit_line():
    assert normalize_text(SEED.read_text(encoding="utf-8")).contributors == ["Reuters"]


@pytest.mark.skipif(not GOLD.exists(), reason="../shared absent")
def test_gold_checkworthiness(sentences):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for expected in gold["sentences"]:
        if expected["checkworthy"] is None:
            continue
        sentence = _find(sentences, expected["key"])
        assert (sentence.checkworthiness >= 0.5) is expected["checkworthy"], expected["key"]
    for line in gold["article"]["not_claims"]:
        found = _find(sentences, line)
        assert found.boilerplate
        assert not found.is_claim


def test_the_seed_proposes_its_best_third_and_ranks_every_sentence(sentences):
    prose = [s for s in sentences if s.boilerplate is None]
    proposed = [s for s in prose if s.is_claim]
    assert len(proposed) <= -(-len(prose) // 3)
    assert sorted(s.rank for s in prose) == list(range(1, len(prose) + 1))
    assert min(s.checkworthiness for s in proposed) >= max(
        s.checkworthiness for s in prose if not s.is_claim
    )
