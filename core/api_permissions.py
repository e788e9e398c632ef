"""API permissions by role; object-level rules belong to the app that owns the object."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core import roles


class EditorWritesOrReadOnly(BasePermission):
    """Anyone reads; editors manage (sources, ratings, imports)."""

    message = "Only an editor can change this."

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or roles.is_editor(request.user)


class EditorsOnly(BasePermission):
    message = "Only an editor can do this."

    def has_permission(self, request, view):
        return roles.is_editor(request.user)


class StaffWritesOrReadOnly(BasePermission):
    """Anyone reads; editors and reviewers write (new articles)."""

    message = "Only editors and reviewers can change this."

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or roles.is_staff_member(request.user)
