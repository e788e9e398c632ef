"""How many claims are published under each rating, kept by the database as claims change.

Home's counts by rating and the lists' totals would otherwise count every published verdict
again after each publish: about 100 ms at 100,000 claims, and growing with the table. Triggers on
claims and verdicts keep one row per rating instead, whatever writes the rows (the workflow,
the admin, a bulk load, a queryset update). Readers subtract the verdicts scheduled for later,
which the tally counts from their approval (``Claim.objects.scheduled()``, a handful of rows
read in index order).

A claim counts when its status is published and its verdict has a publication time. After
every ``migrate`` (and ``flush``) the triggers are installed where missing and the tally is
counted again from the rows (``install_triggers``): SQLite drops a table's triggers when a
migration rebuilds the table, and whatever the tally missed meanwhile is put right.
"""

from collections import Counter

from django.db import connections, models, transaction
from django.db.models import Count
from django.db.models.functions import Coalesce

from claims.models.claim import Claim, ClaimStatus

UNRATED = 0  # the tally's key for verdicts without a rating (a primary key cannot be null)


class PublishedTally(models.Model):
    """Published claims under one rating. Written only by the database's triggers."""

    rating_key = models.IntegerField(primary_key=True, help_text="The rating's id, 0 if none.")
    claims = models.IntegerField(default=0)

    def __str__(self):
        return f"rating {self.rating_key}: {self.claims}"


def published_by_rating() -> Counter:
    """Claims readers may see, by their verdict's rating id (None: no rating), in one query."""
    tallied = PublishedTally.objects.values_list("rating_key", "claims")
    not_yet_public = (
        Claim.objects.scheduled()
        .order_by()
        .annotate(key=Coalesce("verdict__rating", UNRATED))
        .values_list("key")
        .annotate(claims=-Count("pk"))
    )
    counts = Counter()
    for rating_key, claims in tallied.union(not_yet_public, all=True):
        counts[rating_key or None] += claims
    return counts


# What one row's change takes from or adds to the tally: (rating key, change) rows.
_CLAIM_LEAVES = """
    SELECT COALESCE(rating_id, {unrated}) AS rating_key, -1 AS change FROM claims_verdict
    WHERE claim_id = OLD.id AND published_at IS NOT NULL AND OLD.status = '{published}'"""
_CLAIM_ENTERS = """
    SELECT COALESCE(rating_id, {unrated}) AS rating_key, 1 AS change FROM claims_verdict
    WHERE claim_id = NEW.id AND published_at IS NOT NULL AND NEW.status = '{published}'"""
_VERDICT_LEAVES = """
    SELECT COALESCE(OLD.rating_id, {unrated}) AS rating_key, -1 AS change FROM claims_claim
    WHERE id = OLD.claim_id AND status = '{published}' AND OLD.published_at IS NOT NULL"""
_VERDICT_ENTERS = """
    SELECT COALESCE(NEW.rating_id, {unrated}) AS rating_key, 1 AS change FROM claims_claim
    WHERE id = NEW.claim_id AND status = '{published}' AND NEW.published_at IS NOT NULL"""
# One statement per trigger, rows in key order: a correction from one rating to another and a
# concurrent one the other way round lock the two rows in the same order, so neither deadlocks.
# A count taken from a rating the tally has no row for is dropped: only an emptied tally has
# none (SQLite's flush deletes the tally's rows, then the claims' one by one).
# (SQLite reads "ON CONFLICT" after a SELECT as a join's unless the SELECT has a WHERE.)
_UPSERT = """
    INSERT INTO claims_publishedtally (rating_key, claims)
    SELECT rating_key, SUM(change) FROM ({changes}) AS changes WHERE true
    GROUP BY rating_key
    HAVING SUM(change) > 0 OR (SUM(change) < 0 AND EXISTS (
        SELECT 1 FROM claims_publishedtally AS tally WHERE tally.rating_key = changes.rating_key))
    ORDER BY rating_key
    ON CONFLICT (rating_key) DO UPDATE
    SET claims = claims_publishedtally.claims + excluded.claims"""

_VERDICT_COUNTS_DIFFERENTLY = """
    COALESCE(OLD.rating_id, 0) <> COALESCE(NEW.rating_id, 0)
    OR (OLD.published_at IS NULL) <> (NEW.published_at IS NULL)
    OR OLD.claim_id <> NEW.claim_id"""

# name, event, table, condition, the changes it counts
TRIGGERS = (
    ("claims_claim_tally_update", "UPDATE OF status", "claims_claim",
     "OLD.status <> NEW.status", (_CLAIM_LEAVES, _CLAIM_ENTERS)),
    # A claim loaded after its verdict (loaddata defers foreign keys) counts as it is inserted.
    ("claims_claim_tally_insert", "INSERT", "claims_claim", None, (_CLAIM_ENTERS,)),
    ("claims_claim_tally_delete", "DELETE", "claims_claim", None, (_CLAIM_LEAVES,)),
    ("claims_verdict_tally_insert", "INSERT", "claims_verdict", None, (_VERDICT_ENTERS,)),
    ("claims_verdict_tally_update", "UPDATE OF rating_id, published_at, claim_id",
     "claims_verdict", _VERDICT_COUNTS_DIFFERENTLY, (_VERDICT_LEAVES, _VERDICT_ENTERS)),
    ("claims_verdict_tally_delete", "DELETE", "claims_verdict", None, (_VERDICT_LEAVES,)),
)  # fmt: skip

_RECOUNT = f"""
    INSERT INTO claims_publishedtally (rating_key, claims)
    SELECT COALESCE(v.rating_id, {UNRATED}), COUNT(*) FROM claims_verdict v
    JOIN claims_claim c ON c.id = v.claim_id
    WHERE c.status = '{ClaimStatus.PUBLISHED}' AND v.published_at IS NOT NULL
    GROUP BY COALESCE(v.rating_id, {UNRATED})"""


def _statement(changes) -> str:
    rows = " UNION ALL ".join(changes).format(published=ClaimStatus.PUBLISHED, unrated=UNRATED)
    return _UPSERT.format(changes=rows)


def _create_sql(vendor: str, name, event, table, condition, changes) -> tuple[list, list]:
    """The statements that define a trigger's work, and the one that creates the trigger."""
    when = f"WHEN ({condition})" if condition else ""
    body = f"{_statement(changes)};"
    if vendor == "postgresql":
        function = (
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$"
        )
        trigger = f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when} "
        return [function], [trigger + f"EXECUTE FUNCTION {name}()"]
    return [], [
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when} BEGIN {body} END"
    ]


def _installed(connection) -> set[str]:
    names = [name for name, *_ in TRIGGERS]
    placeholders = ", ".join(["%s"] * len(names))
    if connection.vendor == "postgresql":
        query = f"SELECT tgname FROM pg_trigger WHERE tgname IN ({placeholders})"
    else:
        query = (
            f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ({placeholders})"
        )
    with connection.cursor() as cursor:
        cursor.execute(query, names)
        return {row[0] for row in cursor.fetchall()}


def install_triggers(using: str = "default") -> None:
    """Create the triggers that are missing (on PostgreSQL, replace every trigger's function),
    then count the tally again from the rows: whatever it missed while a trigger was gone (a
    table SQLite rebuilt) is put right; 120 ms at 100,000 claims here, once per migrate.
    A trigger is never dropped here, which would lock its table while readers wait; a change to
    a trigger's event or condition needs a migration that drops it."""
    connection = connections[using]
    if PublishedTally._meta.db_table not in connection.introspection.table_names():
        return  # migrated back to before the tally
    with transaction.atomic(using=using), connection.cursor() as cursor:
        installed = _installed(connection)
        for trigger in TRIGGERS:
            functions, creates = _create_sql(connection.vendor, *trigger)
            for sql in functions + ([] if trigger[0] in installed else creates):
                cursor.execute(sql)
        if connection.vendor == "postgresql":
            # A publish committing while the rows are counted would otherwise be lost.
            cursor.execute("LOCK TABLE claims_publishedtally IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM claims_publishedtally")
        cursor.execute(_RECOUNT)
