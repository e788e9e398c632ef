"""Claim.proposed: whether extraction proposed the claim (the article's top-ranked share).

SQLite adds a NOT NULL column by rebuilding claims_claim, which the version triggers of 0013 on
the verdict, evidence and attribution tables would not survive; so on SQLite they are dropped
before the rebuild and created again after it (this migration's own copy of 0013's SQL).
"""

from django.db import migrations, models

PARTS = ("claims_verdict", "claims_evidence", "claims_attribution")
BUMP = "UPDATE claims_claim SET version = version + 1 WHERE id IN ({rows})"
SQLITE_EVENTS = {
    "insert": "NEW.claim_id",
    "update": "NEW.claim_id, OLD.claim_id",
    "delete": "OLD.claim_id",
}


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in PARTS:
        for event, rows in SQLITE_EVENTS.items():
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_claim_version_{event} AFTER "
                f"{event.upper()} ON {table} BEGIN {BUMP.format(rows=rows)}; END"
            )


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in PARTS:
        for event in SQLITE_EVENTS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_claim_version_{event}")


def proposed_field():
    return models.BooleanField(
        default=True,
        editable=False,
        help_text="Among the article's top-ranked sentences, shown first; extraction folds "
        "the other candidates below them.",
    )


class Migration(migrations.Migration):
    dependencies = [("claims", "0014_text_length_limits")]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, create_sqlite_triggers),
        migrations.AddField(model_name="claim", name="proposed", field=proposed_field()),
        migrations.AddField(model_name="historicalclaim", name="proposed", field=proposed_field()),
        migrations.RunPython(create_sqlite_triggers, drop_sqlite_triggers),
    ]
