"""What kind of source a phrase names, and whether it is an outlet that carries words.

"told the TASS news agency" makes TASS a relay; "told Hawk Sawyer" or "told reporters" names a
listener. New Sources get a kind from the phrase that introduced them ("the state news agency
Kazinform" -> state media, state-affiliated; "Marat Ospanov" -> person).
"""

import re

from .speakers import Token, looks_like_person, name_runs, tokenize, words

MEDIA_NOUNS = words(
    "agency newspaper paper daily tabloid weekly magazine journal television tv radio channel "
    "broadcaster network station outlet website site blog podcast wire newswire "
    "times post news herald tribune gazette telegraph guardian observer chronicle inquirer "
    "bulletin express mail mirror globe independent press izvestia kommersant pravda"
)
# Outlets often named alone ("told Interfax", "told CNN").
OUTLET_NAMES = words(
    "cnn bbc nbc abc cbs msnbc npr pbs fox cnbc tass ria interfax reuters afp ap upi dpa "
    "ansa efe rt xinhua kazinform sputnik bloomberg politico axios aljazeera kyodo yonhap "
    "tolo ukrinform unian itar-tass novosti vedomosti rbc meduza"
)
_STATE = re.compile(
    r"\bstate(?:-run|-owned|-controlled|-backed|-funded)?\s+(?:news|media|television|tv|"
    r"radio|broadcaster|agency|channel|newspaper|outlet)|\bgovernment-(?:run|owned)\b|"
    r"\bstate media\b",
    re.IGNORECASE,
)
_KINDS = [
    (kind, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for kind, pattern in (
        ("press_office", r"press service|press office|press secretary|spokes(?:man|woman|person)"),
        ("campaign_website", r"campaign website"),
        (
            "news_agency",
            r"news agency|agency|associated press|wire|tass|interfax|reuters|afp|ap|xinhua|ria",
        ),
        ("broadcaster", r"television|tv|radio|channel|broadcaster|network|station|cnn|bbc"),
        ("news_outlet", "|".join(sorted(MEDIA_NOUNS))),
        ("legislature", r"parliament|senate|congress|duma|assembly|legislature"),
        ("party", r"party"),
        ("campaign", r"campaign"),
        (
            "government",
            r"ministry|department|government|administration|embassy|police|commission|"
            r"council|kremlin|cabinet|presidency|court|white house",
        ),
        ("intergovernmental", r"osce|nato|united nations|un|unesco|who|imf|european union"),
        ("ngo", r"foundation|institute|watch|amnesty|ngo|charity"),
    )
]


def _lowers(tokens: list[Token]) -> list[str]:
    return [t.lower.rstrip("'’s") if t.text.endswith(("'s", "’s")) else t.lower for t in tokens]


def is_outlet(tokens: list[Token], known: bool = False) -> bool:
    """A phrase naming a medium that carries words, not a person or group spoken to.
    ``known``: the phrase resolved to a known source through the aliases."""
    lowers = _lowers(tokens)
    if any(w in MEDIA_NOUNS or w in OUTLET_NAMES for w in lowers):
        return True
    if known:
        runs = name_runs(tokens, 0, len(tokens))
        return not any(looks_like_person(tokens, run) for run in runs)
    return False


def is_state_affiliated(phrase: str) -> bool:
    return bool(_STATE.search(phrase))


def source_kind(phrase: str, name: str) -> str:
    """A SourceKind value for a new source named ``name`` in ``phrase``."""
    tokens = tokenize(name)
    if is_state_affiliated(phrase) and is_outlet(tokenize(phrase)):
        return "state_media"
    if looks_like_person(tokens, (0, len(tokens))):
        return "person"
    for kind, pattern in _KINDS:
        if pattern.search(phrase):
            return kind
    return "other"
