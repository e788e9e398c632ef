"""Who someone is in the newsroom. Roles are Django groups: editors run the desk, reviewers
check the claims assigned to them; superusers count as editors."""

from django.contrib.auth import get_user_model
from django.db.models import Q

EDITOR_GROUP = "Editor"
REVIEWER_GROUP = "Reviewer"


def _in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = user.__dict__.setdefault("_veracity_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user.__dict__["_veracity_groups"] = cache
    return name in cache


def is_editor(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or _in_group(
        user, EDITOR_GROUP
    )


def is_reviewer(user) -> bool:
    return _in_group(user, REVIEWER_GROUP)


def is_staff_member(user) -> bool:
    return is_editor(user) or is_reviewer(user)


def staff_members_q() -> Q:
    """The people ``is_staff_member`` accepts, as a filter on users (for choices and lists)."""
    in_a_role = (
        get_user_model()
        .groups.through.objects.filter(group__name__in=[EDITOR_GROUP, REVIEWER_GROUP])
        .values("user_id")
    )
    return Q(is_active=True) & (Q(pk__in=in_a_role) | Q(is_superuser=True))
