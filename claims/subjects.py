"""Claims about a source, not by it: published claims whose statement names the source, by its
name or any of its aliases, as whole words."""

import re

from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Length

from claims.models import Claim
from sources.models import Source, SourceAlias

CANDIDATES = 2000  # newest claims naming the source somewhere, read to check whole words
MIN_NAME_LENGTH = 3  # shorter aliases ("UN") would match too much inside a substring search


def names_of(source: Source) -> list[str]:
    names = [source.name, *source.aliases.values_list("text", flat=True)]
    return sorted({name for name in names if len(name) >= MIN_NAME_LENGTH}, key=len, reverse=True)


def _whole_words(names) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)


def sources_named_in(statement: str) -> set[int]:
    """The sources whose name or an alias the statement names as whole words: the pages
    listing claims about them show this claim (the inverse of ``claims_about``)."""
    said = Value(statement, output_field=CharField())
    candidates = [
        *Source.objects.alias(said=said, size=Length("name"))
        .filter(said__icontains=F("name"), size__gte=MIN_NAME_LENGTH)
        .values_list("pk", "name"),
        *SourceAlias.objects.alias(said=said, size=Length("text"))
        .filter(said__icontains=F("text"), size__gte=MIN_NAME_LENGTH)
        .values_list("source_id", "text"),
    ]
    return {pk for pk, name in candidates if _whole_words([name]).search(statement)}


def claims_about(source: Source):
    """Published claims naming ``source`` in their statement, made by someone else."""
    names = names_of(source)
    if not names:
        return Claim.objects.none()
    naming = Q()
    for name in names:
        naming |= Q(statement__icontains=name)
    candidates = (
        Claim.objects.published()
        .filter(naming)
        .exclude(claimant=source)
        .order_by("-pk")
        .values_list("pk", "statement")[:CANDIDATES]
    )
    whole_words = _whole_words(names)
    ids = [pk for pk, statement in candidates if whole_words.search(statement)]
    return Claim.objects.public_list().filter(pk__in=ids)
