"""The benchmarks' own PostgreSQL databases: created on first use, so `make bench` runs on a
fresh machine."""

import os
import secrets
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def use_bench_database(default_name: str) -> str:
    """Point DATABASE_URL at BENCH_DATABASE_URL (or a database ``default_name`` on the local
    server), creating that database when it does not exist yet; returns the URL."""
    url = os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{default_name}")
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(server, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                print(f"Creating the benchmark database {name}", flush=True)
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"The benchmarks need PostgreSQL ({server}): {error}\n"
            "Start it, or set BENCH_DATABASE_URL to a server you can create databases on."
        ) from error
    os.environ["DATABASE_URL"] = url
    return url


def start_django(default_name: str) -> str:
    """``use_bench_database``, the settings a benchmark needs to run outside a server, then
    ``django.setup()``; returns the database URL."""
    url = use_bench_database(default_name)
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    return url
