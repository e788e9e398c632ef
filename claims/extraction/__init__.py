"""Claim extraction: pure Python, no Django.

Public interface (used by claims/ingest.py and `manage.py extract_claims`)::

    from claims.extraction import AliasIndex, extract, extract_lines, normalize_text

    norm = normalize_text(raw)
    # norm.text         wrapped lines joined into paragraphs separated by "\\n\\n", line-end
    #                   hyphens repaired ("66-\\nyear-old" -> "66-year-old", "elec-\\ntion" ->
    #                   "election"), typographic quotes kept
    # norm.to_original(offset) -> offset in `raw`
    # norm.boilerplate  [(start, end, kind, text)] in norm.text; kinds: related, url, credit,
    #                   promo. Boilerplate stays in norm.text as its own paragraph, marked here.
    # norm.contributors names from credit lines ("Reuters contributed reporting" -> ["Reuters"])
    #                   and from datelines ("MOSCOW, June 9 (Reuters) -" -> ["Reuters"])

    index = AliasIndex({"Sergey Zheleznyak": ["Zheleznyak"], "RIA Novosti": ["RIA"]})
    index.resolve("a Reuters correspondent")  # -> source name or None

    sentences = extract(text, aliases=index, threshold=0.5)   # list[Sentence]
    # extract(..., transcript=True) reads "SPEAKER: words" turns (None: detect them);
    # extract(..., tagger=None) uses the attribution rules without the learned tagger
    detect_language(text)  # "en", "ru", ...; unsupported_message(code) says why not English
    sentences = extract_lines(text, aliases=index)            # one sentence per non-empty line
    sentence.as_dict()  # {"start", "end", "text", "is_claim", "checkworthiness", "reasons",
                        #  "kind", "claimant": {"text", "start", "end", "source",
                        #  "mention": {"text", "start", "end"} | None} | None,
                        #  "unnamed_attribution": str | None, "via": [{"text", "role", "source"}]}

Offsets index the `text` given to extract(): text[s.start:s.end] == s.text. Boilerplate lines
come back as sentences with is_claim False and a "boilerplate (kind)" reason; a dateline opening
a paragraph ("WASHINGTON (AP) —") is in no sentence. A claimant whose
name matches no alias has source None: the caller creates an unconfirmed Source for it. A
sentence with neither claimant nor unnamed attribution is in the article's own voice.
`via` runs from the claimant towards the article; roles: "quoted by", "reported by",
"relayed by", "published by".
"""

from .aliases import AliasIndex
from .attribution import Link, Span
from .boilerplate import Boilerplate
from .language import detect_language, unsupported_message
from .normalize import Normalized, normalize_text
from .pipeline import Sentence, extract, extract_lines

__all__ = [
    "AliasIndex",
    "Boilerplate",
    "Link",
    "Normalized",
    "Sentence",
    "Span",
    "detect_language",
    "extract",
    "extract_lines",
    "normalize_text",
    "unsupported_message",
]
