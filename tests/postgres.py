"""For tests that act on PostgreSQL from outside Django's connection: its address, and the
marks that skip them elsewhere."""

import pytest
from django.db import connection

only_on_postgres = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="acts on PostgreSQL sessions and processes, which SQLite does not have",
    ),
]


def database_url() -> str:
    """The test database's address, for other processes and connections."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
