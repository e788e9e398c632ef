"""A published verdict changes only through a correction with a public note."""

import pytest
from django.urls import reverse

from claims import workflow
from claims.models import ClaimStatus, Correction
from tests.factories import make_evidence, make_published_claim, rating
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(editor2, reviewer):
    return make_published_claim(editor=editor2, reviewer=reviewer)


def correct_url(claim):
    return reverse("admin:claims_claim_transition", args=[claim.pk, "correct"])


def test_a_published_claim_page_is_read_only_and_offers_correct_and_retract(
    client, editor, published
):
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[published.pk])).content.decode()
    assert 'name="verdict-0-summary"' not in page
    assert "Published verdicts change only through a correction" in page
    assert correct_url(published) in page
    assert reverse("admin:claims_claim_transition", args=[published.pk, "retract"]) in page


def test_the_correction_form_starts_from_the_published_verdict(client, editor, published):
    client.force_login(editor)
    page = client.get(correct_url(published)).content.decode()
    assert "The official count was 70.96%." in page
    assert 'name="note"' in page


def test_changing_a_published_verdict_without_a_note_is_refused(client, editor, published):
    client.force_login(editor)
    data = form_data(client.get(correct_url(published)).content.decode(), "transition_form")
    data["summary"] = ["The official count was 70.9%."]

    response = client.post(correct_url(published), data)

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    published.verdict.refresh_from_db()
    assert published.verdict.summary == "The official count was 70.96%."
    assert not Correction.objects.exists()


def test_a_correction_with_a_note_waits_for_a_second_editor(client, editor, published):
    client.force_login(editor)
    data = form_data(client.get(correct_url(published)).content.decode(), "transition_form")
    data.update({"rating": [str(rating("true").pk)], "note": ["We misread the results table."]})

    response = client.post(correct_url(published), data, follow=True)

    assert "Sent for approval." in response.content.decode()
    assert not Correction.objects.exists()
    published.verdict.refresh_from_db()
    assert published.verdict.rating.slug == "mostly-true"


def approve_url(claim):
    return reverse("admin:claims_claim_transition", args=[claim.pk, "approve_correction"])


def test_the_second_editor_sees_what_the_correction_changes_and_approves_it(
    client, editor, editor2, published
):
    evidence = make_evidence(published, title="Protocol", excerpt="Turnout was 5.1%.")
    client.force_login(editor)
    data = form_data(client.get(correct_url(published)).content.decode(), "transition_form")
    data.update(
        {
            "rating": [str(rating("true").pk)],
            "note": ["We misread the results table."],
            "evidence-0-excerpt": ["Turnout was 4.9%."],
        }
    )
    client.post(correct_url(published), data)
    client.force_login(editor2)

    page = client.get(approve_url(published)).content.decode()
    assert "<del>Mostly true</del> → <ins>True</ins>" in page
    assert "Turnout was <del>5.1%.</del><ins>4.9%.</ins>" in page
    data = form_data(page, "transition_form")
    response = client.post(approve_url(published), data)

    assert response.status_code == 302
    correction = Correction.objects.get(claim=published)
    assert (correction.created_by, correction.approved_by) == (editor, editor2)
    assert correction.changes["rating"] == ["Mostly true", "True"]
    published.refresh_from_db()
    assert published.status == ClaimStatus.PUBLISHED
    assert published.verdict.rating.slug == "true"
    evidence.refresh_from_db()
    assert evidence.excerpt == "Turnout was 4.9%."


def test_the_drafting_editor_is_not_offered_the_approval(client, editor, published):
    workflow.correct(published, actor=editor, note="Typo.", summary="Fixed.")
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[published.pk])).content.decode()
    assert approve_url(published) not in page
    assert "You drafted this correction; another editor must approve it." in page


def test_the_claim_page_cannot_be_used_to_change_a_published_verdict(client, editor, published):
    url = reverse("admin:claims_claim_change", args=[published.pk])
    client.force_login(editor)
    response = client.post(url, {"statement": "Rewritten", "verdict-0-summary": "Rewritten"})
    assert response.status_code == 403
    published.verdict.refresh_from_db()
    assert published.verdict.summary == "The official count was 70.96%."


def test_the_verdict_list_does_not_edit_verdicts(client, editor, published):
    client.force_login(editor)
    url = reverse("admin:claims_verdict_change", args=[published.verdict.pk])
    assert client.post(url, {"summary": "Rewritten"}).status_code == 403
