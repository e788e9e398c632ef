"""Who is looking at a public page, asked without loading a session an anonymous visitor lacks
(a loaded session makes every response vary on Cookie)."""

from core import roles
from core.middleware import is_logged_in


def is_staff_visitor(request) -> bool:
    """Editors and reviewers preview unpublished pages; everyone else sees published work."""
    return is_logged_in(request) and roles.is_staff_member(request.user)


def may_open_newsroom(request) -> bool:
    """Whether the page links to the admin for this visitor."""
    return is_logged_in(request) and request.user.is_staff
