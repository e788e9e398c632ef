"""Editors make claims by hand: from a passage of an article, from something said outside any
article, or by splitting a compound claim; each keeps an exact anchor into an article body."""

import pytest
from django.urls import reverse

from claims import workflow
from claims.models import Claim, ClaimStatus
from tests.factories import make_article, make_attribution, make_claim, make_source
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

BODY = (
    "ALMATY — Kazakhstan held a snap election on Sunday.\n\n"
    "Unemployment fell to 4.8 percent last year and the budget deficit shrank to 1.9 percent "
    "of GDP, the finance minister said."
)


def change_page(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def test_an_editor_makes_a_claim_from_a_passage_of_the_article(client, editor):
    article = make_article(BODY)
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_from_passage", args=[article.pk]),
        {"quote": "Unemployment fell to 4.8\n percent last year", "paragraph": "1"},
    )
    claim = Claim.objects.get(article=article)
    assert response.status_code == 302
    assert response.url == change_page(claim)
    assert BODY[claim.start : claim.end] == "Unemployment fell to 4.8 percent last year"
    assert (claim.status, claim.statement) == (ClaimStatus.DETECTED, claim.quote)
    assert claim.history.first().history_user == editor


def test_words_that_are_not_in_the_article_are_refused_with_a_reason(client, editor):
    article = make_article(BODY)
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_from_passage", args=[article.pk]),
        {"quote": "Inflation reached 9 percent"},
        follow=True,
    )
    assert "Those words are not in the article" in response.content.decode()
    assert not Claim.objects.exists()


def test_a_reviewer_cannot_make_claims(client, reviewer):
    article = make_article(BODY)
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:claims_claim_from_passage", args=[article.pk]), {"quote": "Unemployment"}
    )
    assert response.status_code == 403


def test_an_editor_adds_a_claim_heard_outside_any_article(client, editor):
    minister = make_source("Finance Minister", kind="person")
    channel = make_source("Khabar TV", kind="broadcaster")
    client.force_login(editor)
    add = reverse("admin:claims_claim_add")
    response = client.post(
        add,
        {
            "statement": "The deficit shrank to 1.9 percent of GDP.",
            "claimant": minister.pk,
            "where": channel.pk,
            "when": "2019-06-10 09:00",
            "url": "https://khabar.kz/interview",
            "kind": "statistic",
        },
    )
    claim = Claim.objects.get()
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert claim.quote == "The deficit shrank to 1.9 percent of GDP."
    assert claim.article.body[claim.start : claim.end] == claim.quote
    assert (claim.claimant, claim.article.publisher, claim.kind) == (minister, channel, "statistic")
    assert [(link.source, link.role) for link in claim.chain.order_by("position")] == [
        (minister, "said"),
        (channel, "published_by"),
    ]


def test_the_add_form_names_the_missing_fields(client, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:claims_claim_add"), {"statement": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"statement", "claimant"}


def test_a_compound_claim_is_split_in_two_each_with_its_anchor(client, editor):
    article = make_article(BODY)
    quote = (
        "Unemployment fell to 4.8 percent last year and the budget deficit shrank to 1.9 "
        "percent of GDP"
    )
    claim = make_claim(article, quote)
    make_attribution(claim, make_source("Finance Minister"), "said")
    workflow.triage(claim, actor=editor)
    client.force_login(editor)
    url = reverse("admin:claims_claim_split", args=[claim.pk])
    data = form_data(client.get(url).content.decode(), "split_form")
    data["first_part"] = ["Unemployment fell to 4.8 percent last year and"]

    response = client.post(url, data)

    assert response.status_code == 302
    first, second = Claim.objects.order_by("start")
    assert first.quote == "Unemployment fell to 4.8 percent last year and"
    assert second.quote == "the budget deficit shrank to 1.9 percent of GDP"
    for part in (first, second):
        assert article.body[part.start : part.end] == part.quote
        assert part.status == ClaimStatus.QUEUED
    assert second.chain.get().source.name == "Finance Minister"


def test_a_claim_under_review_is_not_split(client, editor, reviewer):
    claim = make_claim(make_article(BODY), "Unemployment fell to 4.8 percent last year")
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    client.force_login(editor)
    page = client.get(change_page(claim)).content.decode()
    assert reverse("admin:claims_claim_split", args=[claim.pk]) not in page
