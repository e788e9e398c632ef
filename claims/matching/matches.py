"""Claim matching: find earlier claims that say the same thing in other words.

Every claim stores its match key (``claims.matching.keys``) in ``match_text``. Candidates are the
newest claims sharing most of the new key's telling tokens (a GIN index on the key's tokens on
PostgreSQL, a word filter on SQLite); the score, trigram similarity as pg_trgm computes it plus
token overlap, is computed in Python, identically on both databases. Above VERACITY_MATCH_SUGGEST
editors see "possibly the same as"; above VERACITY_MATCH_LINK a new claim is linked as
``duplicate_of``.
"""

from dataclasses import dataclass
from itertools import combinations

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection, transaction
from django.db.models import Func, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from claims.matching.keys import SYNONYM_GROUPS, match_key, similarity
from claims.models import Claim, ClaimStatus
from core.shared_cache import fallback_cache

# A statement this short ("Tokayev won") says too little to be linked without an editor.
MIN_WORDS_TO_LINK = 6
CANDIDATES = 200  # newest candidates scored in Python
ANCHORS = 6  # tokens of a new claim's key looked up in the index
MIN_ANCHORS = 3
COMMON_TOKENS = frozenset(SYNONYM_GROUPS)  # folded words that many claims share
UNLINKABLE = {ClaimStatus.DISMISSED, ClaimStatus.RETRACTED}  # such claims are checked anew
FREQUENCIES_CACHE_KEY = "claims:match-token-frequencies"
FREQUENCIES_TIMEOUT = 3600  # seconds; autovacuum's ANALYZE refreshes the sample about as rarely


# --- finding matches ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    claim: Claim
    score: float


class MatchTokens(Func):
    """The claim's match key as a tsvector: what the claim_match_tokens_gin index holds."""

    template = "to_tsvector('simple'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def token_frequencies() -> dict[str, float]:
    """Share of claims holding each common key token, as PostgreSQL's ANALYZE last sampled it
    (pg_stats on the claim_match_tokens_gin expression: its few hundred most common tokens).
    Tokens not listed are rarer than any listed. Empty on SQLite and before the first ANALYZE."""
    if connection.vendor != "postgresql":
        return {}
    return fallback_cache.get_or_set(
        FREQUENCIES_CACHE_KEY, _sampled_frequencies, FREQUENCIES_TIMEOUT
    )


def _sampled_frequencies() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'claim_match_tokens_gin' AND schemaname = current_schema()"
        )
        row = cursor.fetchone()
    return dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}


def _held_by_no_other(tokens: list[str], claim_pk: int | None) -> set[str]:
    """Which of ``tokens`` no other claim's key holds (one query, each a short GIN lookup: the
    tokens asked about are those too rare for the sampled frequencies)."""
    if not tokens:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token FROM unnest(%s::text[]) AS token WHERE NOT EXISTS (SELECT 1 FROM "
            f"{Claim._meta.db_table} WHERE to_tsvector('simple'::regconfig, match_text) "
            "@@ token::tsquery AND id IS DISTINCT FROM %s)",
            [tokens, claim_pk],
        )
        return {token for (token,) in cursor.fetchall()}


def anchor_tokens(
    key: str, frequencies: dict[str, float] | None = None, unused: set[str] = frozenset()
) -> list[str]:
    """The key's most telling tokens: its rarest number first (every lookup requires it), then
    the rarest tokens, the longest first among equals; common folded words ("percent", "win")
    only when there is little else, and never ``unused`` tokens (no other claim holds them: a
    reworded claim's new words). Rare tokens keep the index's posting lists short."""
    frequencies = frequencies or {}
    distinct = [token for token in dict.fromkeys(key.split()) if token not in unused]
    telling = [token for token in distinct if token not in COMMON_TOKENS]
    if len(telling) < MIN_ANCHORS:
        telling = distinct
    rarest = sorted(telling, key=lambda token: (frequencies.get(token, 0.0), -len(token)))
    first_number = [token for token in rarest if token[0].isdigit()][:1]
    return (first_number + [token for token in rarest if token not in first_number])[:ANCHORS]


def _anchors(key: str, claim_pk: int | None) -> list[str]:
    """anchor_tokens with PostgreSQL's statistics; by length alone where there are none."""
    frequencies = token_frequencies()
    if not frequencies:
        return anchor_tokens(key)
    rare = [token for token in dict.fromkeys(key.split()) if token not in frequencies]
    return anchor_tokens(key, frequencies, _held_by_no_other(rare, claim_pk))


def sharing_query(anchors: list[str], size: int) -> str:
    """A tsquery for keys holding ``size`` of the anchors, the first number among them."""
    size = min(size, len(anchors))
    number = anchors[0] if anchors[0][0].isdigit() else None
    combos = [c for c in combinations(anchors, size) if number is None or number in c]
    # Keys hold only letters, digits and dots (claims.matching.keys), so quoting is safe here.
    return " | ".join("(" + " & ".join(f"'{t}'" for t in combo) + ")" for combo in combos)


def candidate_lookups(anchors: list[str]) -> tuple[tuple[list[str], int], ...]:
    """The two lookups worth scoring: all anchors but one (however old: a claim from years ago
    may come back), and the newest sharing 3 of the 4 most telling."""
    return (anchors, max(1, len(anchors) - 1)), (anchors[:4], 3)


def sharing(queryset: QuerySet, anchors: list[str], size: int) -> QuerySet:
    """Claims of ``queryset`` whose keys contain ``size`` of the anchors, always with the first
    number when there is one: a claim that lacks it would score under the thresholds anyway
    (conflicting numbers), and requiring it lets the index skip most of the long lists of
    common words."""
    size = min(size, len(anchors))
    number = anchors[0] if anchors[0][0].isdigit() else None
    if connection.vendor == "postgresql":
        query = SearchQuery(sharing_query(anchors, size), search_type="raw", config="simple")
        return queryset.annotate(tokens=MatchTokens("match_text")).filter(tokens=query)
    # A count of the anchors a key holds: one term per anchor, where a LIKE per token of every
    # combination made the ORM build ~40 lookups a query (most of an extraction's time here).
    column = f'"{Claim._meta.db_table}"."match_text"'
    held = RawSQL(
        " + ".join([f"(instr({column}, %s) > 0)"] * len(anchors)), anchors, IntegerField()
    )
    sharing = queryset.alias(held=held).filter(held__gte=size)
    return sharing.filter(match_text__contains=number) if number else sharing


def _candidate_rows(queryset: QuerySet, key: str, claim_pk: int | None) -> list[tuple[int, str]]:
    """(id, key) of claims worth scoring (``candidate_lookups``).

    GIN lookups on PostgreSQL, not trigram similarity (pg_trgm ``%``): with common words that
    must recheck thousands of rows for every new claim.
    """
    anchors = _anchors(key, claim_pk)
    if not anchors:  # no other claim shares a single token
        return []
    close, alike = (
        sharing(queryset, tokens, size).order_by("-pk").values_list("pk", "match_text")[:CANDIDATES]
        for tokens, size in candidate_lookups(anchors)
    )
    if connection.features.supports_slicing_ordering_in_compound:  # one round trip, not two
        return list(close.union(alike, all=True).order_by())
    return [*close, *alike]


def find_matches(
    claim: Claim, queryset: QuerySet | None = None, *, threshold: float, limit: int | None = None
) -> list[Match]:
    """Claims of ``queryset`` (default: all others) scoring at least ``threshold``, best first;
    only the best ``limit`` are loaded when a limit is given."""
    key = claim.match_text or match_key(claim.statement)
    if not key:
        return []
    queryset = (queryset if queryset is not None else Claim.objects.all()).exclude(pk=claim.pk)
    scores = {pk: similarity(key, text) for pk, text in _candidate_rows(queryset, key, claim.pk)}
    best = sorted(
        (pk for pk, score in scores.items() if score >= threshold), key=lambda pk: (-scores[pk], pk)
    )
    kept = queryset.in_bulk(best[:limit])
    return [Match(kept[pk], scores[pk]) for pk in best[:limit] if pk in kept]


def similar_claims(claim: Claim, limit: int = 5) -> list[Match]:
    """Claims possibly the same as ``claim`` (score above VERACITY_MATCH_SUGGEST), for editors."""
    return find_matches(claim, threshold=settings.VERACITY_MATCH_SUGGEST, limit=limit)


def can_auto_link(claim: Claim) -> bool:
    return len(claim.statement.split()) >= MIN_WORDS_TO_LINK


def _root(claim: Claim) -> Claim:
    """The claim a chain of duplicates leads to (each link points to an earlier claim)."""
    while claim.duplicate_of_id is not None:
        claim = claim.duplicate_of
    return claim


def link_target(claim: Claim, matches: list[Match]) -> Match | None:
    """The best earlier claim worth linking to, a published fact check first."""
    linkable = [
        Match(_root(match.claim), match.score)
        for match in matches
        if match.score >= settings.VERACITY_MATCH_LINK and match.claim.pk < claim.pk
    ]
    linkable = [match for match in linkable if match.claim.status not in UNLINKABLE]
    published = [match for match in linkable if match.claim.status == ClaimStatus.PUBLISHED]
    return (published or linkable or [None])[0]


def match_new_claim(claim: Claim) -> list[Match]:
    """Link a newly created claim to an earlier duplicate when sure; list its look-alikes.

    Call it once a claim is created (extraction, the admin, ClaimReview import). Above
    VERACITY_MATCH_LINK, and only for statements of at least MIN_WORDS_TO_LINK words, the claim
    gets ``duplicate_of`` set; an editor undoes that with ``unlink_duplicate``.
    """
    return _link_to_duplicate(claim)


def _link_to_duplicate(claim: Claim) -> list[Match]:
    matches = find_matches(claim, threshold=settings.VERACITY_MATCH_SUGGEST)
    target = link_target(claim, matches) if can_auto_link(claim) else None
    if target is not None and claim.duplicate_of_id is None:
        link(claim, target)
    return matches


def link(claim: Claim, target: Match) -> None:
    """Record ``claim`` as a duplicate of the target, saying why in its history."""
    claim.refresh_from_db(fields=["version"])  # its chain, written after it, moved it (0013)
    claim.duplicate_of = target.claim
    claim._change_reason = f"linked automatically: same as claim {target.claim.pk} " + (
        f"(score {target.score:.2f})"
    )
    claim.save(update_fields=["duplicate_of", "updated_at"])


def unlink_duplicate(claim: Claim, *, actor) -> None:
    """An editor says the claim is not a duplicate after all; the history keeps who and when."""
    with transaction.atomic():
        claim.duplicate_of = None
        claim._change_reason = f"not a duplicate (unlinked by {actor.get_username()})"
        claim.save(update_fields=["duplicate_of", "updated_at"])


def linked_fact_check(claim: Claim) -> Claim | None:
    """The published fact check this claim duplicates, if any: editors see it at once."""
    original = claim.duplicate_of
    if original is not None and original.status == ClaimStatus.PUBLISHED:
        return original
    return None
