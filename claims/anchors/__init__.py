"""Anchor health: the pages claims were taken from, fetched again, and each claim found again
in what the page says now (``locate``: the matching; ``check``: fetching, versions, marks;
``hosts``: one request at a time per host, spaced)."""
