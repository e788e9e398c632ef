"""Claim cards and the API's reader records are kept between renders of the lists that show
them (core.fragments): a publish renders home and the lists again, but only its own claim's
card and record are new. A kept piece is never shown once what it shows changed: a save moves
its versions, a purge its tags' tokens, also when the purge waited for Redis to come back."""

import pytest
from django.db import transaction

from claims.models import Claim
from core.fragments import Shows, kept
from core.page_tags import tags_for
from core.purges import purge_on_commit
from tests.factories import (
    forget_process_memory,
    make_claim,
    make_correction,
    make_published_claim,
)
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.django_db

CARD = "claims/_claim_card.html"
LISTS = ["/", "/claims/"]


@pytest.fixture
def publish(editor, reviewer, django_capture_on_commit_callbacks):
    def publish(statement: str) -> Claim:
        with django_capture_on_commit_callbacks(execute=True):  # published, and purged
            claim = make_claim(statement=statement)
            return make_published_claim(editor=editor, reviewer=reviewer, claim=claim)

    return publish


def cards_rendered(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return [template.name for template in response.templates].count(CARD)


def api_statements(client) -> list[str]:
    return [record["statement"] for record in client.get("/api/v1/claims/").json()["results"]]


@pytest.mark.parametrize("url", LISTS)
def test_after_a_publish_a_list_renders_only_the_new_claims_card(client, publish, url):
    for number in range(3):
        publish(f"Turnout was {number}0%")
    assert cards_rendered(client, url) == 3

    publish("Turnout was 77%")

    assert cards_rendered(client, url) == 1
    assert "Turnout was 77%" in client.get(url).content.decode()


def test_home_and_the_list_share_their_cards(client, publish):
    publish("Turnout was 77%")
    assert cards_rendered(client, "/claims/") == 1
    assert cards_rendered(client, "/") == 0
    home = client.get("/").content.decode()  # stored from the kept card: still markup
    assert '<article class="card">' in home
    assert "&lt;article" not in home


def test_a_search_renders_its_own_cards_with_its_words_marked(client, publish):
    publish("Turnout was 77%")
    client.get("/claims/")
    page = client.get("/claims/?q=turnout")
    assert [template.name for template in page.templates].count(CARD) == 1
    assert "<mark>Turnout</mark>" in page.content.decode()


def test_a_correction_shows_on_every_card_of_the_claim(
    client, publish, editor, editor2, django_capture_on_commit_callbacks
):
    claim = publish("Turnout was 77%")
    for url in LISTS:
        assert "Corrected" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_correction(claim, drafter=editor, approver=editor2, summary="Turnout was 70%.")
    for url in LISTS:
        assert "Corrected" in client.get(url).content.decode()


def test_a_saved_claim_gets_a_new_card_and_record_at_the_next_purge(client, publish):
    claim = publish("Turnout was 77%")
    client.get("/claims/")
    assert api_statements(client) == ["Turnout was 77%"]
    claim.statement = "Turnout was 77.4%"
    claim.save()  # moves the version; nothing purged yet: the stored lists stand

    publish("Turnout was 50% in Almaty")  # purges every list

    assert "Turnout was 77.4%" in client.get("/claims/").content.decode()
    assert "Turnout was 77.4%" in api_statements(client)


def test_a_reader_record_is_kept_until_its_claims_pages_are_purged(
    client, publish, django_capture_on_commit_callbacks
):
    """The record of a claim is served kept while its versions and tags are unchanged: a
    change that moves neither (a bare UPDATE) shows once the claim's pages are purged."""
    claim = publish("Turnout was 77%")
    assert api_statements(client) == ["Turnout was 77%"]
    Claim.objects.filter(pk=claim.pk).update(statement="Turnout was 77.4%")

    publish("Turnout was 50% in Almaty")  # purges the lists, not this claim's pages
    assert "Turnout was 77%" in api_statements(client)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        purge_on_commit(tags_for(Claim, [claim.pk]))
    assert "Turnout was 77.4%" in api_statements(client)


def test_staff_lists_are_never_served_kept_records(client, publish, editor):
    claim = publish("Turnout was 77%")
    assert api_statements(client) == ["Turnout was 77%"]
    Claim.objects.filter(pk=claim.pk).update(statement="Turnout was 77.4%")
    client.force_login(editor)
    assert api_statements(client) == ["Turnout was 77.4%"]


@pytest.mark.skipif(REDIS_SERVER is None, reason="needs the redis-server binary")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_purge_made_while_redis_was_down_retires_kept_pieces(client, publish, tmp_path, settings):
    """Redis comes back with the pieces it held; the lists' stored pages have expired, so no
    stored page's lookup applies the pending purge first: the pieces must not be trusted
    until it is applied."""
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = server.caches
    try:
        claim = publish("Turnout was 77%")
        assert "Turnout was 77%" in client.get("/claims/").content.decode()
        assert api_statements(client) == ["Turnout was 77%"]
        server.stop()
        with transaction.atomic():
            Claim.objects.filter(pk=claim.pk).update(statement="Turnout was 77.4%")
            purge_on_commit(tags_for(Claim, [claim.pk]))  # pending: Redis is down
        server.start()
        server.client().delete(*server.page_keys())
        forget_process_memory()  # another process, which has not seen the purge

        assert "Turnout was 77.4%" in client.get("/claims/").content.decode()
        assert api_statements(client) == ["Turnout was 77.4%"]
    finally:
        server.kill()


@pytest.mark.parametrize(("rendered_from", "renders"), [("claim:1:v1", 1), ("claim:1:v2", 2)])
def test_a_piece_is_kept_only_if_its_rows_still_show_what_was_asked(rendered_from, renders):
    """Asked for version 1, the render read version 2 (saved in between): kept under version
    1's key it would be served for a version it does not show."""
    rendered = []

    def render(items):
        rendered.extend(items)
        return {item: ("card", Shows(rendered_from, frozenset())) for item in items}

    wanted = {1: Shows("claim:1:v1", frozenset())}
    assert kept(wanted, render) == kept(wanted, render) == {1: "card"}
    assert len(rendered) == renders
