"""The claim changelist as a work queue: what needs me, filters, ordering, bulk actions through
the workflow, and a query count that does not grow with the number of claims."""

import pytest
from django.contrib.admin import helpers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import workflow
from claims.models import Attribution, AttributionRole, Claim, ClaimStatus
from claims.public.paginators import QueuePaginator
from core import roles
from tests.factories import make_article, make_claim, make_source, make_user, make_verdict

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:claims_claim_changelist")
S = ClaimStatus


def listed(client, query: str = "") -> set[int]:
    response = client.get(f"{QUEUE}?{query}")
    assert response.status_code == 200
    return {claim.pk for claim in response.context["cl"].result_list}


@pytest.fixture
def desk(editor, reviewer, reviewer2):
    """One claim in each working state; two in progress, one for each reviewer."""
    detected = make_claim()
    queued = workflow.triage(make_claim(), actor=editor)
    mine = workflow.assign(
        workflow.triage(make_claim(), actor=editor), actor=editor, assignee=reviewer
    )
    theirs = workflow.assign(
        workflow.triage(make_claim(), actor=editor), actor=editor, assignee=reviewer2
    )
    make_verdict(theirs, reviewer2)
    in_review = workflow.submit(theirs, actor=reviewer2)
    other = workflow.assign(
        workflow.triage(make_claim(), actor=editor), actor=editor, assignee=reviewer2
    )
    return {
        "detected": detected,
        "queued": queued,
        "mine": mine,
        "in_review": in_review,
        "other": other,
    }


def test_an_editor_opens_on_claims_to_triage_and_to_approve(client, editor, desk):
    client.force_login(editor)
    assert listed(client) == {desk["detected"].pk, desk["in_review"].pk}


def test_a_reviewer_opens_on_the_claims_assigned_to_them(client, reviewer, desk):
    client.force_login(reviewer)
    assert listed(client) == {desk["mine"].pk}


def test_all_claims_are_one_click_away(client, reviewer, desk):
    client.force_login(reviewer)
    assert listed(client, "queue=all") == {claim.pk for claim in desk.values()}


def test_the_queue_is_ordered_by_checkworthiness(client, editor):
    low = make_claim(checkworthiness=0.2)
    high = make_claim(checkworthiness=0.9)
    client.force_login(editor)
    results = client.get(QUEUE).context["cl"].result_list
    assert [claim.pk for claim in results] == [high.pk, low.pk]


def test_filtering_by_a_source_anywhere_in_the_chain(client, editor):
    agency = make_source("RIA Novosti")
    relayed = make_claim()
    Attribution.objects.create(
        claim=relayed, position=1, source=agency, role=AttributionRole.QUOTED_BY
    )
    said = make_claim(claimant=agency)
    published = make_claim(article=make_article(publisher=agency))
    contributed_article = make_article()
    contributed_article.contributors.add(agency)
    contributed = make_claim(article=contributed_article)
    make_claim()  # unrelated

    client.force_login(editor)
    assert listed(client, f"source={agency.pk}") == {
        relayed.pk,
        said.pk,
        published.pk,
        contributed.pk,
    }


def test_filtering_by_checkworthiness_band(client, editor):
    high = make_claim(checkworthiness=0.8)
    medium = make_claim(checkworthiness=0.5)
    low = make_claim(checkworthiness=0.1)
    client.force_login(editor)
    assert listed(client, "worthiness=high") == {high.pk}
    assert listed(client, "worthiness=medium") == {medium.pk}
    assert listed(client, "worthiness=low") == {low.pk}


def test_filtering_by_status_and_rating(client, editor, desk):
    client.force_login(editor)
    assert listed(client, "queue=all&status__exact=queued") == {desk["queued"].pk}
    rating_id = desk["in_review"].verdict.rating_id
    assert listed(client, f"queue=all&verdict__rating__id__exact={rating_id}") == {
        desk["in_review"].pk
    }


def bulk(client, action: str, claims, **fields):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [c.pk for c in claims], **fields}
    return client.post(f"{QUEUE}?queue=all", data, follow=True)


def test_bulk_triage_reports_what_was_refused_and_why(client, editor, desk):
    client.force_login(editor)
    page = bulk(client, "triage_claims", [desk["detected"], desk["queued"]]).content.decode()

    assert "Triaged 1 claim." in page
    assert "Not done for 1: Cannot triage: the claim is queued; it must be detected." in page
    desk["detected"].refresh_from_db()
    assert desk["detected"].status == S.QUEUED


def test_bulk_dismiss_asks_for_a_reason_first(client, editor, desk):
    client.force_login(editor)
    claims = [desk["detected"], desk["queued"]]

    page = bulk(client, "dismiss_claims", claims).content.decode()
    assert 'name="comment"' in page
    assert str(desk["detected"]) in page

    page = bulk(client, "dismiss_claims", claims, confirm="yes", comment="Opinion.").content
    assert "Dismissed 2 claims." in page.decode()
    assert {
        c.status for c in type(desk["queued"]).objects.filter(pk__in=[c.pk for c in claims])
    } == {S.DISMISSED}


def test_bulk_assign_to_a_reviewer(client, editor, reviewer, desk):
    client.force_login(editor)
    page = bulk(
        client,
        "assign_claims",
        [desk["queued"], desk["detected"]],
        confirm="yes",
        assignee=reviewer.pk,
    ).content.decode()

    assert "Assigned 1 claim." in page
    assert "Cannot assign: the claim is detected" in page
    desk["queued"].refresh_from_db()
    assert (desk["queued"].status, desk["queued"].assignee) == (S.IN_PROGRESS, reviewer)


def test_reviewers_get_no_bulk_actions(client, reviewer, desk):
    client.force_login(reviewer)
    assert client.get(QUEUE).context["action_form"] is None
    bulk(client, "triage_claims", [desk["detected"]])
    desk["detected"].refresh_from_db()
    assert desk["detected"].status == S.DETECTED


def populate(count: int, editor) -> None:
    """Claims with and without claimant, assignee and rated verdict, across a few articles.

    Plain claims are bulk-created (the changelist reads rows, however they were written); those
    with an assignee and a verdict go through the workflow."""
    reviewer = make_user(group=roles.REVIEWER_GROUP)
    claimant = make_source()
    articles = [make_article() for _ in range(5)]
    claims = []
    for n in range(count):
        article = articles[n % 5]
        claim = Claim(
            article=article,
            start=0,
            end=20,
            claimant=claimant if n % 2 else None,
            checkworthiness=(n % 10) / 10,
        )
        claim.anchor_from_article()
        claim.statement = f"Claim {n}: {claim.quote}"
        claims.append(claim)
    for claim in Claim.objects.bulk_create(claims)[::10]:
        workflow.triage(claim, actor=editor)
        workflow.assign(claim, actor=editor, assignee=reviewer)
        make_verdict(claim, reviewer)


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{QUEUE}?queue=all").status_code == 200
    return len(queries)


def test_the_queue_runs_the_same_number_of_queries_at_10_and_at_200_claims(client, editor):
    client.force_login(editor)
    populate(10, editor)
    at_10 = changelist_queries(client)
    populate(190, editor)
    at_200 = changelist_queries(client)
    assert at_10 == at_200
    assert at_200 < 20


def test_claims_cannot_be_deleted_in_bulk(client, editor, desk):
    client.force_login(editor)
    actions = client.get(QUEUE).context["action_form"].fields["action"].choices
    assert "delete_selected" not in {name for name, _label in actions}


def test_an_editor_is_not_asked_to_approve_their_own_verdict(client, editor, editor2):
    claim = workflow.triage(make_claim(), actor=editor2)
    workflow.assign(claim, actor=editor2, assignee=editor)
    make_verdict(claim, editor)
    workflow.submit(claim, actor=editor)

    client.force_login(editor)
    assert claim.pk not in listed(client)
    client.force_login(editor2)
    assert claim.pk in listed(client)


# --- filters that scale: typed, not listed ---------------------------------------------------


def filter_sidebar(client, query: str = "queue=all") -> str:
    html = client.get(f"{QUEUE}?{query}").content.decode()
    start = html.index('id="changelist-filter"')
    return html[start : html.index("</search>", start)]


def test_filtering_by_article_title_or_id(client, editor):
    budget = make_article(title="Budget debate in the Mazhilis")
    in_budget = make_claim(article=budget)
    make_claim(article=make_article(title="Election night"))
    client.force_login(editor)
    assert listed(client, "queue=all&article=mazhilis") == {in_budget.pk}
    assert listed(client, f"queue=all&article={budget.pk}") == {in_budget.pk}


def test_filtering_by_claimant_name_or_id(client, editor):
    tokayev = make_source("Kassym-Jomart Tokayev")
    said = make_claim(claimant=tokayev)
    make_claim(claimant=make_source("Amirzhan Kosanov"))
    client.force_login(editor)
    assert listed(client, "queue=all&claimant=tokayev") == {said.pk}
    assert listed(client, f"queue=all&claimant={tokayev.pk}") == {said.pk}


def test_filtering_by_a_source_in_the_chain_by_name(client, editor):
    agency = make_source("RIA Novosti")
    relayed = make_claim()
    Attribution.objects.create(
        claim=relayed, position=1, source=agency, role=AttributionRole.QUOTED_BY
    )
    make_claim(claimant=make_source("Interfax"))
    client.force_login(editor)
    assert listed(client, "queue=all&source=novosti") == {relayed.pk}


def test_filtering_by_assignee_offers_staff_only(client, editor, reviewer, outsider, desk):
    staff_without_a_role = make_user("stella", is_staff=True)
    client.force_login(editor)
    sidebar = filter_sidebar(client)
    assert f"assignee__id__exact={reviewer.pk}" in sidebar
    assert f"assignee__id__exact={outsider.pk}" not in sidebar
    assert f"assignee__id__exact={staff_without_a_role.pk}" not in sidebar
    assert listed(client, f"queue=all&assignee__id__exact={reviewer.pk}") == {desk["mine"].pk}


def test_a_typed_filter_keeps_the_other_filters_and_the_search(client, editor):
    client.force_login(editor)
    sidebar = filter_sidebar(client, "queue=all&status__exact=queued&q=turnout&article=budget")
    claimant_form = sidebar[
        sidebar.index('name="claimant"') - 600 : sidebar.index('name="claimant"')
    ]
    for name, value in [("queue", "all"), ("status__exact", "queued"), ("q", "turnout")]:
        assert f'name="{name}" value="{value}"' in claimant_form
    assert 'value="budget"' in sidebar


def test_the_filters_do_not_grow_with_the_number_of_articles_and_sources(client, editor):
    client.force_login(editor)
    make_claim(claimant=make_source())
    few = len(filter_sidebar(client))
    for _ in range(30):
        make_claim(article=make_article(title="A long article title"), claimant=make_source())
    assert len(filter_sidebar(client)) == few


# --- search and counts at scale --------------------------------------------------------------


def test_the_search_finds_words_of_the_verdict_and_the_claimant(client, editor, reviewer):
    rated = make_claim(statement="Turnout was 77 percent")
    make_verdict(rated, reviewer, summary="The commission reported 77.5 percent.")
    said = make_claim(statement="Pensions will rise", claimant=make_source("Askar Mamin"))
    make_claim(statement="Wheat exports doubled")
    client.force_login(editor)
    assert listed(client, "queue=all&q=commission") == {rated.pk}
    assert listed(client, "queue=all&q=mamin") == {said.pk}
    assert listed(client, "queue=all&q=mamin&status__exact=queued") == set()


def test_search_results_come_best_first(client, editor):
    in_statement = make_claim(statement="Inflation reached 9 percent")
    in_quote_only = make_claim(statement="Prices rose", quote=None)
    Claim.objects.filter(pk=in_quote_only.pk).update(quote="inflation in the quote")
    client.force_login(editor)
    results = client.get(f"{QUEUE}?queue=all&q=inflation").context["cl"].result_list
    assert [claim.pk for claim in results] == [in_statement.pk, in_quote_only.pk]


def test_a_long_queue_says_more_than_the_cap_instead_of_counting_every_claim(
    client, editor, monkeypatch
):
    monkeypatch.setattr(QueuePaginator, "count_cap", 2)
    for _ in range(3):
        make_claim()
    client.force_login(editor)
    page = client.get(f"{QUEUE}?queue=all").content.decode()
    assert "More than 2 claims" in page
    assert "Select all claims that match (more than 2)" in page


def test_search_results_can_be_sorted_by_a_column(client, editor):
    first = make_claim(statement="Inflation reached 9 percent", checkworthiness=0.2)
    second = make_claim(statement="Inflation doubled", checkworthiness=0.9)
    client.force_login(editor)
    # Column 3 is "worth"; "-3" reverses its most-worthy-first order.
    least_worthy_first = client.get(f"{QUEUE}?queue=all&q=inflation&o=-3").context["cl"]
    assert [claim.pk for claim in least_worthy_first.result_list] == [first.pk, second.pk]


def test_no_bulk_action_publishes_or_corrects(client, editor, desk):
    """Publishing and corrections need a second person's approval of each claim: the queue's
    bulk actions are triage, dismiss and assign only."""
    client.force_login(editor)
    actions = client.get(QUEUE).context["action_form"].fields["action"].choices
    assert {name for name, _label in actions if name} == {
        "triage_claims",
        "dismiss_claims",
        "assign_claims",
        "unlink_duplicates",
    }
