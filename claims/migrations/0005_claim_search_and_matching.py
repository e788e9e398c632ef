"""Full-text search document and claim-matching key on Claim, with their GIN indexes.

pg_trgm and the GIN indexes exist only on PostgreSQL; on SQLite these steps do nothing and the
search falls back to a simpler match (claims.search).
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

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


def fill_search_fields(apps, schema_editor):
    from claims.matching import match_key
    from claims.search import refresh_search_documents

    Claim = apps.get_model("claims", "Claim")
    for claim in Claim.objects.only("pk", "statement").iterator(chunk_size=2000):
        Claim.objects.filter(pk=claim.pk).update(match_text=match_key(claim.statement))
    refresh_search_documents(Claim.objects.all())


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
