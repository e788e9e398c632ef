"""Reporting cues ("said", "told", "denounced", "saw") and the noun phrase that speaks.

Several cues can appear in one sentence; the main one is chosen: a closing reporting clause
(", the source added.") first, then the first cue outside a subordinate clause.
"""

from .outlets import is_outlet
from .speakers import (
    COMMON_SPEAKERS,
    DETERMINERS,
    PRONOUNS,
    SKIPPABLE,
    Token,
    left_np,
    name_runs,
    right_np,
    words,
)
from .validate import is_speech, trim_speaker

# Bare forms that are usually nouns ("state", "report", "claim", "post") are left out.
CUES = words(
    "say says said saying tell tells told adds added stated write writes wrote announce "
    "announces announced claimed argue argues argued assert asserts asserted insist "
    "insists insisted explain explains explained notes noted reports reported warn warns "
    "warned acknowledge acknowledged admit admits admitted confirm confirms confirmed "
    "deny denies denied allege alleges alleged declare declares declared tweeted posted "
    "suggest suggests suggested predict predicts predicted estimated asks asked replied "
    "responded continued recalled testified concluded found finds shows showed saw "
    "denounce denounces denounced accuse accuses accused urged promised pledged vowed "
    # speech verbs of news prose that the list above missed (a sentence quoting someone who
    # "quipped" took the previous speaker)
    "quipped joked conceded concedes remarked countered retorted cautioned boasted complained "
    "complains lamented contended stressed emphasized mused scoffed exclaimed reiterated "
    "clarified objected interjected recounted pleaded shouted yelled whispered muttered"
)
INVERTIBLE = words(
    "said says added asked replied wrote continued noted explained quipped joked conceded "
    "remarked countered retorted"
)
WEAK_CUES = words("saw found finds shows showed")
SPEAKER_NOUNS = COMMON_SPEAKERS | words(
    "correspondent reporter witness report study poll survey analysis investigation "
    "review audit data census"
)
_NEGATIONS = words("not never n't")
_PASSIVE = words("is was were are been be being")
_SUBORDINATORS = words("while when if although though because after before since unless as")
_RELAY_CUES = words("reported reports")
_CLAUSE_END = frozenset(".;:!?\"”’'")
_CLAUSE_END_OR_COMMA = _CLAUSE_END | {","}
_SUBJECT_STARTS = DETERMINERS | PRONOUNS | SPEAKER_NOUNS


def find_cue_speaker(tokens: list[Token]):
    """(speaker token range, cue token range, [(relay range, role)]) or None."""
    candidates = []
    quoted = quoted_tokens(tokens)
    for k in range(len(tokens)):
        if _is_cue(tokens, k) and k not in quoted and not _blocked(tokens, k):
            np = _speaker(tokens, k)
            np = np and trim_speaker(tokens, np)
            if np is not None and not _bad_speaker(tokens, np, tokens[k].lower):
                candidates.append((np, (k, k + 1), _told_relay(tokens, k)))
    if not candidates:
        return None
    # ", Interfax reported." after another speaker is a relay, added by the caller.
    closing = [
        c
        for c in candidates
        if _closes_sentence(tokens, c)
        and not (tokens[c[1][0]].lower in _RELAY_CUES and c is not candidates[0])
    ]
    main = [c for c in candidates if not _subordinate(tokens, c[0][0])]
    return (closing or main or candidates)[0]


def _speaker(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """Speaker of the cue at k: inverted, subject, past an appositive, relative or coordinated."""
    if tokens[k].lower in INVERTIBLE and k > 0 and tokens[k - 1].text in ",”\"’'":
        np = right_np(tokens, k + 1)
        if np and _ends_clause(tokens, np[1]) and _speaker_like(tokens, np):
            return np
    np = left_np(tokens, k)
    if np is not None:
        return np
    j = _skip_back(tokens, k)
    if j == 0:
        return None
    before = tokens[j - 1]
    if before.text == ",":
        return _before_appositive(tokens, j - 1)
    if before.lower in ("who", "it"):
        return (j - 1, j)
    if before.lower in ("and", "but"):
        runs = name_runs(tokens, 0, j)
        return runs[0] if runs and runs[0][0] <= 1 else None
    return None


def _ends_clause(tokens: list[Token], end: int) -> bool:
    return end == len(tokens) or tokens[end].text in _CLAUSE_END_OR_COMMA


def _speaker_like(tokens: list[Token], np: tuple[int, int]) -> bool:
    """An inverted subject opens with a name, a determiner or a speaker noun ("officials")."""
    first = tokens[np[0]]
    return first.is_cap or first.lower in _SUBJECT_STARTS


def _skip_back(tokens: list[Token], k: int) -> int:
    j = k
    while j > 0 and tokens[j - 1].lower in SKIPPABLE:
        j -= 1
    return j


def _before_appositive(tokens: list[Token], comma: int) -> tuple[int, int] | None:
    """ "Michael Tanner, an analyst at Cato, said": the phrase before the appositive."""
    for start in range(comma - 1, max(comma - 25, 0), -1):
        if tokens[start].text == ",":
            return left_np(tokens, start)
    return None


def _told_relay(tokens: list[Token], k: int) -> list:
    """ "told the TASS news agency": an outlet that carried the words is a relay; a person or
    group spoken to ("told reporters", "told Hawk Sawyer") is a listener, not part of the chain."""
    if tokens[k].lower != "told":
        return []
    listener = right_np(tokens, k + 1, limit=6)
    if listener and is_outlet(tokens[listener[0] : listener[1]]):
        return [(listener, "reported by")]
    return []


def _is_cue(tokens: list[Token], k: int) -> bool:
    """A lower-case cue verb, not a noun after a determiner ("his claims", "a report")."""
    token = tokens[k]
    if token.lower not in CUES or token.text != token.lower:
        return False
    return (k == 0 or tokens[k - 1].lower not in DETERMINERS) and is_speech(tokens, k)


def _blocked(tokens: list[Token], k: int) -> bool:
    """Negated ("did not say") or passive ("was announced") cues name no speaker."""
    j = k
    while j > 0 and tokens[j - 1].lower in SKIPPABLE | _PASSIVE:
        j -= 1
        if tokens[j].lower in _NEGATIONS or tokens[j].lower in _PASSIVE:
            return True
    return False


def _closes_sentence(tokens: list[Token], candidate) -> bool:
    (i, j), (k, _), _ = candidate
    rest = tokens[k + 1 :] if i < k else tokens[j:]
    return i > 0 and tokens[min(i, k) - 1].text in ",”\"’'" and all(not t.is_word for t in rest)


def _subordinate(tokens: list[Token], start: int) -> bool:
    return start > 0 and tokens[start - 1].lower in _SUBORDINATORS


def _bad_speaker(tokens: list[Token], np: tuple[int, int], cue: str) -> bool:
    i, j = np
    found = [t for t in tokens[i:j] if t.text[0].isalpha()]
    if not found:
        return True
    if cue in WEAK_CUES:
        return not name_runs(tokens, i, j) and not any(
            w.lower in SPEAKER_NOUNS or w.lower.rstrip("s") in SPEAKER_NOUNS for w in found
        )
    return False


def quoted_tokens(tokens: list[Token]) -> set[int]:
    """Indices of tokens inside quotation marks (curly, straight or AP's ''). A straight mark
    right after a word or punctuation closes; a closing mark with no opener before it means
    the sentence began inside a quotation that opened in an earlier sentence."""
    inside, quoted, skip = False, set(), False
    for k, token in enumerate(tokens):
        text = token.text
        if skip:
            skip = False
            continue
        double = text == "'" and k + 1 < len(tokens) and tokens[k + 1].text == "'"
        if text in '“”"' or double:
            skip = double
            glued = k > 0 and tokens[k - 1].end == token.start and tokens[k - 1].text not in "([—–-"
            if text == "”" or (text != "“" and glued):
                if not inside:
                    quoted.update(range(k))
                inside = False
            else:
                inside = True
            continue
        if inside:
            quoted.add(k)
    return quoted


def learned_cue_speaker(tokens: list[Token], tagger):
    """The tagger's speaker and cue, for a sentence the rules found none in: the speaker span
    nearest a cue span, kept only when the rules would accept it as a speaker."""
    speakers, cues = tagger.spans(tokens)
    if not speakers or not cues:
        return None
    cue = cues[0]
    speaker = min(speakers, key=lambda s: min(abs(s[0] - cue[1]), abs(cue[0] - s[1])))
    speaker = trim_speaker(tokens, speaker)
    if speaker is None or _bad_speaker(tokens, speaker, tokens[cue[0]].lower):
        return None
    return speaker, cue, []
