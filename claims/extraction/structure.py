"""News page structure that is not article content: headings, captions, embedded posts,
timestamps, link lists, promotions and graphic pointers.

`LINE_RULES` recognise a line by its form wherever it stands. `is_heading` needs the
paragraph around the line: a heading is a short paragraph of its own that does not end like
a sentence, which a hard-wrapped line inside a paragraph also does not.
"""

import re
from functools import lru_cache

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PHOTO_AGENCY = r"(?:REUTERS|Reuters|AFP|AP|Getty Images|EPA|Bloomberg|Shutterstock|Xinhua)"
_UNIT_AGO = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)"
_CLOCK = r"\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?"
# after the time or date of a stamp: zones, weekdays, months, years, no lower-case words
_STAMP_TAIL = r"(?:[\s\d,.:/|()-]|[AaPp]\.?[Mm]\.?|[A-Z][A-Za-z]*\.?)*"


def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # "— Robert Maguire (@RobertMaguire_) November 18, 2019", "A post shared by X (@x) on …"
        "embed",
        _rx(
            r"^[—–-]+\s*.{1,80}?\(@\w{1,30}\)\s*.{0,40}\d{4}$|"
            r"^a (?:post|photo|video) shared by\b.{0,80}\(@\w{1,30}\)|"
            r"pic\.twitter\.com/\w+|https?://t\.co/\w+$|^embed from getty images$"
        ),
    ),
    (
        # "2 hours ago", "Updated 10:32 AM ET, Mon November 18, 2019", "Published 3:14 p.m. ET"
        "timestamp",
        _rx(
            rf"^(?:(?:updated|published|posted|last updated)\b:?\s*)?"
            rf"(?:\d+|an?|one)\s+{_UNIT_AGO}\s+ago\.?$|"
            rf"^(?:updated|published|posted|last updated)\b:?\s*(?:on\s+)?(?:[a-z]{{3,9}},?\s+)?"
            rf"(?:{_CLOCK}|{_MONTH}\s+\d{{1,2}}\b|\d{{1,2}}\s+{_MONTH})(?-i:{_STAMP_TAIL})$|"
            rf"^{_CLOCK}(?-i:{_STAMP_TAIL})$"
        ),
    ),
    (
        # "(Graphic: Kazakhstan's election results - here)", "Factbox: who is who", "VIDEO: …"
        "graphic",
        _rx(
            r"^\(?(?:graphics?|interactive|factbox|video|photos?|gallery|chart|map|timeline|"
            r"watch|listen)\s*:"
        ),
    ),
    (
        # "More AP NBA: https://apnews.com/NBA", "Full coverage: www.example.com/x"
        "links",
        _rx(r"^[^:]{1,60}:(?:\s*(?:and|or|,)?\s*<?(?:https?://|www\.)\S+>?)+\.?$"),
    ),
    (
        # "FILE PHOTO: …", "Image caption …", a line ending in a photo credit
        "caption",
        _rx(
            rf"^(?:file photo|photo|picture|photograph)\s*:\s|^image (?:copyright|caption)\b|"
            rf"(?:\(|\b)(?:photo|image|picture)s?(?: by| credit)?:?\s[^)]{{0,80}}/\s*"
            rf"{_PHOTO_AGENCY}\b[^)]*\)?\.?$|"
            rf"\b{_PHOTO_AGENCY}/[A-Z][\w.' -]{{1,40}}(?:/(?:file photo|pool))*\.?\)?$|"
            rf"\((?:AP|AFP|Reuters|EPA) Photo\b[^)]*\)\.?$",
        ),
    ),
    (
        "promo",
        _rx(
            r"^(?:get|sign up for|subscribe to|receive|join)\b.{0,60}\bnewsletters?\b|"
            r"\bnewsletters?\b.{0,60}\b(?:sign up|subscribe|inbox|straight to you)\b|"
            r"^(?:get|download|install)\s+(?:the|our)\b.{0,40}\bapp\b.{0,40}$|"
            r"^(?:download|get it) on (?:the app store|google play)\b|"
            r"^(?:share|tweet|email|print|comment)(?: this(?: story| article| page)?)?"
            r"(?: on \w+| via \w+)?:?$|"
            r"^(?:support|donate to)\b.{0,60}\bjournalism\b|^this story has been shared\b"
        ),
    ),
    (
        # "• Trump's week in review", "► Watch the hearing live" (list items that link elsewhere)
        "links",
        re.compile(r"^[•·▪►▸]\s*\S.{0,150}(?<![.!?”\"’])$"),
    ),
)

_ENDS_LIKE_A_SENTENCE = re.compile(r"[.!?…:;,]\s*[”\"’'»)\]]*\s*$")
HEADING_MAX_WORDS = 20


@lru_cache(maxsize=4096)  # a one-sentence paragraph is asked about as a line and as a sentence
def line_kind(line: str) -> str | None:
    """The structure kind of one stripped line, or None."""
    for kind, pattern in LINE_RULES:
        if pattern.search(line):
            return kind
    return None


def is_heading(paragraph: str) -> bool:
    """A paragraph of one line that does not end like a sentence: a title, a subhead, a
    numbered heading ("2. Never urged Ukraine to investigate Joe Biden"), a date line, a
    navigation link."""
    stripped = paragraph.strip()
    if not stripped or "\n" in stripped or _ENDS_LIKE_A_SENTENCE.search(stripped):
        return False
    return len(stripped.split()) <= HEADING_MAX_WORDS
