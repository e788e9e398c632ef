from django import template

from about.models import Page
from core import page_tags

register = template.Library()


@register.simple_tag
def listed_about_pages():
    """The transparency pages for the footer, kept in the shared cache until the next purge of
    every page (which a change to them makes: about.admin), so a page render does not ask."""
    return page_tags.cached(page_tags.SITE, "about:listed-pages", _listed)


def _listed() -> list[tuple[str, str]]:
    return [(page.get_absolute_url(), page.title) for page in Page.objects.listed()]
