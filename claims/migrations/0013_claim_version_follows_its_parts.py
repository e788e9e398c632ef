"""A claim's version moves whenever its verdict, evidence or chain changes.

Approvers and API clients act on the claim as a whole, with the version they read; the workflow
refuses an act based on an older version. So that a verdict rewritten after someone read the
claim is noticed whichever way it was written (admin, API, a command, a fixture), the database
bumps the claim's version in triggers: PostgreSQL's and SQLite's, the same rule twice.
"""

from django.db import migrations

PARTS = ("claims_verdict", "claims_evidence", "claims_attribution")
BUMP = "UPDATE claims_claim SET version = version + 1 WHERE id IN ({rows})"

# In PostgreSQL a row that is absent (OLD on INSERT, NEW on DELETE) is NULL, matching nothing.
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION claims_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN {BUMP.format(rows="NEW.claim_id, OLD.claim_id")}; RETURN NULL; END $$
"""
SQLITE_EVENTS = {
    "insert": "NEW.claim_id",
    "update": "NEW.claim_id, OLD.claim_id",
    "delete": "OLD.claim_id",
}


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for table in PARTS:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_claim_version AFTER INSERT OR UPDATE OR DELETE ON "
                f"{table} FOR EACH ROW EXECUTE FUNCTION claims_part_changed()"
            )
        return
    for table in PARTS:
        for event, rows in SQLITE_EVENTS.items():
            schema_editor.execute(
                f"CREATE TRIGGER {table}_claim_version_{event} AFTER {event.upper()} ON {table} "
                f"BEGIN {BUMP.format(rows=rows)}; END"
            )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in PARTS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_claim_version ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS claims_part_changed()")
        return
    for table in PARTS:
        for event in SQLITE_EVENTS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_claim_version_{event}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0012_corrections_reviewed")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
