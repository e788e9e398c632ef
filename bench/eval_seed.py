"""Seed article figures against ../shared/data/seed-gold.json."""

import json

from eval_common import DATA, SHARED, fold

from claims.extraction import AliasIndex, extract

GOLD = DATA / "seed-gold.json"
THRESHOLD = 0.5  # the score from which a sentence is a candidate claim


def load():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    text = (SHARED / gold["article"]["file"]).read_text(encoding="utf-8")
    aliases = AliasIndex({s["name"]: s["aliases"] for s in gold["sources"]})
    return gold, text, aliases


def _find(sentences, key):
    key = fold(key)
    return next((s for s in sentences if key in fold(s.text)), None)


def _candidate(sentence) -> bool:
    """Stored as a claim: proposed, or folded below the proposals."""
    return sentence.boilerplate is None and sentence.checkworthiness >= THRESHOLD


def _attribution_ok(sentence, expected) -> bool:
    claimant = expected["claimant"]
    source = sentence.claimant.source if sentence.claimant else None
    if claimant in (None, "publisher"):
        phrase = expected.get("attribution")
        if phrase:
            return sentence.unnamed_attribution is not None and fold(
                sentence.unnamed_attribution
            ) in fold(phrase)
        return source is None and sentence.unnamed_attribution is None
    return source == claimant


def _chain_ok(sentence, expected) -> bool:
    return [link.source for link in sentence.via] == expected["via"]


def evaluate() -> dict:
    gold, text, aliases = load()
    sentences = extract(text, aliases)
    rows = [(_find(sentences, g["key"]), g) for g in gold["sentences"]]
    true_rows = [(s, g) for s, g in rows if g["checkworthy"] is True]
    false_rows = [(s, g) for s, g in rows if g["checkworthy"] is False]
    attributed = [(s, g) for s, g in rows if g["claimant"] != "publisher" or g.get("attribution")]
    with_chain = [(s, g) for s, g in attributed if g["via"]]
    not_claims = gold["article"]["not_claims"]
    leaked = [
        k for k in not_claims if any(_candidate(s) and fold(k) in fold(s.text) for s in sentences)
    ]
    prose = [s for s in sentences if s.boilerplate is None]
    proposed = [s for s in prose if s.is_claim]
    return {
        "above": sum(1 for s, _ in true_rows if s and s.checkworthiness >= THRESHOLD),
        "n_true": len(true_rows),
        "below": sum(1 for s, _ in false_rows if s and s.checkworthiness < THRESHOLD),
        "proposed": len(proposed),
        "n_prose": len(prose),
        "proposed_true": sum(1 for s, _ in true_rows if s and s.is_claim),
        "n_false": len(false_rows),
        "leaked": len(leaked),
        "n_not_claims": len(not_claims),
        "claimant_ok": sum(1 for s, g in attributed if s and _attribution_ok(s, g)),
        "n_attributed": len(attributed),
        "chain_ok": sum(1 for s, g in attributed if s and _chain_ok(s, g)),
        "n_chains": len(attributed),
        "n_relayed": len(with_chain),
        "kind_ok": sum(1 for s, g in rows if s and s.kind == g["kind"]),
        "n_kinds": len(rows),
    }
