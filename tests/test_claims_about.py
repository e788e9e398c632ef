"""A source page lists the claims about the source (named in the statement, through its
aliases) apart from those it made, with their own counts and chart."""

import pytest

from sources.models import SourceAlias
from tests.factories import make_claim, make_published_claim, make_source, rating

pytestmark = pytest.mark.django_db


def test_claims_naming_a_source_by_an_alias_are_listed_as_about_it(client, editor, reviewer):
    nazarbayev = make_source("Nursultan Nazarbayev", kind="person")
    SourceAlias.objects.create(source=nazarbayev, text="Elbasy")
    about = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=make_claim(statement="Elbasy handpicked his successor in 2019"),
        rating=rating("false"),
    )
    made = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=make_claim(claimant=nazarbayev, statement="Nursultan Nazarbayev said he would stay"),
    )
    make_published_claim(
        editor=editor, reviewer=reviewer, claim=make_claim(statement="Elbasyville is a town")
    )
    unpublished = make_claim(statement="Nursultan Nazarbayev resigned in secret")
    body = client.get(nazarbayev.get_absolute_url()).content.decode()
    section = body.split('id="about-heading"')[1].split("</section>")[0]
    assert about.get_absolute_url() in section
    assert made.get_absolute_url() not in section  # his own claim: in his track record
    assert "Elbasyville" not in section  # whole words only
    assert unpublished.statement not in body
    assert "1 claim checked: 1 False." in section
    assert 'aria-labelledby="about-chart-title about-chart-desc"' in section
    assert 'aria-labelledby="chart-title chart-desc"' in body  # the track record's own chart
