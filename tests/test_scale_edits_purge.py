"""What every public page may show and editors change in the admin (the rating scale's labels
and colours, topic names, the footer's pages) retires every stored page once it is saved:
readers do not wait for the stored copies to expire (core.admin.PurgesPublicPagesAdmin)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Rating, Topic
from core import purges
from tests.factories import make_published_claim, make_topic, rating
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def edit_in_admin(superuser, url: str, form_id: str, **changes) -> None:
    """As an editor in their own browser: the reader's client keeps no cookie of theirs."""
    editor = Client()
    editor.force_login(superuser)
    data = form_data(editor.get(url).content.decode(), form_id)
    data.update({field: [value] for field, value in changes.items()})
    assert editor.post(url, data).status_code == 302


@pytest.fixture(autouse=True)
def pending_purges_looked_for_once(monkeypatch):
    """A stored page costs one query when its process looks for pending purges, every
    PENDING_RECHECK seconds: here once, so that a stored page is told by running none."""
    monkeypatch.setattr(purges, "PENDING_RECHECK", 3600)


@pytest.fixture
def published(editor, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # published, and purged
        claim = make_published_claim(editor=editor, reviewer=reviewer, rating=rating("false"))
        claim.topics.add(make_topic("Elections"))
    return claim


def stored(client, url: str) -> str:
    """Ask for ``url`` until it is stored; the stored page."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert not queries, f"{url} is not stored"
    return page


def test_a_relabelled_rating_shows_on_stored_pages_at_once(
    client, superuser, published, django_capture_on_commit_callbacks
):
    pages = [published.get_absolute_url(), "/", "/claims/", reverse("claims:ratings_css")]
    for url in pages:
        stored(client, url)
    change = reverse("admin:claims_rating_change", args=[rating("false").pk])
    with django_capture_on_commit_callbacks(execute=True):
        edit_in_admin(superuser, change, "rating_form", label="Untrue", colour="#8b0000")
    assert Rating.objects.get(slug="false").label == "Untrue"
    for url in pages[:3]:
        assert "Untrue" in client.get(url).content.decode(), url
    assert "#8b0000" in client.get(pages[3]).content.decode()


def test_a_renamed_topic_shows_on_stored_pages_at_once(
    client, superuser, published, django_capture_on_commit_callbacks
):
    pages = [published.get_absolute_url(), "/claims/"]  # the list's filter names every topic
    for url in pages:
        assert "Elections" in stored(client, url)
    topic = Topic.objects.get(slug="elections")
    change = reverse("admin:claims_topic_change", args=[topic.pk])
    with django_capture_on_commit_callbacks(execute=True):
        edit_in_admin(superuser, change, "topic_form", name="Votes and elections")
    for url in pages:
        assert "Votes and elections" in client.get(url).content.decode(), url
