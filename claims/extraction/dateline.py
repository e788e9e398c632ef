"""Wire-style datelines that open a paragraph: "WASHINGTON (AP) —", "MOSCOW, June 9 (Reuters) -".

A dateline is metadata, not prose: it is cut out before segmentation so it is neither a
sentence of its own nor glued to the first sentence, and the agency it names ("AP",
"Reuters") is a contributor of the article. Only a capitalised place followed by a dash
counts, and the prose after it must start like a sentence (capital, digit or quotation mark),
so an acronym opening a sentence ("NATO — not Russia — ...") is left alone.
"""

import re
from dataclasses import dataclass

from .speakers import words

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"  # "Sept.", "June"
_PLACE_WORD = r"[A-Z][A-Z.'’-]*[A-Z.]"  # "WASHINGTON", "NUR-SULTAN", "ST.", "D.C."
_TITLE_WORD = r"[A-Z][\w.'’-]*"  # "Kazakhstan", "Calif.", "South"
_DATELINE = re.compile(
    rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}"
    rf"(?:,\s*(?!{_MONTH}\s+\d)(?P<region>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}}))?"
    rf"(?:,\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"(?:\s*\((?P<agency>[A-Z][\w.&’' -]{0,40}?)\))?"
    r"(?:\s*[—–]\s*|\s+--?\s+)"
    r"(?=[A-Z0-9\"“‘'])"
)
# Web copy writes the place in title case and may drop the dash ("Washington (CNN)The ..."):
# then the agency in brackets is required, so a sentence opening with a name is left alone.
_TITLE_CASE_DATELINE = re.compile(
    rf"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}"
    rf"(?:,\s*(?P<region>{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}}))?"
    r"\s*\((?P<agency>[A-Z][\w.&’' -]{0,40}?)\)"
    r"(?:\s*[—–]\s*|\s+--?\s+|\s*)"
    r"(?=[A-Z0-9\"“‘'])"
)
# Agencies a dateline may name after a comma rather than in brackets ("LONDON, Reuters —").
WIRE_AGENCIES = words(
    "AP Reuters AFP Interfax TASS Xinhua Bloomberg DPA ANSA EFE Kyodo Yonhap UPI RIA Anadolu PTI"
)
_PARAGRAPH_START = re.compile(r"(?:\A|\n[ \t\r]*\n)[ \t\r\n]*")


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # where the paragraph's prose begins
    agency: str | None


def dateline_at(text: str, start: int) -> Dateline | None:
    """The dateline opening ``text`` at ``start``, or None."""
    match = _DATELINE.match(text, start) or _TITLE_CASE_DATELINE.match(text, start)
    if match is None:
        return None
    agency, region = match.group("agency"), match.group("region")
    if agency is None and region in WIRE_AGENCIES:
        agency = region
    return Dateline(match.start(), match.end(), agency)


def find_datelines(text: str) -> list[Dateline]:
    """The datelines opening the paragraphs of ``text`` (blank lines separate paragraphs)."""
    found = (dateline_at(text, m.end()) for m in _PARAGRAPH_START.finditer(text))
    return [dateline for dateline in found if dateline is not None]
