"""``{{ claim.snippet|highlight }}``: a search snippet as safe HTML with <mark>ed words."""

from django import template

from claims.search import snippet_html

register = template.Library()
register.filter("highlight", snippet_html)
