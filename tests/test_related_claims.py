"""Related fact checks are stored with each published claim and refreshed when matching changes
(claims.matching.related): a page built with every cache empty reads them in one query."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import workflow
from claims.matching.related import related_claims
from claims.models import Claim
from claims.tasks import go_public
from tests.factories import (
    empty_caches,
    make_article,
    make_claim,
    make_claim_in_review,
    make_correction,
    make_published_claim,
    make_source,
)

pytestmark = pytest.mark.django_db

ARRESTS = "Police arrested 500 people at rallies in Almaty on Sunday"
DETENTIONS = "Police detained 500 protesters at rallies in Almaty on Sunday"


def claim_saying(statement: str) -> Claim:
    """A claim of its own claimant, so only the words can relate it to another."""
    return make_claim(make_article(f"{statement}. More text."), claimant=make_source())


@pytest.fixture
def arrests(editor, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_published_claim(editor=editor, reviewer=reviewer, claim=claim_saying(ARRESTS))


def publish(claim, editor, reviewer, capture) -> Claim:
    with capture(execute=True):
        make_published_claim(editor=editor, reviewer=reviewer, claim=claim)
    return claim


def stored(claim: Claim) -> list[int] | None:
    return Claim.objects.values_list("related_ids", flat=True).get(pk=claim.pk)


def test_publishing_adds_the_claim_to_the_lists_of_claims_like_it_and_purges_their_pages(
    client, arrests, editor, reviewer, django_capture_on_commit_callbacks
):
    assert stored(arrests) == []
    assert "Related fact checks" not in client.get(arrests.get_absolute_url()).content.decode()

    detentions = publish(
        claim_saying(DETENTIONS), editor, reviewer, django_capture_on_commit_callbacks
    )

    assert stored(detentions) == [arrests.pk]
    assert stored(arrests) == [detentions.pk]
    page = client.get(arrests.get_absolute_url()).content.decode()  # stored before: purged
    assert detentions.get_absolute_url() in page


def test_a_retracted_claim_leaves_every_list_at_once_and_the_refresh_drops_it(
    client, arrests, editor, editor2, reviewer, django_capture_on_commit_callbacks
):
    detentions = publish(
        claim_saying(DETENTIONS), editor, reviewer, django_capture_on_commit_callbacks
    )
    assert detentions.get_absolute_url() in client.get(arrests.get_absolute_url()).content.decode()

    make_correction(detentions, drafter=editor, approver=editor2, action="retract")  # no refresh

    assert stored(arrests) == [detentions.pk]
    page = client.get(arrests.get_absolute_url()).content.decode()
    assert detentions.get_absolute_url() not in page
    with django_capture_on_commit_callbacks(execute=True):
        make_correction(arrests, drafter=editor, approver=editor2, summary="Checked again.")
    assert stored(arrests) == []


def test_a_page_built_with_every_cache_empty_reads_the_stored_list_without_matching(
    client, arrests, editor, reviewer, django_capture_on_commit_callbacks
):
    detentions = publish(
        claim_saying(DETENTIONS), editor, reviewer, django_capture_on_commit_callbacks
    )
    url = arrests.get_absolute_url()

    def render() -> tuple[int, str]:
        empty_caches()
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        return len(queries), page

    from_list, page = render()
    Claim.objects.filter(pk=arrests.pk).update(related_ids=None)
    matched, matched_page = render()

    assert detentions.get_absolute_url() in page
    assert page.count(detentions.get_absolute_url()) == matched_page.count(
        detentions.get_absolute_url()
    )
    assert from_list < matched


def test_the_list_ends_with_the_claimants_latest_claims(
    editor, reviewer, django_capture_on_commit_callbacks
):
    tokayev = make_source("Kassym-Jomart Tokayev", kind="person")
    pensions = make_claim(make_article("Pensions will rise by 10 percent. More."), claimant=tokayev)
    publish(pensions, editor, reviewer, django_capture_on_commit_callbacks)
    turnout = make_claim(make_article("Turnout was 77 percent in June. More."), claimant=tokayev)
    publish(turnout, editor, reviewer, django_capture_on_commit_callbacks)

    assert stored(pensions) == [turnout.pk]
    assert related_claims(Claim.objects.get(pk=pensions.pk)) == [turnout]


def test_refresh_related_claims_fills_the_lists_of_claims_published_before_they_were_kept(
    arrests, editor, reviewer
):
    detentions = make_published_claim(
        editor=editor, reviewer=reviewer, claim=claim_saying(DETENTIONS)
    )  # its refresh is never run: as for claims published before lists were stored
    Claim.objects.update(related_ids=None)
    output = StringIO()

    call_command("refresh_related_claims", "--missing", stdout=output)

    assert stored(arrests) == [detentions.pk]
    assert stored(detentions) == [arrests.pk]
    assert "2 claims" in output.getvalue()
    assert "2 lists changed" in output.getvalue()


def test_a_verdict_scheduled_for_later_joins_the_lists_when_it_goes_public(
    arrests, editor, reviewer, django_capture_on_commit_callbacks
):
    detentions = make_claim_in_review(
        editor=editor, reviewer=reviewer, claim=claim_saying(DETENTIONS)
    )
    at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(detentions, actor=editor, publish_at=at)
    assert stored(arrests) == []  # approved, not public yet

    in_two_hours = time_machine.travel(at + timedelta(seconds=1))
    with in_two_hours, django_capture_on_commit_callbacks(execute=True):
        go_public.call(detentions.pk)  # what the task queue runs at that time

    assert stored(arrests) == [detentions.pk]
