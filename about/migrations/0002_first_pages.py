"""The transparency pages a fact-checker publishes, in a first version editors then rewrite."""

import nh3
from django.db import migrations
from markdown_it import MarkdownIt

PAGES = [
    (
        "who-we-are",
        "Who we are",
        "Veracity is an independent fact-checking desk. We check claims made in the news: what "
        "was said, who said it, through whom it reached the page, and what the evidence shows.\n\n"
        "We are non-partisan: we check claims from every side by the same method, described in "
        "[how we check](/methodology/).",
    ),
    (
        "funding",
        "Funding",
        "We list every funder that gives more than 5% of our annual income, with the amount and "
        "what it is for. Funders have no say in what we check or how we rate it.",
    ),
    (
        "team",
        "Team",
        "Every fact check names the reviewer who checked it and the editor who approved it. "
        "This page lists the desk, with each person's role and background.",
    ),
    (
        "corrections-policy",
        "Corrections policy",
        "When we get something wrong we correct it openly. A correction is drafted by one editor "
        "and approved by a second before readers see it; the fact check then opens with what "
        "changed, and every correction is listed in the [corrections log](/corrections/).",
    ),
    (
        "contact",
        "Contact",
        "Send us a claim to check with the [suggestion form](/tips/new/), or report an error "
        "with the “Report an error” link on any fact check. We read everything we receive.",
    ),
]


def render(text: str) -> str:
    """A copy of core.markdown's rendering, frozen with this migration."""
    html = MarkdownIt("commonmark", {"html": False}).render(text)
    return nh3.clean(html, tags={"a", "p", "em", "strong"}, attributes={"a": {"href"}})


def create_pages(apps, schema_editor):
    Page = apps.get_model("about", "Page")
    for position, (slug, title, body) in enumerate(PAGES):
        Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "body": body,
                "body_html": render(body),
                "position": position,
            },
        )


def remove_pages(apps, schema_editor):
    apps.get_model("about", "Page").objects.filter(slug__in=[slug for slug, *_ in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("about", "0001_pages")]

    operations = [migrations.RunPython(create_pages, remove_pages)]
