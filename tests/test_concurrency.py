"""Nothing lost when people act at once: row locks let exactly one of two simultaneous
transitions through, and an edit from a stale copy is refused instead of overwriting."""

import threading

import pytest
from concurrency.exceptions import RecordModifiedError
from django.db import connection, connections

from claims import workflow
from claims.models import Claim, ClaimEvent, ClaimStatus, Verdict
from tests.factories import make_claim, make_verdict

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (SELECT … FOR UPDATE) need PostgreSQL; SQLite locks the whole file",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def race(action, *actors) -> list[str]:
    """Run ``action(actor)`` in one thread per actor, released together; each thread's outcome."""
    start = threading.Barrier(len(actors))
    outcomes: list[str] = []

    def run(actor):
        try:
            start.wait()
            action(actor)
            outcomes.append("done")
        except workflow.TransitionRefused as refused:
            outcomes.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(actor,)) for actor in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def fresh(claim: Claim) -> Claim:
    """Each person works from their own copy, as two browser tabs would."""
    return Claim.objects.get(pk=claim.pk)


def submitted_claim(editor, reviewer) -> Claim:
    claim = make_claim()
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer)
    workflow.submit(claim, actor=reviewer)
    return claim


def test_two_editors_triaging_the_same_claim_at_once_exactly_one_succeeds(editor, editor2):
    claim = make_claim()
    outcomes = race(lambda actor: workflow.triage(fresh(claim), actor=actor), editor, editor2)
    assert outcomes == ["conflict", "done"]
    assert ClaimEvent.objects.filter(claim=claim, action="triage").count() == 1
    assert fresh(claim).status == ClaimStatus.QUEUED


def test_two_editors_publishing_the_same_verdict_at_once_exactly_one_approves(
    editor, editor2, reviewer
):
    claim = submitted_claim(editor, reviewer)
    outcomes = race(lambda actor: workflow.publish(fresh(claim), actor=actor), editor, editor2)

    assert outcomes == ["conflict", "done"]
    winner = ClaimEvent.objects.get(claim=claim, action="publish").actor
    assert Verdict.objects.get(claim=claim).approved_by == winner
    assert fresh(claim).status == ClaimStatus.PUBLISHED


def test_publishing_while_another_editor_requests_changes_leaves_one_consistent_outcome(
    editor, editor2, reviewer
):
    claim = submitted_claim(editor, reviewer)

    def act(actor):
        if actor == editor:
            workflow.publish(fresh(claim), actor=actor)
        else:
            workflow.request_changes(fresh(claim), actor=actor, comment="Cite the CEC protocol.")

    assert race(act, editor, editor2) == ["conflict", "done"]
    event = ClaimEvent.objects.get(claim=claim, from_status=ClaimStatus.IN_REVIEW)
    assert fresh(claim).status == event.to_status


def test_an_edit_from_a_stale_copy_is_refused_not_silently_overwritten(editor):
    claim = make_claim()
    first, second = fresh(claim), fresh(claim)
    first.statement = "Tokayev won with 70.96% of the vote."
    first.save()
    second.statement = "Tokayev won with nearly 71% of the vote."
    with pytest.raises(RecordModifiedError):
        second.save()
    assert fresh(claim).statement == "Tokayev won with 70.96% of the vote."
