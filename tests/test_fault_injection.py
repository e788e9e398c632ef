"""Faults in what the app depends on: the database connection of a request terminated in the
middle of a write (PostgreSQL), and a web server that stalls while an article is fetched.
Each test says what the editor and the reader see, and checks that nothing committed is lost
or hidden. (A worker killed mid-task: tests/test_worker.py.)"""

import socket
import threading
import time
from contextlib import contextmanager
from functools import partial

import psycopg
import pytest
from django.db import close_old_connections, connection

from articles.fetch import fetch_page
from articles.models import Article
from claims.ingest import IngestError, ingest_url
from claims.models import ClaimStatus, Correction
from tests.api_support import API, call
from tests.conftest import LoginClient
from tests.factories import make_checked_claim
from tests.postgres import database_url, only_on_postgres

RETRACTED = "This fact check was retracted"
NOTE = "The figure we checked came from a withdrawn report."


@contextmanager
def connection_terminated_before(statement: str):
    """Terminate this connection's PostgreSQL session, from another session, just before it
    runs a statement starting with ``statement``: as a failover or an administrator would."""

    def terminate_first(execute, sql, params, many, context):
        if sql.startswith(statement):
            pid = connection.connection.info.backend_pid
            with psycopg.connect(database_url(), autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(terminate_first):
        yield


def act(client, claim, action: str, **fields):
    payload = {"action": action, **fields}
    return call(client, "POST", f"{API}/claims/{claim.pk}/transitions/", payload)


def postgres_fault(test):
    """A test that acts on the PostgreSQL session of a request, in a real transaction."""
    marks = [*only_on_postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
    for mark in marks:
        test = mark(test)
    return test


@postgres_fault
def test_a_retraction_cut_off_by_a_lost_database_connection_is_not_half_saved(
    editor, editor2, reviewer
):
    """One editor proposes the retraction; the second editor's approval loses its database
    session mid-write. The approver is told (503) that the change may not have been saved and
    to reload; the claim is still published with its verdict and readers see exactly that,
    never a half-made retraction. The approval sent again succeeds and readers then see the
    retraction."""
    claim = make_checked_claim(editor=editor, reviewer=reviewer)
    proposer, approver, reader = LoginClient(), LoginClient(), LoginClient()
    proposer.force_login(editor2)
    approver.force_login(editor)
    assert act(proposer, claim, "retract", note=NOTE).status_code == 200

    with connection_terminated_before('INSERT INTO "claims_correction"'):
        response = act(approver, claim, "approve_correction")
    close_old_connections()  # what Django does after every request: drop the broken connection

    assert response.status_code == 503
    assert response["Retry-After"]
    assert "may not have been saved" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert not Correction.objects.filter(claim=claim).exists()
    page = reader.get(claim.get_absolute_url())
    assert page.status_code == 200
    assert RETRACTED not in page.content.decode()

    assert act(approver, claim, "approve_correction").status_code == 200
    page = reader.get(claim.get_absolute_url()).content.decode()
    assert RETRACTED in page
    assert NOTE in page


# --- a slow upstream ---------------------------------------------------------------------------

PAGE_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 100000\r\n\r\n"
    b"<html><head><title>Rallies in Almaty</title></head><body><p>Police arrested"
)


@pytest.fixture
def stalling_site():
    """A web server on 127.0.0.1 that accepts and then misbehaves: ``silent`` never answers,
    ``drip`` sends the start of a page and then one byte every 50 ms, forever."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve(client: socket.socket, path: str):
        with client:
            if path.startswith("/drip"):
                client.sendall(PAGE_HEAD)
                while not stop.wait(0.05):
                    client.sendall(b" ")
            else:
                stop.wait()

    def accept():
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            request = client.recv(4096).decode("latin-1")
            path = request.split(" ")[1] if " " in request else "/"
            threading.Thread(target=serve, args=(client, path), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()


# Production allows 10 s of silence and 30 s in all; the same rules, shorter, keep this fast.
impatient_fetch = partial(
    fetch_page, allowed=lambda address: address.is_loopback, read_timeout=0.5, total_timeout=1.5
)


@pytest.mark.django_db
def test_an_upstream_that_never_answers_is_given_up_on_with_a_timeout_message(stalling_site):
    """The editor who asked for the URL is told the site did not answer and what to do
    instead; nothing is stored, so readers see nothing new."""
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"did not answer within 0\.5 s.*paste the article"):
        ingest_url(f"{stalling_site}/silent", fetch=impatient_fetch)
    assert time.monotonic() - started < 5
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_upstream_sending_a_byte_now_and_then_is_given_up_on_at_the_deadline(stalling_site):
    """A server that keeps the connection alive with a trickle cannot hold the fetch (and
    the editor's request) past its deadline; nothing half-fetched is stored."""
    started = time.monotonic()
    with pytest.raises(IngestError, match="arriving too slowly"):
        ingest_url(f"{stalling_site}/drip", fetch=impatient_fetch)
    assert time.monotonic() - started < 5
    assert not Article.objects.exists()
