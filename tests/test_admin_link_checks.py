"""The admin records findings on chain links and takes them through four eyes; the
Disagreements list shows imported reviews far from our verdict."""

import pytest

from claims.models import LinkCheck, LinkCheckStatus
from tests.factories import make_checked_claim, make_external_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(editor, reviewer):
    return make_checked_claim(editor=editor, reviewer=reviewer, statement="Turnout was 77 percent")


def record(client, attribution, **fields):
    data = {"attribution": attribution.pk, "finding": "confirmed", "note": "", **fields}
    for name in ("evidence_url", "evidence_title", "evidence_excerpt"):
        data.setdefault(name, "")
    data.setdefault("original_wording", "")
    data.setdefault("relayed_wording", "")
    return client.post("/admin/claims/linkcheck/add/", data)


def test_the_claim_page_offers_to_check_each_link(client, checked, editor):
    client.force_login(editor)
    body = client.get(f"/admin/claims/claim/{checked.pk}/change/").content.decode()
    relay = checked.chain.get(role="relayed_by")
    assert f"/admin/claims/linkcheck/add/?attribution={relay.pk}" in body


def test_a_finding_without_its_evidence_is_refused_with_a_field_error(client, checked, editor):
    client.force_login(editor)
    response = record(client, checked.chain.get(role="relayed_by"))
    assert response.status_code == 200
    assert "Give the evidence that confirms the link" in response.content.decode()
    assert not LinkCheck.objects.exists()


def test_an_editor_records_and_a_second_editor_publishes(client, checked, editor, editor2):
    relay = checked.chain.get(role="relayed_by")
    client.force_login(editor)
    response = record(client, relay, evidence_url="https://ria.ru/20190610/x.html")
    assert response.status_code == 302
    check = LinkCheck.objects.get(attribution=relay)
    assert check.author == editor
    act = f"/admin/claims/linkcheck/{check.pk}/act/"
    client.post(act + "submit/")
    page = client.get(f"/admin/claims/linkcheck/{check.pk}/change/").content.decode()
    assert "You wrote this finding; another editor must approve it." in page
    client.post(act + "publish/")
    assert LinkCheck.objects.get(pk=check.pk).status == LinkCheckStatus.SUBMITTED
    client.force_login(editor2)
    client.post(act + "publish/")
    check.refresh_from_db()
    assert check.status == LinkCheckStatus.PUBLISHED
    assert check.approved_by == editor2


def test_an_outsider_cannot_open_link_checks(client, outsider):
    client.force_login(outsider)
    assert client.get("/admin/claims/linkcheck/").status_code in {302, 403}


def test_disagreements_lists_reviews_far_from_our_verdict(client, checked, editor):
    # Ours: Mostly true (0.75 on 0–1).
    make_external_review(checked, publisher_name="Far Apart", rating_value=0.0, rating_text="x")
    make_external_review(checked, publisher_name="Opposite Words", rating_text="Pants on Fire")
    make_external_review(checked, publisher_name="Close Enough", rating_value=0.9)
    make_external_review(checked, publisher_name="Unreadable", rating_text="Four stars")
    client.force_login(editor)
    body = client.get("/admin/claims/disagreement/").content.decode()
    assert "Far Apart" in body
    assert "75% of the scale apart" in body
    assert "Opposite Words" in body
    assert "opposite conclusions" in body
    assert "Close Enough" not in body
    assert "Unreadable" not in body
