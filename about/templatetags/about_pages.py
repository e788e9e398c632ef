from django import template

from about.models import Page

register = template.Library()


@register.simple_tag
def listed_about_pages():
    """The transparency pages for the footer (one small query; pages are cached whole)."""
    return list(Page.objects.listed().only("slug", "title"))
