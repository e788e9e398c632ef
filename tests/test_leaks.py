"""Nothing unpublished reaches the public: every unpublished state × every public output.

The claim under test shares its article and its claimant with a published claim, so the
article page and the source pages exist and are rendered; it carries a verdict, evidence, a
chain and an anchor check that found its passage reworded in every state, each with a marker
that must not appear anywhere a reader can look. It repeats the published claim (one family:
the published claim's family page), names the relay (claims about a source) and has a
published finding on a link of its chain; the published claim has a finding on its chain that
is not approved yet, which readers never see.
"""

import json

import pytest
from django.utils import timezone

from articles.models import ArticleVersion
from claims import link_checks, workflow
from claims.anchors.check import mark_claims
from claims.corrections import EvidenceEdit
from core.roles import EDITOR_GROUP
from tests.factories import (
    make_article,
    make_attribution,
    make_claim,
    make_correction,
    make_evidence,
    make_link_check,
    make_published_claim,
    make_source,
    make_user,
    make_verdict,
)
from webhooks.models import Delivery, Endpoint, Event

pytestmark = pytest.mark.django_db

STATEMENT = "Leakmarker statement about turnout from Leak Relay"
VERDICT_MARKERS = (
    "Leakmarker verdict summary",
    "Leakmarker verdict body",
    "Leakmarker evidence",
    "Leakmarker published finding",
    "Leakmarkeranchor",  # what the article's page says now, in place of the claim's quote
)
UNAPPROVED_FINDING = "Leakmarker unapproved finding"


def to_queued(claim, editor, reviewer):
    workflow.triage(claim, actor=editor)


def to_in_progress(claim, editor, reviewer):
    to_queued(claim, editor, reviewer)
    workflow.assign(claim, actor=editor, assignee=reviewer)


def to_in_review(claim, editor, reviewer):
    to_in_progress(claim, editor, reviewer)
    workflow.submit(claim, actor=reviewer)


def to_dismissed(claim, editor, reviewer):
    workflow.dismiss(claim, actor=editor, comment="Not checkable.")


def to_retracted(claim, editor, reviewer):
    to_in_review(claim, editor, reviewer)
    workflow.publish(claim, actor=editor)
    make_correction(
        claim,
        drafter=editor,
        approver=make_user(group=EDITOR_GROUP),
        action="retract",
        note="Withdrawn: a source proved unreliable.",
    )


STATES = {
    "detected": lambda claim, editor, reviewer: None,
    "queued": to_queued,
    "in_progress": to_in_progress,
    "in_review": to_in_review,
    "dismissed": to_dismissed,
    "retracted": to_retracted,
}


@pytest.fixture
def newsroom(editor, editor2, reviewer):
    claimant = make_source("Leak Claimant", kind="person")
    relay = make_source("Leak Relay", kind="news_agency")
    article = make_article(publisher=make_source("Leak Publisher"))
    published = make_published_claim(
        editor=editor,
        reviewer=reviewer,
        claim=make_claim(article, claimant=claimant, statement="A published claim"),
    )
    unapproved = make_link_check(
        make_attribution(published, relay, "relayed_by"), editor, note=UNAPPROVED_FINDING
    )
    link_checks.submit(unapproved, actor=editor)
    hidden = make_claim(
        article,
        quote="Police arrested 500 people at rallies in Almaty",
        claimant=claimant,
        statement=STATEMENT,
        duplicate_of=published,
    )
    make_attribution(hidden, claimant, "said")
    finding = make_link_check(
        make_attribution(hidden, relay, "relayed_by"), editor, note=VERDICT_MARKERS[3]
    )
    link_checks.submit(finding, actor=editor)
    link_checks.publish(finding, actor=editor2)
    make_evidence(hidden, title=VERDICT_MARKERS[2])
    make_verdict(hidden, reviewer, summary=VERDICT_MARKERS[0], body=VERDICT_MARKERS[1])
    edited = article.body.replace("500 people", f"{VERDICT_MARKERS[4]} people")
    mark_claims(
        article,
        ArticleVersion.objects.record(article, edited, at=timezone.now()),
        now=timezone.now(),
    )
    return published, hidden, relay


def public_outputs(claim, relay) -> list[str]:
    return [
        claim.get_absolute_url(),
        f"/claims/{claim.pk}-{claim.slug}/travels/",
        "/claims/?link_finding=misattributed",
        "/api/v1/claims/",
        "/api/v1/claims/?link_finding=confirmed",
        f"/api/v1/claims/{claim.pk}/",
        f"/api/v1/claims/{claim.pk}/chain/",
        f"/api/v1/claims/{claim.pk}/claimreview/",
        "/",
        "/claims/",
        "/claims/?q=leakmarker",
        f"/claims/?claimant={claim.claimant.slug}",
        claim.article.get_absolute_url(),
        claim.claimant.get_absolute_url(),
        relay.get_absolute_url(),
        "/corrections/",
        "/feeds/claims.rss",
        "/feeds/claims.atom",
        "/claimreview.json",
        "/sitemap.xml",
    ]


@pytest.mark.parametrize("viewer", ["anonymous", "outsider"])
@pytest.mark.parametrize("state", STATES)
def test_an_unpublished_claim_appears_nowhere_public(
    client, newsroom, editor, reviewer, outsider, state, viewer
):
    published, hidden, relay = newsroom
    STATES[state](hidden, editor, reviewer)
    if viewer == "outsider":
        client.force_login(outsider)
    retracted = state == "retracted"

    for url in public_outputs(published, relay):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for marker in (*VERDICT_MARKERS, UNAPPROVED_FINDING, "This claim appeared"):
            assert marker not in body, (url, marker)
        # Once public, a retracted claim's statement stays listed among corrections.
        if not (retracted and url == "/corrections/"):
            assert STATEMENT not in body, url
            assert hidden.get_absolute_url() not in body, url
        assert f'id="claim-{hidden.pk}"' not in body, url


@pytest.mark.parametrize("state", STATES)
def test_an_unpublished_claim_page_is_not_found_or_shows_only_the_retraction(
    client, newsroom, editor, reviewer, state
):
    _, hidden, _ = newsroom
    STATES[state](hidden, editor, reviewer)
    response = client.get(hidden.get_absolute_url())
    if state != "retracted":
        assert response.status_code == 404
        return
    body = response.content.decode()
    assert "Withdrawn: a source proved unreliable." in body
    assert "application/ld+json" not in body
    for marker in VERDICT_MARKERS:
        assert marker not in body


def test_source_track_record_counts_only_published_verdicts(client, newsroom, editor, reviewer):
    published, hidden, _ = newsroom
    to_retracted(hidden, editor, reviewer)
    body = client.get(published.claimant.get_absolute_url()).content.decode()
    assert "1 claim checked: 1 Mostly true." in body


def test_the_markers_do_show_once_the_claim_is_published(client, newsroom, editor, reviewer):
    """The control: the outputs above would reveal the claim if it leaked."""
    published, hidden, relay = newsroom
    to_in_review(hidden, editor, reviewer)
    workflow.publish(hidden, actor=editor)
    pages = {url: client.get(url).content.decode() for url in public_outputs(published, relay)}
    assert STATEMENT in pages["/claims/?q=leakmarker"]
    assert VERDICT_MARKERS[0] in pages["/feeds/claims.rss"]
    assert f'id="claim-{hidden.pk}"' in pages[published.article.get_absolute_url()]
    assert hidden.get_absolute_url() in pages[relay.get_absolute_url()]
    assert "This claim appeared 2 times" in pages[published.get_absolute_url()]
    assert STATEMENT in pages[f"/claims/{published.pk}-{published.slug}/travels/"]
    body = client.get(hidden.get_absolute_url()).content.decode()
    assert all(marker in body for marker in VERDICT_MARKERS)
    assert UNAPPROVED_FINDING not in "".join(pages.values()) + body


DRAFT_MARKERS = ("Leakmarker draft note", "Leakmarker draft summary", "Leakmarker draft evidence")


@pytest.mark.parametrize("viewer", ["anonymous", "outsider"])
@pytest.mark.parametrize("action", ["correct", "clarify", "retract"])
def test_a_draft_correction_appears_nowhere_until_a_second_editor_approves_it(
    client, newsroom, editor, editor2, reviewer, outsider, action, viewer
):
    published, hidden, relay = newsroom
    to_in_review(hidden, editor, reviewer)
    workflow.publish(hidden, actor=editor)
    changes = {} if action == "retract" else {"summary": DRAFT_MARKERS[1]}
    evidence_edit = EvidenceEdit(
        url="https://example.org/x", excerpt=DRAFT_MARKERS[2], stance="context"
    )
    if action != "retract":
        changes["evidence"] = [evidence_edit]
    workflow.perform(action, hidden, actor=editor2, note=DRAFT_MARKERS[0], **changes)
    if viewer == "outsider":
        client.force_login(outsider)

    for url in [*public_outputs(published, relay), hidden.get_absolute_url()]:
        body = client.get(url).content.decode()
        for marker in DRAFT_MARKERS:
            assert marker not in body, (url, marker)
    assert (
        "This fact check was retracted"
        not in client.get(hidden.get_absolute_url()).content.decode()
    )


# --- webhooks: what consumers are sent ---------------------------------------------------------


@pytest.fixture
def webhook_consumer(outsider):
    """An endpoint for every event, at an address that never answers: what matters here is
    what the stored deliveries would send."""
    return Endpoint.objects.create(
        owner=outsider, url="https://consumer.invalid/hooks", events=Event.values
    )


def sent_to_webhooks() -> str:
    return json.dumps([delivery.payload for delivery in Delivery.objects.all()])


def publish_finding(claim, relay, editor, editor2):
    finding = make_link_check(
        make_attribution(claim, relay, "quoted_by"), editor, note=VERDICT_MARKERS[3]
    )
    link_checks.submit(finding, actor=editor)
    link_checks.publish(finding, actor=editor2)


@pytest.mark.parametrize("state", STATES)
def test_webhooks_send_nothing_unpublished(
    newsroom, webhook_consumer, editor, editor2, reviewer, state, django_capture_on_commit_callbacks
):
    """Every unpublished state of the claim, a finding published on it, and a draft correction
    of a published claim: no delivery carries their words."""
    published, hidden, relay = newsroom
    with django_capture_on_commit_callbacks(execute=True):
        publish_finding(hidden, relay, editor, editor2)
        STATES[state](hidden, editor, reviewer)
        workflow.perform(
            "correct", published, actor=editor2, note=DRAFT_MARKERS[0], summary=DRAFT_MARKERS[1]
        )
    sent = sent_to_webhooks()
    for marker in (*VERDICT_MARKERS, *DRAFT_MARKERS, UNAPPROVED_FINDING):
        assert marker not in sent, marker
    if state == "retracted":  # its statement stays public with the retraction, as on its page
        assert Delivery.objects.get().event == "claim.retracted"
    else:
        assert STATEMENT not in sent
        assert not Delivery.objects.exists()


def test_webhooks_carry_the_markers_once_the_claim_is_published(
    newsroom, webhook_consumer, editor, editor2, reviewer, django_capture_on_commit_callbacks
):
    """The control: the check above would see the claim if it leaked."""
    _, hidden, relay = newsroom
    with django_capture_on_commit_callbacks(execute=True):
        to_in_review(hidden, editor, reviewer)
        workflow.publish(hidden, actor=editor)
        publish_finding(hidden, relay, editor, editor2)
    sent = sent_to_webhooks()
    assert STATEMENT in sent
    assert VERDICT_MARKERS[0] in sent
    assert VERDICT_MARKERS[3] in sent
    assert UNAPPROVED_FINDING not in sent
