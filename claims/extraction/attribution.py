"""Who asserts a sentence, and through whom it reached the article.

Rule-based and fast: find a reporting cue, take the noun phrase that speaks (before the cue,
or after it in inverted "..., said X"), then resolve it: a pronoun to the latest named
speaker, "X's press service" to X relayed by the press service, a known alias to its
source, a capitalised name to an unresolved source, anything else to an unnamed attribution.
"""

import re
from dataclasses import dataclass, field

from .aliases import AliasIndex
from .cues import find_cue_speaker, learned_cue_speaker
from .entities import Entities, Span
from .outlets import is_outlet
from .speakers import (
    PRONOUNS,
    TITLES,
    Token,
    left_np,
    looks_like_person,
    name_runs,
    possessor,
    right_np,
    strip_titles,
    tokenize,
)
from .validate import clean_run, trim_speaker

RELAY_NOUNS = re.compile(
    r"^(?:press service|press office|press secretary|spokes(?:man|woman|person)|office|"
    r"campaign(?: website| spokesman| spokeswoman)?|website|twitter account|account|"
    r"representative|lawyer|attorney|aides?|staff|ministry)$",
    re.IGNORECASE,
)
_PASSIVE_QUOTE = re.compile(
    r"\b(?:was|were|has been|had been|is)\s+quoted\s+(?:as\s+saying\s+)?by\s+|"
    r"\b(?:was|were|has been|had been|is)\s+quoted\s+as\s+saying\b",
    re.IGNORECASE,
)
_ACTIVE_QUOTE = re.compile(
    r"\bquot(?:ed|es)\s+(?P<obj>him|her|them|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+as\s+"
    r"(?:saying|telling)",
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_POSTED_ON = re.compile(
    r"\bin\s+an?\s+(?:\w+\s+)?(?:statement|post|message|video|letter)\s+(?:posted|published)\s+"
    r"(?:on|to)\s+",
    re.IGNORECASE,
)
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
_TEMPORAL = re.compile(
    r"\s+(?:on|in|at|last|this|early|late|earlier)\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
    r"October|November|December|week|month|year|the\s+(?:week|day|morning|evening))\b.*$",
    re.DOTALL,
)


@dataclass
class Link:
    text: str
    role: str
    source: str | None = None
    start: int = 0
    end: int = 0


@dataclass
class Attribution:
    claimant: Span | None = None
    unnamed: str | None = None
    speaker: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    cue_word: str = ""
    via: list[Link] = field(default_factory=list)
    # How the speaker was found and resolved, read by the speaker filter (speaker_filter.py):
    # the rule ("cue", "according to", "tagger", "quotation", ...), the resolution ("pronoun",
    # "name", "unnamed", ...), and for a sentence given another's speaker, that attribution.
    rule: str = ""
    resolution: str = ""
    origin: "Attribution | None" = field(default=None, repr=False)


class Attributor:
    """Find attributions sentence by sentence, remembering the latest named speaker."""

    def __init__(self, aliases: AliasIndex | None = None, tagger=None) -> None:
        self.aliases = aliases or AliasIndex()
        self.tagger = tagger
        self.entities = Entities(self.aliases)

    def attribute(self, sentence: str, offset: int = 0) -> Attribution:
        tokens = tokenize(sentence)
        rule, found = self._find(sentence, tokens)
        self.entities.notice(tokens, sentence, offset, latest=found is None)
        if found is None:
            return Attribution()
        np, cue, via = found
        result = self._resolve(tokens, np, sentence, offset)
        result.rule = rule
        result.cue = (tokens[cue[0]].start + offset, tokens[cue[1] - 1].end + offset)
        result.cue_word = " ".join(t.lower for t in tokens[cue[0] : cue[1]])
        if result.unnamed and result.cue_word.startswith("according"):
            result.unnamed = f"according to {result.unnamed}"
        result.via.extend(self._link(tokens, r, role, offset) for r, role in via)
        self._add_outer_relays(sentence, tokens, result, offset)
        return result

    def _find(self, sentence, tokens):
        """(the rule's name, what it found) of the first rule that finds a speaker."""
        for rule, finder in (
            ("passive relay", self._passive_relay),
            ("active relay", self._active_relay),
            ("cue", self._cue),
            ("according to", self._according_to),
            ("tagger", self._tagged),
        ):
            found = finder(sentence, tokens)
            if found:
                return rule, found
        return "", None

    # --- cue patterns: each returns (speaker token range, cue token range, relays) ---

    def _cue(self, sentence, tokens):
        return find_cue_speaker(tokens)

    def _tagged(self, sentence, tokens):
        return self.tagger and learned_cue_speaker(tokens, self.tagger)

    def _passive_relay(self, sentence, tokens):
        match = _PASSIVE_QUOTE.search(sentence)
        if not match:
            return None
        cue = _token_range(tokens, match.start(), match.end())
        np = left_np(tokens, cue[0])
        if np is None:
            return None
        relay = right_np(tokens, cue[1]) if match.group(0).rstrip().endswith("by") else None
        if relay is None:
            by = re.compile(r"\bby\s+").search(sentence, match.end())
            relay = right_np(tokens, _token_index(tokens, by.end())) if by else None
        return np, cue, [(relay, "quoted by")] if relay else []

    def _active_relay(self, sentence, tokens):
        match = _ACTIVE_QUOTE.search(sentence)
        if not match:
            return None
        cue = _token_range(tokens, match.start(), match.end())
        relay = left_np(tokens, cue[0])
        obj = _token_range(tokens, match.start("obj"), match.end("obj"))
        if relay and tokens[obj[0]].lower in PRONOUNS:
            owner = possessor(tokens, *relay)
            obj = owner or obj
        return obj, cue, [(relay, "quoted by")] if relay else []

    def _according_to(self, sentence, tokens):
        match = _ACCORDING.search(sentence)
        if not match:
            return None
        start = _token_index(tokens, match.end())
        np = right_np(tokens, start, limit=12)
        np = np and trim_speaker(tokens, np)
        if np is None:
            return None
        return np, _token_range(tokens, match.start(), match.end()), []

    # --- resolution of the speaking noun phrase ---

    def _resolve(self, tokens, np, sentence, offset) -> Attribution:
        i, j = _trim_temporal(tokens, np)
        surface = _span(tokens, i, j, sentence, offset)
        result = Attribution(speaker=(surface.start, surface.end))
        if j - i == 1 and tokens[i].text == "who":
            runs = name_runs(tokens, 0, i)
            result.claimant = (
                self.entities.named(
                    _span(tokens, *runs[-1], sentence, offset), looks_like_person(tokens, runs[-1])
                )
                if runs
                else None
            )
            result.unnamed = None if runs else surface.text
            result.resolution = "who"
            return result
        if j - i == 1 and tokens[i].lower in PRONOUNS:
            antecedent = self.entities.antecedent(tokens[i].lower)
            result.claimant = antecedent
            result.unnamed = None if antecedent else surface.text
            result.resolution = "pronoun"
            return result
        if j - i > 1 and tokens[i].lower in _POSSESSIVE_PRONOUNS:
            relayed = self._pronoun_relay(tokens, i, j, sentence, offset, surface)
            if relayed is not None:
                return relayed
        owner = possessor(tokens, i, j)
        if owner and RELAY_NOUNS.match(_text(tokens, owner[1], j, sentence)):
            result.claimant = self.entities.named(
                _span(tokens, *owner, sentence, offset), looks_like_person(tokens, owner)
            )
            result.via.append(Link(surface.text, "relayed by", self.aliases.resolve(surface.text)))
            result.via[-1].start, result.via[-1].end = surface.start, surface.end
            result.resolution = "relay noun"
            return result
        result.claimant = self._named_in(tokens, i, j, sentence, offset, surface)
        result.resolution = "named"
        if result.claimant is None:
            result.unnamed = " ".join(surface.text.split())
            result.resolution = "unnamed"
        return result

    def _pronoun_relay(self, tokens, i, j, sentence, offset, surface) -> Attribution | None:
        """ "according to her press service": her words, relayed by her press service."""
        if not RELAY_NOUNS.match(_text(tokens, i + 1, j, sentence)):
            return None
        owner = self.entities.antecedent(_POSSESSIVE_PRONOUNS[tokens[i].lower])
        if owner is None:
            return None
        result = Attribution(
            speaker=(surface.start, surface.end), claimant=owner, resolution="pronoun relay"
        )
        link = Link(surface.text, "relayed by", self.aliases.resolve(surface.text))
        link.start, link.end = surface.start, surface.end
        result.via.append(link)
        return result

    def _named_in(self, tokens, i, j, sentence, offset, surface) -> Span | None:
        source = self.aliases.resolve(surface.text)
        named = self.entities.named
        if source:
            return named(Span(surface.text, surface.start, surface.end, source))
        found = self.aliases.find_in(surface.text)
        if found:
            name, start, end = found
            text = surface.text[start:end]
            return named(Span(text, surface.start + start, surface.start + end, name))
        runs = [r for r in (clean_run(tokens, r) for r in name_runs(tokens, i, j)) if r]
        if not runs:
            return self.entities.by_role(tokens, i, j)
        best = strip_titles(tokens, _main_run(tokens, runs))
        return named(_span(tokens, *best, sentence, offset), looks_like_person(tokens, best))

    def _link(self, tokens, np, role, offset) -> Link:
        i, j = _trim_temporal(tokens, np)
        start, end = tokens[i].start, tokens[j - 1].end
        text = _joined(tokens, i, j)
        return Link(text, role, self.aliases.resolve(text), start + offset, end + offset)

    def _add_outer_relays(self, sentence, tokens, result, offset) -> None:
        """ ", RIA reported." or "according to Interfax" around another speaker's words."""
        if result.cue is None:
            return
        cue_end = result.cue[1] - offset
        for k, token in enumerate(tokens):
            if token.start < cue_end or token.lower not in ("reported", "reports"):
                continue
            np = left_np(tokens, k)
            if np and name_runs(tokens, *np):
                result.via.append(self._link(tokens, np, "reported by", offset))
                return
        match = _ACCORDING.search(sentence, cue_end)
        if match:
            np = right_np(tokens, _token_index(tokens, match.end()))
            if np and self._carries(tokens, np):
                result.via.append(self._link(tokens, np, "reported by", offset))
                return
        match = _POSTED_ON.search(sentence, cue_end)
        if match:
            np = right_np(tokens, _token_index(tokens, match.end()))
            if np:
                result.via.append(self._link(tokens, np, "relayed by", offset))

    def _carries(self, tokens, np) -> bool:
        """An outlet, or a known source that is no person ("according to Interfax")."""
        found = tokens[np[0] : np[1]]
        if found[0].lower in _POSSESSIVE_PRONOUNS:
            return bool(RELAY_NOUNS.match(" ".join(t.text for t in found[1:])))
        known = self.aliases.resolve(_joined(tokens, *np)) is not None
        return bool(name_runs(tokens, *np)) and is_outlet(found, known=known)


def _main_run(tokens: list[Token], runs: list[tuple[int, int]]) -> tuple[int, int]:
    """The longest run (the last among equals); the last one when a role word stands before it
    ("Former National Security Council spokesman Ned Price")."""
    last = runs[-1]
    if len(runs) > 1 and tokens[last[0] - 1].lower.rstrip(".") in TITLES:
        return last
    return max(reversed(runs), key=lambda r: r[1] - r[0])


def _token_index(tokens: list[Token], char: int) -> int:
    for k, token in enumerate(tokens):
        if token.end > char:
            return k
    return len(tokens)


def _token_range(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    first = _token_index(tokens, start)
    last = first
    while last < len(tokens) and tokens[last].start < end:
        last += 1
    return first, max(last, first + 1)


def _trim_temporal(tokens: list[Token], np: tuple[int, int]) -> tuple[int, int]:
    i, j = np
    text = " ".join(t.text for t in tokens[i:j])
    match = _TEMPORAL.search(text)
    if not match:
        return np
    kept = len(text[: match.start()].split())
    return (i, i + kept) if kept else np


def _text(tokens, i, j, sentence) -> str:
    if i >= j:
        return ""
    return " ".join(sentence[tokens[i].start : tokens[j - 1].end].split())


def _joined(tokens, i, j) -> str:
    return re.sub(r"-\s*\n\s*", "-", " ".join(t.text for t in tokens[i:j]))


def _span(tokens, i, j, sentence, offset) -> Span:
    start, end = tokens[i].start, tokens[j - 1].end
    return Span(sentence[start:end], start + offset, end + offset)
