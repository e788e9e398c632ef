"""Transparency pages editors maintain in the admin, linked from every footer; ClaimReview's
author points to the one that says who we are."""

import json

import pytest
from django.urls import reverse

from about.models import ORGANISATION, Page
from tests.factories import make_published_claim
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def test_every_page_links_the_transparency_pages(client):
    footer = client.get("/").content.decode().split('class="site-footer"', 1)[1]
    for title in ("Who we are", "Funding", "Team", "Corrections policy", "Contact"):
        page = Page.objects.get(title=title)
        assert f'href="{page.get_absolute_url()}"' in footer


def test_a_page_renders_its_markdown_safely(client):
    Page.objects.create(slug="ethics", title="Ethics", body="We **never** <script>x</script>")
    html = client.get("/about/ethics/").content.decode()
    assert "<strong>never</strong>" in html
    assert "<script>x</script>" not in html


def test_an_editor_rewrites_a_page_and_readers_see_it_at_once(
    client, superuser, django_capture_on_commit_callbacks
):
    url = reverse("about:page", args=["funding"])
    assert "more than 5%" in client.get(url).content.decode()  # now cached
    client.force_login(superuser)
    change = reverse("admin:about_page_change", args=[Page.objects.get(slug="funding").pk])
    data = form_data(client.get(change).content.decode(), "page_form")
    data["body"] = ["Our funders are listed in our annual report."]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change, data).status_code == 302
    client.logout()
    assert "annual report" in client.get(url).content.decode()


def test_claimreview_names_our_organisation_page(client, editor, reviewer):
    checked = make_published_claim(editor=editor, reviewer=reviewer)
    html = client.get(checked.get_absolute_url()).content.decode()
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    author = json.loads(script)["author"]
    assert author["url"].endswith(reverse("about:page", args=[ORGANISATION]))
