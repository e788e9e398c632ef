"""`manage.py extract_claims PATH [PATH ...]`: the pipeline's reading of files, as JSON.

Nothing is stored. For plain text, offsets index the file's own text (normalisation is undone
through ``Normalized.to_original``); for HTML they index ``"text"``, the page's article text.
Names resolve through the Sources and aliases in the database when there is one. The
detected language is in ``"language"``; for a language the extractor cannot read,
``"sentences"`` is empty and ``"message"`` says why. ``--transcript`` reads ``SPEAKER: words``
turns (detected without it when most paragraphs open with a label).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.errors import IngestError
from articles.limits import check_file_size, check_text_size
from articles.page_reader import decode, is_html, read_page
from claims.extraction.aliases import AliasIndex
from claims.extraction.language import detect_language, unsupported_message
from claims.extraction.normalize import Normalized, normalize_text
from claims.extraction.pipeline import extract, extract_lines
from claims.source_resolver import SourceResolver


def alias_index() -> AliasIndex:
    try:
        return SourceResolver().index
    except DatabaseError:  # no database, or not migrated: names stay unresolved
        return AliasIndex()


def read_text(path: Path) -> tuple[str, bool]:
    """The file's text and whether it is an HTML page."""
    if not path.is_file():
        raise CommandError(f"No file at {path}.")
    try:
        check_file_size(path.stat().st_size)
        data = path.read_bytes()
        html = is_html(filename=path.name if path.suffix else "", data=data)
        text = decode(data, html=html)
        if not html:
            check_text_size(text, "The text")
        return text, html
    except IngestError as error:
        raise CommandError(f"{path}: {error}") from None


def _to_original(normalized: Normalized, start: int, end: int) -> tuple[int, int]:
    return normalized.to_original(start), normalized.to_original(end - 1) + 1


def _in_original(sentence: dict, normalized: Normalized, raw: str) -> dict:
    """A sentence whose offsets (and those of its claimant) index the raw input."""
    start, end = _to_original(normalized, sentence["start"], sentence["end"])
    mapped = {**sentence, "start": start, "end": end, "text": raw[start:end]}
    if claimant := sentence["claimant"]:
        mapped["claimant"] = {**claimant, **_span_in_original(claimant, normalized, raw)}
        if mention := claimant["mention"]:
            mapped["claimant"]["mention"] = _span_in_original(mention, normalized, raw)
    return mapped


def _span_in_original(span: dict, normalized: Normalized, raw: str) -> dict:
    start, end = _to_original(normalized, span["start"], span["end"])
    return {"text": raw[start:end], "start": start, "end": end}


def read_file(
    path: Path, aliases: AliasIndex, one_per_line: bool, transcript: bool | None = None
) -> dict:
    raw, html = read_text(path)
    language = detect_language(raw)
    if message := unsupported_message(language):
        return {"text": raw, "language": language, "message": message, "sentences": []}
    found = {"language": language}
    if one_per_line:
        sentences = [s.as_dict() for s in extract_lines(raw, aliases)]
        return {"text": raw, **found, "sentences": sentences}
    if html:
        try:
            page_text = read_page(raw).text
            check_text_size(page_text, "The page's article text")
            body = normalize_text(page_text).text
        except IngestError as error:
            raise CommandError(f"{path}: {error}") from None
        sentences = [s.as_dict() for s in extract(body, aliases, transcript=transcript)]
        return {"text": body, **found, "sentences": sentences}
    normalized = normalize_text(raw)
    sentences = [
        _in_original(s.as_dict(), normalized, raw)
        for s in extract(normalized.text, aliases, transcript=transcript)
    ]
    return {"text": raw, **found, "sentences": sentences}


class Command(BaseCommand):
    requires_system_checks = []  # it stores nothing; the checks would load every URL and view
    help = (
        "Print the sentences of text or HTML files with check-worthiness, kind, claimant and "
        "chain as JSON, storing nothing. Several paths: one JSON object per line."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--one-per-line",
            action="store_true",
            help="Each non-empty line is one sentence (no segmentation): for labelled data sets.",
        )
        parser.add_argument(
            "--transcript",
            action="store_true",
            default=None,
            help="Read 'SPEAKER: words' turns: each turn's sentences are its speaker's "
            "(detected without this flag when most paragraphs open with a label).",
        )

    def handle(self, *args, paths, one_per_line, transcript, **options):
        aliases = alias_index()
        for path in paths:
            result = read_file(Path(path), aliases, one_per_line, transcript)
            if "message" in result:
                self.stderr.write(f"{path}: {result['message']}")
            if len(paths) == 1:
                self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            else:
                self.stdout.write(json.dumps({"path": path, **result}, ensure_ascii=False))
