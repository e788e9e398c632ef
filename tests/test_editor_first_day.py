"""What tripped an editor up on a first day: a stance picked for them, and "View on site" for a
source nobody has confirmed yet."""

import re

import pytest
from django.urls import reverse

from claims import workflow
from tests.api_support import API, as_user, call
from tests.factories import make_claim, make_source

pytestmark = pytest.mark.django_db


def test_evidence_stance_starts_empty_so_the_editor_must_pick_one(client, editor, reviewer):
    claim = make_claim()
    workflow.triage(claim, actor=editor)
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    select = re.search(r'<select name="evidence-__prefix__-stance".*?</select>', page, re.S)
    assert re.search(r'<option value="" selected>[^<]*</option>', select.group(0))

    payload = {"claim": claim.pk, "url": "https://www.election.gov.kz/"}
    response = call(as_user(client, reviewer), "POST", f"{API}/evidence/", payload)
    assert response.status_code in (400, 403)
    editor_response = call(as_user(client, editor), "POST", f"{API}/evidence/", payload)
    assert editor_response.status_code == 400
    assert "stance" in editor_response.json()


def test_view_on_site_previews_an_unconfirmed_source_for_staff_only(client, editor):
    source = make_source("Someone extraction guessed", confirmed=False)
    assert client.get(source.get_absolute_url()).status_code == 404
    client.force_login(editor)
    change = client.get(reverse("admin:sources_source_change", args=[source.pk])).content
    assert b"View on site" in change
    page = client.get(source.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>Preview.</strong> This source is not confirmed yet" in html
    assert '<meta name="robots" content="noindex">' in html
