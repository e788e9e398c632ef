"""Linking the many claims of one extraction run: the same links as ``match_new_claim`` called
for each claim as it was created, in a few round trips per batch instead of four queries per
claim, so a run's cost grows linearly with its claims.

Each claim is matched against the claims created before it: those stored before the run
began, looked up in the database, and the run's own earlier claims, looked up in memory with
the same rule (``candidate_lookups``: the newest CANDIDATES sharing enough anchor tokens). The
run's claims stay out of the database lookups because the planner's statistics do not know
them yet: to it the table has the size it had at the last ANALYZE, and on a young database it
would scan every row of the run for every lookup. On PostgreSQL a batch costs one query for the
tokens no earlier stored claim holds (never anchors), one for every claim's candidate lookups
(a LATERAL join: each lookup is its own GIN scan, newest first) and one to read the claims
worth linking to. Claims that cannot be linked (too short, or linked already) are not looked
up: linking is all a run's matching does.
"""

from collections import Counter
from itertools import batched

from django.conf import settings
from django.db import connection

from claims.matching.keys import similarity
from claims.matching.matches import (
    CANDIDATES,
    Match,
    anchor_tokens,
    can_auto_link,
    candidate_lookups,
    link,
    link_target,
    sharing,
    sharing_query,
    token_frequencies,
)
from claims.models import Claim

BATCH = 200  # claims per round trip
TABLE = Claim._meta.db_table

UNUSED_TOKENS_SQL = f"""
SELECT asked.token
FROM unnest(%s::text[]) AS asked(token)
WHERE NOT EXISTS (
    SELECT 1 FROM {TABLE}
    WHERE to_tsvector('simple'::regconfig, match_text) @@ asked.token::tsquery AND id < %s
)
"""
CANDIDATES_SQL = f"""
SELECT lookup.n, found.id, found.match_text
FROM unnest(%s::text[]) WITH ORDINALITY AS lookup(query, n)
CROSS JOIN LATERAL (
    SELECT id, match_text FROM {TABLE}
    WHERE to_tsvector('simple'::regconfig, match_text) @@ lookup.query::tsquery AND id < %s
    ORDER BY id DESC
    LIMIT {CANDIDATES}
) AS found
"""

Lookup = tuple[list[str], int]  # anchor tokens, how many of them a candidate must hold


class RunMatcher:
    """Links the claims of one run as they are stored, chunk after chunk."""

    def __init__(self) -> None:
        self.before: int | None = None  # the run's first claim id: older ones are stored
        self.claims: dict[int, Claim] = {}  # the run's claims so far, by id
        self.holding: dict[str, list[int]] = {}  # token → the run's claims holding it, by id

    def link(self, claims: list[Claim]) -> None:
        """Link each of ``claims`` (just stored, in this order) to an earlier duplicate when
        sure; a later one may link to an earlier one."""
        if not claims:
            return
        if self.before is None:
            self.before = claims[0].pk
        for claim in claims:
            self.claims[claim.pk] = claim
            for token in dict.fromkeys(claim.match_text.split()):
                self.holding.setdefault(token, []).append(claim.pk)
        for batch in batched([claim for claim in claims if _worth_matching(claim)], BATCH):
            self._link_batch(batch)

    def _link_batch(self, batch: tuple[Claim, ...]) -> None:
        anchors = self._anchors(batch)
        lookups = {c.pk: candidate_lookups(anchors[c.pk]) if anchors[c.pk] else () for c in batch}
        stored = iter(
            _stored_candidates([one for c in batch for one in lookups[c.pk]], self.before)
        )
        scores: dict[int, dict[int, float]] = {}
        for claim in batch:
            texts = {}
            for lookup in lookups[claim.pk]:
                texts.update((self._run_candidates(claim, lookup) + next(stored))[:CANDIDATES])
            scores[claim.pk] = {pk: similarity(claim.match_text, t) for pk, t in texts.items()}
        threshold = settings.VERACITY_MATCH_LINK
        sure = {pk for found in scores.values() for pk, s in found.items() if s >= threshold}
        read = Claim.objects.in_bulk(sure - self.claims.keys())
        for claim in batch:
            matches = sorted(
                (
                    Match(self.claims.get(pk) or read[pk], score)
                    for pk, score in scores[claim.pk].items()
                    if score >= threshold
                ),
                key=lambda match: (-match.score, match.claim.pk),
            )
            target = link_target(claim, matches)
            if target is not None:
                link(claim, target)

    def _anchors(self, batch: tuple[Claim, ...]) -> dict[int, list[str]]:
        """Each claim's anchor tokens, with PostgreSQL's statistics; by length where there are
        none. A token no earlier claim holds (stored, or of this run) is never an anchor."""
        frequencies = token_frequencies()
        if not frequencies:
            return {claim.pk: anchor_tokens(claim.match_text) for claim in batch}
        rare = {t for claim in batch for t in claim.match_text.split() if t not in frequencies}
        unused_stored = _unused_tokens(sorted(rare), self.before)
        return {
            claim.pk: anchor_tokens(
                claim.match_text,
                frequencies,
                {
                    token
                    for token in claim.match_text.split()
                    if token in unused_stored and self.holding[token][0] >= claim.pk
                },
            )
            for claim in batch
        }

    def _run_candidates(self, claim: Claim, lookup: Lookup) -> list[tuple[int, str]]:
        """(id, key) of the run's earlier claims holding enough of the lookup's anchors,
        newest first: ``sharing_query`` in memory."""
        tokens, size = lookup
        size = min(size, len(tokens))
        number = tokens[0] if tokens[0][0].isdigit() else None
        held = Counter(pk for token in tokens for pk in self.holding.get(token, ()))
        numbered = set(self.holding.get(number, ())) if number else None
        found = [
            pk
            for pk, count in held.items()
            if count >= size and pk < claim.pk and (numbered is None or pk in numbered)
        ]
        return [(pk, self.claims[pk].match_text) for pk in sorted(found, reverse=True)]


def _worth_matching(claim: Claim) -> bool:
    return claim.duplicate_of_id is None and bool(claim.match_text) and can_auto_link(claim)


def _unused_tokens(tokens: list[str], before: int) -> set[str]:
    """Which of ``tokens`` no claim stored before the run holds."""
    if not tokens:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(UNUSED_TOKENS_SQL, [tokens, before])
        return {token for (token,) in cursor.fetchall()}


def _stored_candidates(lookups: list[Lookup], before: int) -> list[list[tuple[int, str]]]:
    """For each lookup, (id, key) of the claims stored before the run that it finds, newest
    first: one round trip on PostgreSQL, one query per lookup on SQLite (development)."""
    if connection.vendor != "postgresql":
        earlier = Claim.objects.filter(pk__lt=before)
        newest = (
            sharing(earlier, tokens, size).order_by("-pk").values_list("pk", "match_text")
            for tokens, size in lookups
        )
        return [list(found[:CANDIDATES]) for found in newest]
    found: list[list[tuple[int, str]]] = [[] for _ in lookups]
    if lookups:
        queries = [sharing_query(tokens, size) for tokens, size in lookups]
        with connection.cursor() as cursor:
            cursor.execute(CANDIDATES_SQL, [queries, before])
            for n, pk, text in cursor.fetchall():
                found[n - 1].append((pk, text))
    return found
