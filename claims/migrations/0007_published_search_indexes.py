"""Indexes for what readers search: published claims only.

The partial GIN index lets the public search read only published claims' entries (no BitmapAnd
with the status index); the verdict index makes the published() join index-only. PostgreSQL
only for the GIN index; the verdict index exists everywhere.
"""

from django.db import migrations, models

# Serves Claim.objects.published().search(): search_document @@ ... AND status = 'published'.
PUBLISHED_SEARCH_INDEX = "claim_published_search_gin"


def create_published_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PUBLISHED_SEARCH_INDEX} ON claims_claim "
            "USING gin (search_document) WHERE status = 'published'"
        )


def drop_published_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PUBLISHED_SEARCH_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0006_claim_match_tokens_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="verdict",
            index=models.Index(
                condition=models.Q(("published_at__isnull", False)),
                fields=["claim"],
                name="verdict_published_claim_idx",
            ),
        ),
        migrations.RunPython(create_published_search_index, drop_published_search_index),
    ]
