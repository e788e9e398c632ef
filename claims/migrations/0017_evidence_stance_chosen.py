"""Evidence has no default stance: the editor chooses one.

On SQLite the change rebuilds claims_evidence, which drops the claim-version triggers that
0013 put on it; they are created again after the rebuild (this migration's own copy of the SQL).
"""

from django.db import migrations, models

STANCES = [("supports", "Supports"), ("contradicts", "Contradicts"), ("context", "Context")]
BUMP = "UPDATE claims_claim SET version = version + 1 WHERE id IN ({rows})"
SQLITE_EVENTS = {
    "insert": "NEW.claim_id",
    "update": "NEW.claim_id, OLD.claim_id",
    "delete": "OLD.claim_id",
}


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for event, rows in SQLITE_EVENTS.items():
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS claims_evidence_claim_version_{event} AFTER "
            f"{event.upper()} ON claims_evidence BEGIN {BUMP.format(rows=rows)}; END"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0016_link_checks_and_disagreements"),
    ]

    operations = [
        migrations.AlterField(
            model_name="evidence",
            name="stance",
            field=models.CharField(choices=STANCES, max_length=16),
        ),
        migrations.AlterField(
            model_name="historicalevidence",
            name="stance",
            field=models.CharField(choices=STANCES, max_length=16),
        ),
        migrations.RunPython(create_sqlite_triggers, create_sqlite_triggers),
    ]
