"""Politeness: pages handed out one at a time, each host's spaced by an interval.

Pages of different hosts follow each other without waiting; the next page of the same host
comes no sooner than ``interval`` seconds after the previous one was done with (fetched and
read). Whichever host's turn comes first goes next, so one slow or large host does not hold
up the others, and a run over many hosts takes about as long as its busiest host needs.
"""

import heapq
import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def polite_order[T](
    items: Iterable[T],
    host: Callable[[T], Hashable],
    *,
    interval: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[T]:
    """Each item once, waiting when the next one's host was asked less than ``interval``
    seconds ago (measured from when the caller came back for the next item)."""
    waiting: dict[Hashable, deque[T]] = defaultdict(deque)
    for item in items:
        waiting[host(item)].append(item)
    turns = [(0.0, order, name) for order, name in enumerate(waiting)]
    while turns:
        ready_at, order, name = heapq.heappop(turns)
        if (pause := ready_at - clock()) > 0:
            sleep(pause)
        yield waiting[name].popleft()
        if waiting[name]:
            heapq.heappush(turns, (clock() + interval, order, name))
