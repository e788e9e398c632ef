"""Match keys: a statement reduced to the tokens that carry its meaning, and how alike two are.

Lower case, numbers with their units spelt one way ("71%" = "71 percent", "5,000" = "5000"),
near-synonyms folded (nearly/almost, won/took), light stemming and filler words dropped, so
"Tokayev won nearly 71% of the vote" and "Tokayev took almost 71 percent of votes" share the key
"tokayev win approx 71 percent vote". Pure Python: the score is the same on every database.
"""

import re

# Folded to one spelling before comparing. Near-synonyms only where a fact check would not care.
SYNONYM_GROUPS = {
    "approx": "nearly almost about around roughly approximately some close circa approx",
    "win": "won win wins winning took take takes taking secured secure secures gained gain gains "
    "got get gets received receive receives captured obtained",
    "percent": "percent per cent pct % percentage",
    "over": "more over above exceeding",
    "under": "less fewer under below",
    "detain": "arrested detained arrest detain detains arrests",
    "reach": "reached reach reaches hit hits",
    "say": "said says say stated claimed claims claim",
    "vote": "elections election vote votes voting ballot ballots poll polls",
    "million": "million mln m",
    "billion": "billion bn b",
    "thousand": "thousand k",
}
SYNONYMS = {word: canon for canon, words in SYNONYM_GROUPS.items() for word in words.split()}
_STOPWORD_TEXT = (
    "a an the of in on at to for by with from and or but is are was were be been being has have "
    "had it its this that these those as than then there their they he she his her him we our "
    "you your i me my into onto up down out also just only very all any since new"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "hundred": "100",
    "half": "50 percent", "quarter": "25 percent", "third": "33 percent",
}  # fmt: skip
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|%|[^\W\d_]+(?:['’][^\W\d_]+)?")
SUFFIXES = ("ing", "ed", "es", "s")
NUMBER_MISMATCH_PENALTY = 0.6  # "500 arrested" and "5,000 arrested" are different claims


def _stem(word: str) -> str:
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _number(token: str) -> str:
    """'5,000' → '5000', '70.96' stays, '71.0' → '71'."""
    plain = token.replace(",", "")
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    return plain


def _word(raw: str) -> str:
    """One word folded: number words to digits, near-synonyms to one spelling, light stemming.
    Empty for filler words. Apostrophes go ("Tokayev's" → "tokayev"), so keys hold plain words."""
    word = raw.removesuffix("'s").replace("'", "")
    word = NUMBER_WORDS.get(word, word)
    if word in SYNONYMS:
        return SYNONYMS[word]
    if word in STOPWORDS:
        return ""
    stem = _stem(word)
    return SYNONYMS.get(stem, stem)


def tokens(text: str) -> list[str]:
    """The normalised tokens of a statement, in order."""
    out: list[str] = []
    for raw in TOKEN_RE.findall((text or "").casefold().replace("’", "'")):
        word = _number(raw) if raw[0].isdigit() else _word(raw)
        if word and not (out and out[-1] == word):  # "per cent" → one "percent"
            out.extend(word.split())
    return out


def match_key(text: str) -> str:
    """The statement as it is compared and indexed for matching."""
    return " ".join(tokens(text))


# --- scoring (the same in Python on every database) ---------------------------------------------


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: each word padded with two spaces in front and one behind."""
    grams: set[str] = set()
    for word in re.findall(r"[^\W_]+", text.casefold()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def token_overlap(a: str, b: str) -> float:
    """Dice coefficient of the two keys' token sets."""
    sa, sb = set(a.split()), set(b.split())
    return 2 * len(sa & sb) / (len(sa) + len(sb)) if sa and sb else 0.0


def _numbers(key: str) -> set[str]:
    return {token for token in key.split() if token[0].isdigit()}


def similarity(key_a: str, key_b: str) -> float:
    """0–1: how surely two match keys state the same thing."""
    score = (trigram_similarity(key_a, key_b) + token_overlap(key_a, key_b)) / 2
    numbers_a, numbers_b = _numbers(key_a), _numbers(key_b)
    if numbers_a - numbers_b and numbers_b - numbers_a:  # a number each that the other lacks
        score *= NUMBER_MISMATCH_PENALTY
    return round(score, 3)
