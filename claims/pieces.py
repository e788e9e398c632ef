"""Pieces of lists, one per claim, kept between renders (``core.fragments``): cards and the
API's records. Each is kept under its claim's and verdict's versions, which every save moves
(the claim's also moves with its chain, evidence and topics), and carries the claim's tag,
which every change readers see purges. Rating labels and colours purge the whole site when
edited.
"""

from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from claims.models import Claim
from core.fragments import Shows, kept
from core.page_tags import tags_for


def fields(*, repeats: bool = False) -> tuple[str, ...]:
    """What to read of each claim (``values_list``) before asking for its piece; with
    ``repeats``, the claim it repeats, for pieces that show it."""
    return ("pk", "version", "verdict__version", *(["duplicate_of_id"] if repeats else []))


def kept_pieces(
    kind: str,
    rows: Iterable[tuple],
    build: Callable[[list[Claim]], list],
    load: QuerySet,
    *,
    repeats: bool = False,
) -> list:
    """The piece of ``kind`` of each claim in ``rows`` (read with ``fields(repeats=...)``), in
    their order. Those not kept are loaded from ``load`` in one query and ``build`` makes
    them. ``kind`` names the piece and whatever else makes it differ (the site's origin in its
    links)."""
    wanted = {row[0]: _shows(kind, *row) for row in rows}

    def render(pks) -> dict:
        claims = list(load.filter(pk__in=pks))
        return {
            claim.pk: (piece, _shows(kind, *_read(claim, repeats)))
            for claim, piece in zip(claims, build(claims), strict=True)
        }

    pieces = kept(wanted, render)
    return [pieces[pk] for pk in wanted if pk in pieces]


def _read(claim: Claim, repeats: bool) -> tuple:
    """A loaded claim's ``fields``."""
    read = (claim.pk, claim.version, claim.verdict.version)
    return (*read, claim.duplicate_of_id) if repeats else read


def _shows(kind: str, pk: int, version: int, verdict_version: int, repeated=None) -> Shows:
    return Shows(
        key=f"{kind}:{pk}:{version}:{verdict_version}",
        tags=frozenset(tags_for(Claim, {pk, repeated} - {None})),
    )
