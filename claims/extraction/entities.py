"""Who a pronoun, a surname or a title refers to, within one article.

Every capitalised run of every sentence is noticed. A person is two to four capitalised words
without an organisation word ("Marat Ospanov"); an organisation holds an organisation word or
is an acronym or a known alias ("the Interior Ministry", "NATO"). A surname later in the
article ("Ospanov") is the same person under the fullest name seen; a title with a person
("President Kassym-Jomart Tokayev") lets "the president" refer to them. "he"/"she" refer to
the latest person, "it"/"they" to the latest organisation: never to a place, a date, an adverb
or a phrase.
"""

from dataclasses import dataclass, replace

from .aliases import AliasIndex
from .speakers import (
    DETERMINERS,
    ORG_WORDS,
    PERSON_PRONOUNS,
    TITLES,
    Token,
    looks_like_person,
    name_runs,
    strip_titles,
)
from .validate import clean_run

_ORG_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})


@dataclass
class Span:
    text: str
    start: int
    end: int
    source: str | None = None


def strip_possessive(text: str, end: int) -> tuple[str, int]:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)], end - len(suffix)
    return text, end


def _is_org(tokens: list[Token], run: tuple[int, int]) -> bool:
    found = tokens[run[0] : run[1]]
    return any(t.lower in ORG_WORDS or (len(t.text) > 1 and t.text.isupper()) for t in found)


class Entities:
    """The persons and organisations an article has named so far."""

    def __init__(self, aliases: AliasIndex) -> None:
        self.aliases = aliases
        self.last_person: Span | None = None
        self.last_org: Span | None = None
        self._persons: dict[str, Span] = {}  # surname -> the fullest mention
        self._roles: dict[str, Span] = {}  # "president" -> the person named with that title

    def named(self, span: Span, person: bool = False) -> Span:
        """A speaker the text names: the fullest mention of the same person, remembered."""
        span.text, span.end = strip_possessive(span.text, span.end)
        if span.source is None:
            span.source = self.aliases.resolve(span.text)
        known = self._persons.get(span.text.split()[-1].lower()) if span.text else None
        if known is not None and _shorter_form(span.text, known.text):
            span = replace(known, source=known.source or span.source)
            person = True
        if person:
            self._remember_person(span)
            self.last_person = span
        else:
            self.last_org = span
        return span

    def antecedent(self, pronoun: str) -> Span | None:
        if pronoun in PERSON_PRONOUNS:
            return self.last_person
        return self.last_org if pronoun in _ORG_PRONOUNS else None

    def by_role(self, tokens: list[Token], i: int, j: int) -> Span | None:
        """ "the president", "the minister": the person the article named with that title."""
        words = [t.lower for t in tokens[i:j] if t.lower not in DETERMINERS]
        if len(words) != 1 or j - i > 2:
            return None
        return self._roles.get(words[0])

    def notice(self, tokens: list[Token], sentence: str, offset: int, latest: bool) -> None:
        """Remember the names of a sentence; with ``latest``, its first name becomes the
        latest person or organisation (a sentence without a speaker)."""
        first = True
        for raw in name_runs(tokens, 0, len(tokens)):
            run = clean_run(tokens, raw)
            if run is None or (run[0] == 0 and run[1] - run[0] == 1 and not _is_org(tokens, run)):
                continue
            name = strip_titles(tokens, run)
            span = _span(tokens, name, sentence, offset)
            span.text, span.end = strip_possessive(span.text, span.end)
            span.source = self.aliases.resolve(span.text)
            if looks_like_person(tokens, name):
                span = self._remember_person(span)
                self._remember_role(tokens, raw, name, span)
                if latest and first:
                    self.last_person = span
            elif latest and first and (_is_org(tokens, name) or span.source):
                self.last_org = span
            first = False

    def _remember_person(self, span: Span) -> Span:
        key = span.text.split()[-1].lower()
        known = self._persons.get(key)
        if known is not None and _shorter_form(span.text, known.text):
            return known
        self._persons[key] = span
        return span

    def _remember_role(self, tokens, raw, name, span) -> None:
        k = name[0] - 1
        while k >= max(raw[0] - 1, 0) and k >= name[0] - 3:
            title = tokens[k].lower.rstrip(".")
            if title in TITLES:
                self._roles[title] = span
                return
            k -= 1


def _shorter_form(text: str, known: str) -> bool:
    """ "Ospanov" is a shorter form of "Marat Ospanov"."""
    words, known_words = text.split(), known.split()
    return len(words) < len(known_words) and known_words[-len(words) :] == words


def _span(tokens, run, sentence, offset) -> Span:
    start, end = tokens[run[0]].start, tokens[run[1] - 1].end
    return Span(sentence[start:end], start + offset, end + offset)
