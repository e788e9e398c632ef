"""Home's counts by rating and the lists' totals come from a tally the database keeps
(claims.models.tallies), not from counting every published verdict after each publish. The
tally must agree with ``Claim.objects.published()`` whatever changes a claim's standing: the
workflow, a correction, a retraction, a schedule coming due, a queryset update, a delete."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import workflow
from claims.models import Claim, ClaimStatus, PublishedTally, Verdict
from claims.models.tallies import install_triggers, published_by_rating
from tests.factories import (
    empty_caches,
    make_claim_in_review,
    make_correction,
    make_published_claim,
    rating,
)

pytestmark = pytest.mark.django_db


def counted_from_the_rows() -> Counter:
    return Counter(Claim.objects.published().values_list("verdict__rating", flat=True))


def assert_tally_agrees() -> None:
    assert +published_by_rating() == counted_from_the_rows()


def test_the_tally_follows_every_change_to_what_readers_may_see(editor, editor2, reviewer):
    published = [
        make_published_claim(editor=editor, reviewer=reviewer, rating=rating(slug))
        for slug in ("false", "false", "true", "mostly-true")
    ]
    assert published_by_rating()[rating("false").pk] == 2
    assert_tally_agrees()

    later = make_claim_in_review(editor=editor, reviewer=reviewer, rating=rating("true"))
    workflow.publish(later, actor=editor2, publish_at=timezone.now() + timedelta(hours=1))
    assert_tally_agrees()
    Verdict.objects.filter(claim=later).update(published_at=timezone.now() - timedelta(1))
    assert published_by_rating()[rating("true").pk] == 2  # its time came
    assert_tally_agrees()

    make_correction(published[0], drafter=editor, approver=editor2, rating=rating("true"))
    assert published_by_rating()[rating("false").pk] == 1
    assert_tally_agrees()

    make_correction(published[1], drafter=editor, approver=editor2, action="retract")
    assert published_by_rating()[rating("false").pk] == 0
    assert_tally_agrees()

    Claim.objects.filter(pk=published[2].pk).update(status=ClaimStatus.IN_REVIEW)
    Verdict.objects.filter(claim=published[3]).update(rating=None)
    assert published_by_rating()[None] == 1
    assert_tally_agrees()

    published[3].delete()
    assert_tally_agrees()
    assert published_by_rating().total() == 2


def test_a_migrate_puts_right_a_tally_that_missed_changes(editor, reviewer):
    make_published_claim(editor=editor, reviewer=reviewer)
    with connection.cursor() as cursor:
        # What SQLite does to a table's triggers when a migration rebuilds the table.
        cursor.execute(
            "DROP TRIGGER claims_claim_tally_update"
            + (" ON claims_claim" if connection.vendor == "postgresql" else "")
        )
    make_published_claim(editor=editor, reviewer=reviewer)
    assert published_by_rating().total() == 1

    install_triggers()
    assert published_by_rating().total() == 2
    make_published_claim(editor=editor, reviewer=reviewer)
    assert_tally_agrees()

    PublishedTally.objects.update(claims=-1)  # what SQLite's flush may leave
    install_triggers()
    assert_tally_agrees()


def test_an_emptied_tally_counts_nothing_below_zero(editor, reviewer):
    """SQLite's flush empties the tally, then deletes the claims one by one."""
    claim = make_published_claim(editor=editor, reviewer=reviewer)
    PublishedTally.objects.all().delete()
    Verdict.objects.filter(claim=claim).delete()
    assert list(PublishedTally.objects.all()) == []


def test_home_counts_by_rating_without_counting_every_published_verdict(client, editor, reviewer):
    for slug in ("false", "false", "true"):
        make_published_claim(editor=editor, reviewer=reviewer, rating=rating(slug))
    empty_caches()
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    assert '<span class="rating-counts__n">2</span>' in page
    counting = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    # Only the verdicts scheduled for later are counted, in index order from now on.
    assert counting
    assert all('"published_at" >' in sql for sql in counting), counting
