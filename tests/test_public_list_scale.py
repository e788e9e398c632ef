"""The public /claims/ list stays flat at scale: the whole list's total comes from the tally the
database keeps (claims.models.tallies), filtered lists count at most a capped number of
matches, and rendering a page never counts every published claim."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import search
from claims.public.paginators import CappedCountPaginator
from claims.public.views import ClaimListView
from core import page_tags
from core.page_cache import purge_public_pages
from tests.factories import (
    make_article,
    make_claim,
    make_correction,
    make_published_claim,
    make_topic,
    rating,
)

pytestmark = pytest.mark.django_db


def lead_of(client, url: str = "/claims/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<p class="lead">')
    return html[start : html.index("</p>", start)].removeprefix('<p class="lead">').strip()


def counts_run_by(client, url: str) -> list[str]:
    purge_public_pages()  # the page itself is rendered again, not served from the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


@pytest.fixture
def three_checks(editor, reviewer, django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        claims = [
            make_published_claim(editor=editor, reviewer=reviewer, claim=make_claim(article))
            for _ in range(3)
        ]
    return claims


def test_the_whole_list_shows_how_many_fact_checks_there_are(client, three_checks):
    assert lead_of(client) == "3 published fact checks."


def test_the_whole_list_never_counts_its_published_claims(client, three_checks):
    for url in ("/claims/", "/claims/?page=1"):
        counted = counts_run_by(client, url)
        # Only the verdicts scheduled for later, read in index order from now on.
        assert all('"published_at" >' in sql for sql in counted), counted


def test_the_unfiltered_lists_filter_form_is_rendered_once_not_after_every_publish(
    client, three_checks
):
    """Its choices name every rating and topic: a list rendered again after a publish (which
    purges the lists, not the site) keeps the form it rendered before."""
    make_topic("Elections")
    purge_public_pages()
    first = client.get("/claims/").content.decode()
    page_tags.purge([])  # what a publish does to the lists
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/claims/?page=1").content.decode()
    assert not [q["sql"] for q in queries if "claims_topic" in q["sql"]]
    assert 'value="elections"' in again
    assert filter_fields(again) == filter_fields(first)


def filter_fields(html: str) -> str:
    return html.split('class="filters"')[1].split('class="filters__actions"')[0]


def test_a_filtered_list_shows_its_own_filters_in_the_form(client, three_checks):
    html = client.get("/claims/?rating=mostly-true").content.decode()
    assert '<option value="mostly-true" selected>' in html


def test_publishing_a_claim_updates_the_total_at_once(
    client, editor, reviewer, three_checks, django_capture_on_commit_callbacks
):
    assert lead_of(client) == "3 published fact checks."
    with django_capture_on_commit_callbacks(execute=True):
        make_published_claim(editor=editor, reviewer=reviewer)
    assert lead_of(client) == "4 published fact checks."


def test_retracting_a_claim_updates_the_total_at_once(
    client, editor, editor2, three_checks, django_capture_on_commit_callbacks
):
    assert lead_of(client) == "3 published fact checks."
    with django_capture_on_commit_callbacks(execute=True):
        make_correction(
            three_checks[0],
            drafter=editor,
            approver=editor2,
            action="retract",
            note="The source withdrew the figure.",
        )
    assert lead_of(client) == "2 published fact checks."


def test_a_filtered_list_counts_its_own_matches(client, three_checks):
    assert lead_of(client, "/claims/?q=tokayev") == "3 published fact checks match your filters."
    assert lead_of(client, "/claims/?q=nobody") == "0 published fact checks match your filters."


def test_a_long_filtered_list_says_more_than_the_cap_and_pages_without_a_last_page(
    client, three_checks, monkeypatch
):
    monkeypatch.setattr(CappedCountPaginator, "count_cap", 2)
    monkeypatch.setattr(ClaimListView, "paginate_by", 1)
    assert lead_of(client, "/claims/?q=tokayev") == (
        "More than 2 published fact checks match your filters."
    )
    second = client.get("/claims/?q=tokayev&page=2").content.decode()
    assert "Page 2</span>" in second
    assert 'rel="next"' in second


def test_a_filtered_list_counts_no_more_rows_than_the_cap(client, three_checks, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_cap", 2)
    (count,) = counts_run_by(client, "/claims/?q=tokayev")
    assert "LIMIT 3" in count.upper()


def test_a_search_cut_at_its_newest_matches_says_so(client, three_checks, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 3)
    assert lead_of(client, "/claims/?q=tokayev") == (
        "The 3 newest published fact checks that match, best first."
    )


def test_the_search_looks_among_the_claims_the_other_filters_leave(
    client, editor, reviewer, three_checks, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        oldest_false = make_published_claim(
            editor=editor, reviewer=reviewer, claim=make_claim(), rating=rating("false")
        )
        make_published_claim(editor=editor, reviewer=reviewer)  # newer, not rated False
    monkeypatch.setattr(search, "CANDIDATE_LIMIT", 1)  # PostgreSQL ranks the newest matches
    html = client.get("/claims/?q=tokayev&rating=false").content.decode()
    assert oldest_false.get_absolute_url() in html
