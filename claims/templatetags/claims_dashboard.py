from django import template

from claims.admin.dashboard import desk_overview

register = template.Library()


@register.simple_tag(takes_context=True)
def claims_dashboard(context):
    """The desk overview for the person viewing the admin index."""
    return desk_overview(context["request"].user)
