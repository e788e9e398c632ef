"""The claims list's pages. A reader's whole list is ``Claim.objects.published()``, whose total
the database keeps (``claims.public.paginators.published_count``); counting every published
claim again on every page would cost more than the page as the table grows."""

from functools import partial

from claims.public.paginators import KnownCountPaginator, published_count
from core import roles
from core.rest import PAGING_PARAMS, PageNumberPagination


class ClaimPagination(PageNumberPagination):
    def paginate_queryset(self, queryset, request, view=None):
        if is_whole_published_list(request):
            self.django_paginator_class = partial(KnownCountPaginator, count=published_count())
        return super().paginate_queryset(queryset, request, view)


def is_whole_published_list(request) -> bool:
    """A reader's list that no filter narrows (``access.claims_visible_to``)."""
    return not roles.is_staff_member(request.user) and set(request.query_params) <= PAGING_PARAMS
