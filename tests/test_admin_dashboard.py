"""The admin index is the desk's dashboard: counts per state, my assignments, verdicts waiting
for approval and the oldest waiting claims."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from claims import workflow
from tests.factories import make_claim, make_published_claim, make_verdict

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.fixture
def desk(editor, reviewer):
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC), tick=False):
        old = make_claim(statement="An old detected claim nobody has looked at.")
    queued = workflow.triage(make_claim(), actor=editor)
    assigned = workflow.assign(
        workflow.triage(make_claim(statement="Rosa's claim."), actor=editor),
        actor=editor,
        assignee=reviewer,
    )
    make_verdict(assigned, reviewer)
    workflow.submit(assigned, actor=reviewer)
    mine = workflow.assign(
        workflow.triage(make_claim(statement="Rosa's second claim."), actor=editor),
        actor=editor,
        assignee=reviewer,
    )
    return {"old": old, "queued": queued, "in_review": assigned, "mine": mine}


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_the_dashboard_counts_claims_per_state(client, editor, desk):
    client.force_login(editor)
    counts = section(client.get(INDEX).content.decode(), "desk-counts")
    assert "Detected</a></th><td>1</td>" in counts
    assert "Queued</a></th><td>1</td>" in counts
    assert "In progress</a></th><td>1</td>" in counts
    assert "In review</a></th><td>1</td>" in counts
    assert "Needs my action: 2" in counts


def test_a_reviewer_sees_their_assignments(client, reviewer, desk):
    client.force_login(reviewer)
    mine = section(client.get(INDEX).content.decode(), "desk-mine")
    assert change_url(desk["mine"]) in mine
    assert change_url(desk["in_review"]) not in mine


def test_verdicts_waiting_for_approval_say_whose_they_are(client, editor, desk):
    client.force_login(editor)
    waiting = section(client.get(INDEX).content.decode(), "desk-approval")
    assert change_url(desk["in_review"]) in waiting
    assert "Mostly true · by rosa" in waiting


def test_the_oldest_waiting_claim_comes_first(client, editor, desk):
    client.force_login(editor)
    with time_machine.travel(dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC), tick=False):
        oldest = section(client.get(INDEX).content.decode(), "desk-oldest")
    assert oldest.index(change_url(desk["old"])) < oldest.index(change_url(desk["queued"]))
    assert "detected for 3 weeks" in oldest


def test_people_without_a_role_see_no_dashboard(client, outsider):
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    assert 'id="desk-counts"' not in client.get(INDEX).content.decode()


def test_a_reviewer_sees_nothing_they_cannot_act_on(client, reviewer, desk):
    client.force_login(reviewer)
    page = client.get(INDEX).content.decode()
    for heading in ("desk-approval", "desk-triage", "desk-corrections", "desk-oldest"):
        assert f'id="{heading}"' not in page
    assert change_url(desk["in_review"]) not in page


def test_a_claim_sent_back_is_listed_apart_for_its_reviewer(client, editor, reviewer, desk):
    workflow.request_changes(desk["in_review"], actor=editor, comment="Cite the table.")
    client.force_login(reviewer)
    page = client.get(INDEX).content.decode()
    assert change_url(desk["in_review"]) in section(page, "desk-sent-back")
    assert change_url(desk["in_review"]) not in section(page, "desk-mine")


def test_editors_are_not_asked_to_approve_their_own_work(client, editor, editor2, reviewer):
    claim = make_claim()
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=editor)
    make_verdict(claim, editor)
    workflow.submit(claim, actor=editor)
    client.force_login(editor)
    assert change_url(claim) not in section(client.get(INDEX).content.decode(), "desk-approval")
    client.force_login(editor2)
    assert change_url(claim) in section(client.get(INDEX).content.decode(), "desk-approval")


def test_a_draft_correction_waits_on_the_other_editors_dashboard(client, editor, editor2, reviewer):
    claim = make_published_claim(editor=editor, reviewer=reviewer)
    workflow.correct(claim, actor=editor, note="Wrong figure.", summary="Corrected.")
    client.force_login(editor)
    assert change_url(claim) not in section(client.get(INDEX).content.decode(), "desk-corrections")
    client.force_login(editor2)
    waiting = section(client.get(INDEX).content.decode(), "desk-corrections")
    assert change_url(claim) in waiting
    assert "correction drafted by erin" in waiting
