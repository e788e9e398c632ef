"""Is a phrase a speaker, and is a cue speech?

A claimant is a person, an organisation, or a document or body that can state things: never
a function word ("On", "And"), a sentence adverb ("Earlier", "Frankly"), a number ("Ten",
"Fifty-one"), a bare adjective ("Federal") or a fragment ("no inconsistency in"). Unnamed
speakers ("Federal prosecutors", "officials", "people familiar with the matter") are kept
whole. A cue followed by a quantity ("added 25 points", "posted a loss") is not speech.
"""

import re

from .speakers import DATE_WORDS, DETERMINERS, PRONOUNS, Token, words

# Capitalised words that open a sentence or a clause but never a name.
LEADING_JUNK = words(
    "on in at of for from with by to into onto during under over after before since until "
    "despite unlike like asked according and but or so yet nor then now still also even "
    "however meanwhile moreover indeed instead earlier later first finally frankly "
    "honestly clearly obviously perhaps maybe thus therefore while when whereas although "
    "though if as because once where whether not no yes former late then-president "
    "speaking writing responding addressing citing"
)
# Lower-case words that end a speaker phrase by accident ("Maher now", "the media finally").
TRAILING_JUNK = words(
    "now first finally also again live later earlier then once still already just only even "
    "immediately quickly publicly privately recently reportedly"
)
NUMBER_WORDS = words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion dozen dozens half "
    "two-thirds one-third three-quarters most many some few several all both none each"
)
# Capitalised words that describe rather than name ("Federal prosecutors", "Defense lawyers").
BARE_ADJECTIVES = words(
    "federal state local national international foreign domestic defense defence senior "
    "top former current new old chief deputy acting interim regional provincial municipal "
    "military civilian public private independent conservative liberal progressive "
    "democratic republican western eastern northern southern global european american "
    "official several other many some most"
)
# Lower-case nouns that can head a speaker phrase.
SPEAKER_HEADS = words(
    "officials official police monitors critics opponents analysts analyst experts expert "
    "sources source witnesses witness residents protesters authorities observers "
    "investigators prosecutors prosecutor lawyers lawyer attorneys attorney supporters "
    "economists economist researchers researcher scientists scientist doctors doctor "
    "activists diplomats diplomat aides aide advisers adviser advisor officers officer "
    "people voters members member leaders leader spokesman spokeswoman spokesperson "
    "representatives representative report reports study studies poll polls survey surveys "
    "data statistics figures results statement statements document documents filing "
    "filings ministry department agency government administration company companies firm "
    "group groups organisation organization campaign committee court judge newspaper paper "
    "magazine station network channel agency outlet website site office service council "
    "commission board union party army military embassy regulator regulators employees "
    "staff staffers officials' correspondent reporter reporters editor columnist senator "
    "governor president minister secretary mayor chairman chairwoman director chief ceo "
    "executive executives candidate candidates manager managers team inspector inspectors "
    "estimates estimate count counts tally records record analysis review audit census "
    "letter memo complaint indictment lawsuit suit ruling order law bill release "
    "authors author paper papers experts' families family relatives mother father wife "
    "husband son daughter brother sister friend friends neighbours neighbors man woman "
    "men women boy girl student students teacher teachers worker workers users fans "
    "citizens americans residents' democrats republicans colleagues sponsors backers allies"
)
_NUMBER = re.compile(r"^[$€£]?\d[\d.,%-]*$")
_NOT_A_NAME = BARE_ADJECTIVES | DATE_WORDS | LEADING_JUNK | NUMBER_WORDS
_PERSONAL = PRONOUNS | {"i", "we", "you"}
_RUN_TAIL = frozenset({"of", "for", "and", "in", "&", "i"})
_BEFORE_ADJECTIVE = words("of in into on at with for from most more fewer many few number")
_CLAUSE_WORDS = (
    DETERMINERS
    | PRONOUNS
    | words("that to in on at by of for with from about as and or but he she they it we i you who")
)
_BEFORE_DATE = words("on in at last this next early late earlier")
_NON_SPEECH_OBJECT = words(
    "points point percent per cent goals goal runs run yards yard assists rebounds wins win "
    "loss losses gain gains profit profits revenue jobs seats votes cents dollars shares"
)
_QUANTITY_CUES = words("add adds added posted")
_POSTED_WORDS = words(
    "message tweet video statement photo picture comment note letter post update image clip"
)


def _is_number(token: Token) -> bool:
    lower = token.lower
    return bool(_NUMBER.match(lower)) or all(part in NUMBER_WORDS for part in lower.split("-"))


def trim_speaker(tokens: list[Token], np: tuple[int, int]) -> tuple[int, int] | None:
    """The speaker phrase without junk at its edges, or None when nothing of a speaker is left."""
    i, j = _without_date(tokens, np)
    while i < j and tokens[i].lower in LEADING_JUNK:
        i += 1
    while j > i and tokens[j - 1].lower in TRAILING_JUNK:
        j -= 1
    if i >= j or not is_speaker(tokens[i:j]):
        return None
    return i, j


def _without_date(tokens: list[Token], np: tuple[int, int]) -> tuple[int, int]:
    """ "early results on Monday" -> "early results"."""
    i, j = np
    for k in range(i + 1, j):
        if tokens[k].lower in DATE_WORDS:
            while k > i + 1 and tokens[k - 1].lower in _BEFORE_DATE:
                k -= 1
            return i, k
    return np


def is_speaker(found: list[Token]) -> bool:
    """A pronoun, a name, or a phrase headed by a noun that can speak."""
    lowers = [t.lower for t in found if t.is_word]
    if not lowers or "no" in lowers or "not" in lowers:
        return False
    if len(lowers) == 1 and lowers[0] in _PERSONAL | {"who"}:
        return True
    head = lowers[-1].rstrip("'’s") if lowers[-1].endswith(("'s", "’s")) else lowers[-1]
    if head in SPEAKER_HEADS or head.rstrip("s") in SPEAKER_HEADS:
        return True
    if _is_number(found[0]):
        return False  # "Six in 10", "Ten", "Fifty-one"
    return is_name(found)


def is_name(found: list[Token]) -> bool:
    """Capitalised words that name something: not only adjectives, numbers, dates or
    function words ("Federal", "Ten", "July", "In")."""
    caps = [t for t in found if t.is_cap]
    if not caps:
        return False
    plain = [t.lower.rstrip(".") for t in caps]
    if all(w in _NOT_A_NAME for w in plain):
        return False
    return not all(_is_number(t) for t in caps)


def clean_run(tokens: list[Token], run: tuple[int, int]) -> tuple[int, int] | None:
    """A capitalised run without leading function words and adverbs ("Despite Smith" ->
    "Smith", "Frankly I" -> None); None when what is left names nothing."""
    i, j = run
    while i < j and (tokens[i].lower in LEADING_JUNK or _adverb(tokens[i])):
        i += 1
    while j > i and tokens[j - 1].lower in _RUN_TAIL:
        j -= 1
    if i >= j or not is_name(tokens[i:j]):
        return None
    if j - i == 1 and tokens[i].lower in _PERSONAL:
        return None
    return i, j


def _adverb(token: Token) -> bool:
    return token.text.endswith("ly") and len(token.text) > 4 and token.text[0].isupper()


def is_speech(tokens: list[Token], k: int) -> bool:
    """The cue at k is speech, not a quantity ("added 25 points", "posted a loss") nor a word
    describing a noun ("271 pledged delegates")."""
    if _describes_a_noun(tokens, k):
        return False
    if tokens[k].lower not in _QUANTITY_CUES:
        return True
    nxt = k + 1
    while nxt < len(tokens) and tokens[nxt].lower in ("a", "an", "another", "its", "his"):
        nxt += 1
    if nxt >= len(tokens):
        return True
    after = tokens[nxt]
    if _is_number(after) or after.text[0] in "$€£":
        return False
    if tokens[k].lower == "posted" and nxt > k + 1:
        return after.lower in _POSTED_WORDS  # "posted a video", not "a victory"
    return after.lower not in _NON_SPEECH_OBJECT


def _describes_a_noun(tokens: list[Token], k: int) -> bool:
    """After a number, a preposition or a quantifier and before a noun, a cue word is an
    adjective ("271 pledged delegates", "a lead in pledged delegates", "the most reported
    cases"); "in 2009 said that" is still speech."""
    if not 0 < k < len(tokens) - 1:
        return False
    before, after = tokens[k - 1], tokens[k + 1]
    if not (_is_number(before) or before.lower in _BEFORE_ADJECTIVE):
        return False
    return after.is_word and not after.is_cap and after.lower not in _CLAUSE_WORDS
