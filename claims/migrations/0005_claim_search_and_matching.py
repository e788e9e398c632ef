"""Full-text search document and claim-matching key on Claim, with their GIN indexes.

pg_trgm and the GIN indexes exist only on PostgreSQL; on SQLite these steps do nothing and the
search falls back to a simpler match (claims.search).
"""

import functools
import operator
import re

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

INDEXES = {
    # Serves Claim.objects.search(): search_document @@ websearch_to_tsquery(...).
    "claim_search_document_gin": "USING gin (search_document)",
    # Serves claim matching: match_text % 'normalised statement' (pg_trgm similarity).
    "claim_match_text_trgm": "USING gin (match_text gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON claims_claim {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


# Frozen copies of the match key and search document as they were built when this migration
# was written: a migration must run the same way whatever later happens to the app's modules.
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
DOCUMENT_WEIGHTS = {
    "A": ("statement",),
    "B": ("quote",),
    "C": ("verdict__summary", "verdict__body"),
    "D": ("claimant__name", "attribution_phrase", "article__title"),
}


def _stem(word):
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _number(token):
    plain = token.replace(",", "")
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    return plain


def _word(raw):
    word = raw.removesuffix("'s").replace("'", "")
    word = NUMBER_WORDS.get(word, word)
    if word in SYNONYMS:
        return SYNONYMS[word]
    if word in STOPWORDS:
        return ""
    stem = _stem(word)
    return SYNONYMS.get(stem, stem)


def match_key(text):
    out = []
    for raw in TOKEN_RE.findall((text or "").casefold().replace("’", "'")):
        word = _number(raw) if raw[0].isdigit() else _word(raw)
        if word and not (out and out[-1] == word):
            out.extend(word.split())
    return " ".join(out)


def search_vector():
    parts = [
        SearchVector(*fields, weight=weight, config="english")
        for weight, fields in DOCUMENT_WEIGHTS.items()
    ]
    return functools.reduce(operator.add, parts)


def fill_search_fields(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    for claim in Claim.objects.only("pk", "statement").iterator(chunk_size=2000):
        Claim.objects.filter(pk=claim.pk).update(match_text=match_key(claim.statement))
    if schema_editor.connection.vendor != "postgresql":
        return
    document = Claim.objects.filter(pk=OuterRef("pk")).annotate(doc=search_vector())
    Claim.objects.update(search_document=Subquery(document.values("doc")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_external_review"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="claim",
            name="match_text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The statement normalised for claim matching.",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_search_fields, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
