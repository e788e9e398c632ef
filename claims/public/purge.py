"""What the editorial workflow changes in the public cache (core.page_cache holds the cache).

Publishing a claim, or approving its correction or retraction, changes what readers see, so on
commit it purges every stored public response; the other transitions touch only unpublished
work.
"""

from django.core.cache import cache

from claims.models import Action
from core.page_cache import purge_public_pages

# Drafting a correction or retraction changes nothing readers see until it is approved.
PUBLIC_ACTIONS = frozenset({Action.PUBLISH, Action.APPROVE_CORRECTION})
# The public list's total (claims.public.paginators.published_count); kept apart from the pages'
# generation so that purging pages does not recount it, forgotten when the total can change.
PUBLISHED_COUNT_KEY = "public-pages:published-count"


def purge_after(action: str) -> None:
    """Called on commit of every workflow transition; only some change what readers see."""
    if action in PUBLIC_ACTIONS:
        purge_public_pages()
        cache.delete(PUBLISHED_COUNT_KEY)
