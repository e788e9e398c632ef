"""Tokens and noun-phrase spans around a cue verb: who is speaking, who relays it."""

import re
from typing import NamedTuple

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Prof|Lt|Col|Sgt|Capt|Sr|Cmdr|Adm|Maj)\.(?=\s)"
    r"|\w(?:[\w&]|[’'-](?=\w))*(?:-\s*\n\s*\w[\w’'&-]*)?|\S"
)


def words(text: str) -> frozenset[str]:
    """A word set written as one space-separated string."""
    return frozenset(text.split())


QUOTE_CHARS = "\"“”‘’'«»"
STOP_WORDS = words(
    "that which who whom whose and but or nor as when while because if since after before "
    "although though so then than where whether to is was were are be been has have had "
    "not also there it this these those what how why would will could should might may can "
    "must"
)
NP_PREPOSITIONS = words("of for from at with in on to")
DETERMINERS = words("the a an this that these those his her its their our some many")
SKIPPABLE = words(
    "has have had also later previously repeatedly recently reportedly publicly then once "
    "again separately further earlier is was were are did does do not never already n't "
    "would will often frequently just still privately today yesterday tonight this last "
    "month week year morning monday tuesday wednesday thursday friday saturday sunday"
)
PRONOUNS = words("he she they him her them it")
PERSON_PRONOUNS = words("he she him her")
DATE_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december"
)
TITLES = words(
    "president minister secretary senator sen rep gov governor leader chairman chairwoman "
    "director spokesman spokeswoman spokesperson ceo judge mayor ambassador general gen "
    "commissioner chief officer adviser advisor representative congressman congresswoman "
    "mr mrs ms dr prof speaker chancellor premier lawmaker"
)
ORG_WORDS = words(
    "ministry party council force forces agency committee department office service news "
    "times post press association union bank company corporation group institute university "
    "commission court government administration house senate congress parliament army police "
    "campaign foundation organization organisation network"
)
COMMON_SPEAKERS = words(
    "officials police monitors critics opponents analysts experts sources witnesses "
    "residents protesters authorities observers investigators prosecutors lawyers "
    "supporters economists researchers scientists doctors activists diplomats reports "
    "results polls data statistics figures studies aides advisers officers people voters "
    "members leaders"
)


class Token(NamedTuple):
    """A word or mark of a sentence with its offsets; its lower-case form and shape are
    computed once, as every rule reads them."""

    text: str
    start: int
    end: int
    lower: str
    is_word: bool
    is_cap: bool


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        first = word[0]
        tokens.append(
            Token(word, match.start(), match.end(), word.lower(), first.isalnum(), first.isupper())
        )
    return tokens


def _allowed_in_np(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    if not token.is_word:
        return token.text in "&" or (token.text in "’'" and i > 0)
    if token.lower in STOP_WORDS and not _acronym(token):
        inside_name = token.lower == "and" and 0 < i < len(tokens) - 1
        return inside_name and tokens[i - 1].is_cap and tokens[i + 1].is_cap
    return True


def _acronym(token: Token) -> bool:
    """ "WHO", "IT" in capitals name an organisation, not a function word."""
    return len(token.text) > 1 and token.text.isupper()


def left_np(tokens: list[Token], cue: int, limit: int = 10) -> tuple[int, int] | None:
    """Token range [i, j) of the noun phrase ending just before tokens[cue] (subject)."""
    j = cue
    while j > 0 and tokens[j - 1].lower in SKIPPABLE:
        j -= 1
    i = j
    while i > 0 and j - i < limit and _allowed_in_np(tokens, i - 1):
        i -= 1
    while i < j and (tokens[i].lower in NP_PREPOSITIONS or not tokens[i].is_word):
        i += 1
    return (i, j) if i < j else None


def right_np(tokens: list[Token], start: int, limit: int = 10) -> tuple[int, int] | None:
    """Token range [start, j) of the noun phrase starting at tokens[start] (inverted subject)."""
    j = start
    while j < len(tokens) and j - start < limit and _allowed_in_np(tokens, j):
        word = tokens[j]
        if word.lower in NP_PREPOSITIONS and not _continues_name(tokens, j + 1):
            break
        if word.lower in PRONOUNS and j > start:
            break
        j += 1
    while j > start and tokens[j - 1].text in "’'":
        j -= 1
    return (start, j) if j > start else None


def _continues_name(tokens: list[Token], i: int) -> bool:
    if i >= len(tokens):
        return False
    if tokens[i].lower in DETERMINERS and i + 1 < len(tokens):
        return tokens[i + 1].is_cap
    return tokens[i].is_cap


def name_runs(tokens: list[Token], i: int, j: int) -> list[tuple[int, int]]:
    """Runs of capitalised words within [i, j), joined over "of", "for", "and", "in"."""
    runs, k = [], i
    while k < j:
        if tokens[k].is_cap and tokens[k].lower not in DETERMINERS:
            end = k + 1
            while (
                end < j
                and not _possessive(tokens[end - 1])
                and (
                    tokens[end].is_cap
                    or (
                        tokens[end].lower in ("of", "for", "and", "in", "&")
                        and end + 1 < j
                        and tokens[end + 1].is_cap
                    )
                )
            ):
                end += 1
            runs.append((k, end))
            k = end
        else:
            k += 1
    return [r for r in runs if not _is_common_noun_run(tokens, *r)]


def _possessive(token: Token) -> bool:
    return token.text.endswith(("'s", "’s"))


_COMMON_NOUN_WORDS = COMMON_SPEAKERS | DETERMINERS | PRONOUNS | DATE_WORDS


def _is_common_noun_run(tokens: list[Token], i: int, j: int) -> bool:
    return j - i == 1 and tokens[i].lower in _COMMON_NOUN_WORDS


def strip_titles(tokens: list[Token], run: tuple[int, int]) -> tuple[int, int]:
    """ "Senate Majority Leader Chuck Schumer" -> "Chuck Schumer": the name after the last title."""
    i, j = run
    for k in range(j - 2, i - 1, -1):
        if tokens[k].lower.rstrip(".") in TITLES:
            return (k + 1, j)
    return run


def looks_like_person(tokens: list[Token], run: tuple[int, int]) -> bool:
    """Two to four capitalised words and no organisation word: a guess good enough for "he"."""
    i, j = run
    names = tokens[i:j]
    return (
        2 <= len(names) <= 4
        and all(t.is_cap for t in names)
        and not any(_without_possessive(t.lower) in ORG_WORDS for t in names)
    )


def _without_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def possessor(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """Token range of "X" in "X's ..." inside [i, j), if the phrase opens with a possessive."""
    for k in range(i, j):
        text = tokens[k].text
        if text.endswith(("'s", "’s")) or (k + 1 < j and tokens[k + 1].text in "’'"):
            return (i, k + 1) if tokens[i].is_cap else None
    return None
