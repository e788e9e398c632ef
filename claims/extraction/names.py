"""The bare name inside a phrase that describes a source: what a new Source is called.

"state-run RIA Novosti news agency" -> "RIA Novosti", "Kazakhstan's Central Election
Commission" -> "Central Election Commission", "opposition newspaper Novaya Gazeta" -> "Novaya
Gazeta", "spokesman for the Interior Ministry" -> "Interior Ministry". A name made only of names
stays whole ("Sergey Zheleznyak", "Ursula von der Leyen"), and so does a phrase for something
of someone's ("Tokayev's campaign website"), which is a source of its own.
"""

from .attribution import RELAY_NOUNS
from .speakers import DETERMINERS, NP_PREPOSITIONS, Token, name_runs, possessor, tokenize, words

NAME_PARTICLES = words("von van der den de del della da di du la le al bin ibn")


def bare_name(phrase: str) -> str:
    """The name ``phrase`` describes, or ``phrase`` itself when it is all name."""
    tokens = tokenize(phrase)
    start = _name_start(tokens)
    runs = name_runs(tokens, start, len(tokens)) if start is not None else []
    if not runs:
        return phrase
    # A name after a preposition is a complement ("correspondent in Almaty") unless it is the
    # only one ("spokesman for the Interior Ministry"); among equals the longest, then the last.
    direct = [run for run in runs if not _after_preposition(tokens, run[0])] or runs
    i, j = max(reversed(direct), key=lambda run: run[1] - run[0])
    rest = tokens[start:i] + tokens[j:]
    if start == 0 and not any(_describes(token) for token in rest):
        return phrase
    return phrase[tokens[i].start : tokens[j - 1].end]


def _name_start(tokens: list[Token]) -> int | None:
    """The first token past an owner ("Kazakhstan's"), or None when the phrase names the
    owner's own thing ("Tokayev's campaign website", "Zheleznyak's Press Service")."""
    owner = possessor(tokens, 0, len(tokens))
    if owner is None:
        return 0
    start = owner[1]
    if start < len(tokens) and tokens[start].text in "’'":  # "Reuters' ..."
        start += 1
    thing = " ".join(token.text for token in tokens[start:])
    if RELAY_NOUNS.match(thing) or not any(token.is_cap for token in tokens[start:]):
        return None
    return start


def _after_preposition(tokens: list[Token], i: int) -> bool:
    k = i - 1
    while k >= 0 and tokens[k].lower in DETERMINERS:
        k -= 1
    return k >= 0 and tokens[k].lower in NP_PREPOSITIONS


def _describes(token: Token) -> bool:
    """A word that describes rather than names: "state-run", "newspaper", "the"."""
    return token.is_word and not token.is_cap and token.lower not in NAME_PARTICLES
