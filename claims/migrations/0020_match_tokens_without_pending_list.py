"""The claim-matching GIN index takes each new claim straight into its tree (fastupdate off).

With GIN's default fast update, new entries wait in a pending list until it reaches
gin_pending_list_limit (4 MB) or a vacuum runs, and every lookup reads the whole list: an
extraction run storing thousands of claims made each of its own lookups slower than the last
(7 ms a lookup after a few thousand claims, against well under 1 ms from the tree). Inserting
into the tree costs a little more per claim, once. PostgreSQL only: on SQLite this does nothing.
"""

from django.db import migrations


def fast_update(enabled: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        setting = "on" if enabled else "off"
        schema_editor.execute(f"ALTER INDEX claim_match_tokens_gin SET (fastupdate = {setting})")
        if not enabled:  # what waits in the list moves into the tree now
            schema_editor.execute("SELECT gin_clean_pending_list('claim_match_tokens_gin')")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0019_anchor_checks"),
    ]

    operations = [
        migrations.RunPython(fast_update(False), fast_update(True)),
    ]
