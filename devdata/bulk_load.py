"""Fast writes for large synthetic loads (generate_load_data): COPY, and GIN indexes built once.

Not for application code: it skips save(), history and validation by design.
"""

from contextlib import contextmanager

from django.db import connection


def insert(objs: list) -> list:
    """Insert unsaved model instances of one model and give them their ids. Objects they point
    to must be saved before they are assigned, so that the foreign key columns hold their ids.

    PostgreSQL: reserve a block of ids from the table's sequence, then COPY, which skips the
    query building that dominates a multi-row INSERT at this size. Elsewhere: bulk_create.
    """
    if not objs:
        return objs
    model = type(objs[0])
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objs)
    table = model._meta.db_table
    fields = model._meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(seq, nextval(seq) + %s - 1) - %s + 1 "
            "FROM pg_get_serial_sequence(%s, 'id') AS seq",
            [len(objs), len(objs), table],
        )
        first_id = cursor.fetchone()[0]
        for offset, obj in enumerate(objs):
            obj.pk = first_id + offset
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(obj, True), connection)
                        for field in fields
                    ]
                )
    for obj in objs:
        obj._state.adding = False
    return objs


@contextmanager
def indexes_built_afterwards(table: str, stdout):
    """Drop ``table``'s secondary indexes for a bulk load and build them again at the end
    (building an index once costs less than maintaining it row by row), then vacuum away rows
    written twice. Indexes that back a constraint (primary key, unique) stay."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = %s AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name, definition in indexes:
                stdout.write(f"building index {name}…")
                cursor.execute(definition)
        vacuum_analyze(table, stdout=stdout)


def vacuum_analyze(*tables: str, stdout) -> None:
    """Fresh statistics for the planner and a visibility map for index-only scans."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            stdout.write(f"vacuum and analyze {table}…")
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


def rewrite(table: str, *, stdout) -> None:
    """Write a small table afresh: a bulk load updates a counter row once per row it adds
    (claims.models.tallies), and the old row versions would stay in the file."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        stdout.write(f"rewrite {table}…")
        cursor.execute(f"VACUUM FULL {connection.ops.quote_name(table)}")
