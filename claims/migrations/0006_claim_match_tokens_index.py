"""Claim matching looks candidates up by the tokens of their match key, not by trigrams.

pg_trgm's ``%`` had to recheck thousands of rows for keys with common words (seconds at 1M
claims); a GIN index on the key's tokens answers "shares most of these tokens" directly.
PostgreSQL only: on SQLite these steps do nothing.
"""

from django.db import migrations

TRIGRAM_INDEX = "CREATE INDEX IF NOT EXISTS claim_match_text_trgm ON claims_claim USING gin (match_text gin_trgm_ops)"
# Serves claims.matching: to_tsvector('simple', match_text) @@ (a & b & c) | ...
TOKENS_INDEX = (
    "CREATE INDEX IF NOT EXISTS claim_match_tokens_gin ON claims_claim "
    "USING gin (to_tsvector('simple'::regconfig, match_text))"
)


def on_postgres(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_claim_search_and_matching"),
    ]

    operations = [
        migrations.RunPython(
            on_postgres("DROP INDEX IF EXISTS claim_match_text_trgm", TOKENS_INDEX),
            on_postgres("DROP INDEX IF EXISTS claim_match_tokens_gin", TRIGRAM_INDEX),
        ),
    ]
