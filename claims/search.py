"""Full-text search over claims: one interface, PostgreSQL full-text search or a SQLite fallback.

``Claim.objects.published().search("tokayev")`` returns a queryset ordered by relevance
(``rank``), each claim annotated with a ``snippet`` whose matched words are wrapped in private
markers; ``snippet_html`` (or the ``highlight`` template filter) turns it into safe HTML.

On PostgreSQL the claim's weighted search document (statement A, quote B, verdict C, claimant,
attribution and article title D) is stored in ``Claim.search_document`` with a GIN index. It spans
four tables, and every way of writing them must leave it fresh, so PostgreSQL keeps it in
triggers (claims/migrations/0011_search_document_triggers.py holds its one definition).
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Max,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SEARCH_CONFIG = "english"
# Ranking reads every candidate's document, so its cost grows with the number of matches
# (DESIGN §8: ranking all matches of a common word over 1M rows took 333 ms). Rank only the
# newest matches (bench/bench_search.py: 200 halved the time of 1000 at 100k claims).
CANDIDATE_LIMIT = 200
RECENT_SHARES = (1 / 100, 1 / 20, 1 / 4)  # newest parts of the table searched first, in turn
HIGHLIGHT_START, HIGHLIGHT_STOP = "\ue000", "\ue001"  # never in text; turned into <mark> later
MAX_FALLBACK_TERMS = 8

# SQLite fallback: how much a term found in each field counts towards the rank.
FALLBACK_WEIGHTS = {
    "statement": 1.0,
    "quote": 0.4,
    "verdict__summary": 0.2,
    "verdict__body": 0.2,
    "claimant__name": 0.1,
    "attribution_phrase": 0.1,
    "article__title": 0.1,
}


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_claims(queryset: QuerySet, text: str) -> QuerySet:
    """The claims of ``queryset`` that match ``text``, best first, with ``rank`` and ``snippet``."""
    text = " ".join((text or "").split())
    if not text:
        return queryset.none()
    if uses_postgres():
        return _postgres_search(queryset, text)
    return _fallback_search(queryset, text)


def snippet_html(snippet: str | None) -> SafeString:
    """A search snippet as HTML: the text escaped, the matched words in ``<mark>``."""
    html = escape(snippet or "")
    # Safe: escaped above, so the only tags are the ones our own markers become.
    return mark_safe(html.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))


def _snippet_source():
    return Concat(
        F("statement"),
        Value(" — "),
        Coalesce(F("verdict__summary"), Value("")),
        output_field=TextField(),
    )


# --- PostgreSQL --------------------------------------------------------------------------------


def _postgres_search(queryset: QuerySet, text: str) -> QuerySet:
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        queryset.filter(pk__in=_candidate_ids(queryset, query))
        .annotate(
            rank=SearchRank(F("search_document"), query),
            snippet=SearchHeadline(
                _snippet_source(),
                query,
                config=SEARCH_CONFIG,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=40,
                min_words=20,
            ),
        )
        .order_by("-rank", "-pk")
    )


def _candidate_ids(queryset: QuerySet, query: SearchQuery) -> list[int]:
    """Ids of the newest CANDIDATE_LIMIT claims of ``queryset`` that match ``query``.

    Looked for among the newest claims first, then further back: a common query is answered
    from the newest hundredth of the table without reading its older matches. (Left to itself
    the planner reads every match, because it underestimates how many claims words that go
    together match: "hospital waiting times", estimated 825, actually 62,849 rows, 742 ms at
    1M claims.)
    """
    matching = queryset.filter(search_document=query).order_by("-pk").values_list("pk", flat=True)
    newest = queryset.model.objects.aggregate(newest=Max("pk"))["newest"] or 0
    for share in RECENT_SHARES:
        ids = list(matching.filter(pk__gt=newest * (1 - share))[:CANDIDATE_LIMIT])
        if len(ids) == CANDIDATE_LIMIT:
            return ids
    return list(matching[:CANDIDATE_LIMIT])


def refresh_search_documents(queryset: QuerySet) -> int:
    """Have PostgreSQL recompute the stored search document of every claim in ``queryset``.

    Nothing needs to call this after an edit (the triggers of migration 0011 keep documents
    fresh); it repairs documents after the definition itself changes.
    """
    if not uses_postgres():
        return 0
    return queryset.order_by().update(search_document=None)


# --- SQLite fallback ---------------------------------------------------------------------------


def _fallback_terms(text: str) -> list[str]:
    words = re.findall(r"\w+", text.casefold())
    return list(dict.fromkeys(words))[:MAX_FALLBACK_TERMS]


def _fallback_search(queryset: QuerySet, text: str) -> QuerySet:
    """Every word must appear in some field; the rank sums the weights of the fields it is in."""
    terms = _fallback_terms(text)
    if not terms:
        return queryset.none()
    matches = Q()
    rank = Value(0.0, output_field=FloatField())
    for term in terms:
        found_in = Q()
        for field, weight in FALLBACK_WEIGHTS.items():
            found_in |= Q(**{f"{field}__icontains": term})
            rank = rank + Case(
                When(**{f"{field}__icontains": term}, then=Value(weight)), default=0.0
            )
        matches &= found_in
    return (
        queryset.filter(matches)
        .annotate(rank=rank, snippet=_marked(_snippet_source(), terms))
        .order_by("-rank", "-pk")
    )


def _marked(expression, terms: list[str]):
    """Wrap each term in highlight markers: exact, Capitalised and UPPER spellings."""
    for term in terms:
        for spelling in dict.fromkeys((term, term.capitalize(), term.upper())):
            marked = f"{HIGHLIGHT_START}{spelling}{HIGHLIGHT_STOP}"
            expression = Replace(
                expression, Value(spelling), Value(marked), output_field=TextField()
            )
    return expression
