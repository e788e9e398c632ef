"""How many tips one address may send: a burst from one place is refused, not stored."""

from django.core.cache import cache

TIPS_PER_HOUR = 5
WINDOW_SECONDS = 3600


def over_limit(address: str) -> bool:
    """Count this tip against ``address``; True once it sent more than allowed this hour."""
    key = f"tips:sent:{address}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        sent = 1
    return sent > TIPS_PER_HOUR
