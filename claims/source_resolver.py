"""Names in text → Sources, through their names and aliases.

``SourceResolver`` loads every Source and SourceAlias once and answers lookups from memory, so
extraction over a long article costs two queries. A source with a parent is also known by the
parent's names ("Zheleznyak's press service" → the press service whose parent is Sergey
Zheleznyak). Names nobody knows become new Sources with ``confirmed=False`` for an editor to
check or merge, called by the bare name in the phrase ("the Interfax news agency" → "Interfax",
``claims.extraction.names``) with the phrase kept as an alias.
"""

import re

from claims.extraction.aliases import AliasIndex, fold
from claims.extraction.names import bare_name
from sources.models import Source, SourceAlias, SourceKind

NAME_MAX = Source._meta.get_field("name").max_length
ALIAS_MAX = SourceAlias._meta.get_field("text").max_length
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Words a source with a parent is called after its parent's name, by kind.
_KIND_NOUNS = {
    SourceKind.PRESS_OFFICE: ("press service", "press office"),
    SourceKind.CAMPAIGN_WEBSITE: ("campaign website", "website"),
    SourceKind.CAMPAIGN: ("campaign",),
}


def clean_name(surface: str) -> str:
    """A surface form as a Source name: single-spaced, no leading article or possessive."""
    name = " ".join(surface.split()).strip(" \"'“”‘’,.;:()")
    name = _LEADING_DETERMINER.sub("", name)
    return _POSSESSIVE.sub("", name).strip()


def source_name(surface: str) -> str:
    """What a new Source named by ``surface`` is called: its bare name."""
    return bare_name(clean_name(surface) or surface.strip())[:NAME_MAX]


def _child_nouns(source: Source, parent_names: list[str]) -> set[str]:
    """What the source is called after its parent: its name minus the parent's, and its kind."""
    nouns = set(_KIND_NOUNS.get(source.kind, ()))
    for parent_name in parent_names:
        if source.name.lower().startswith(parent_name.lower() + " "):
            nouns.add(source.name[len(parent_name) + 1 :])
    return nouns


def _parent_forms(source: Source, names: dict[int, list[str]]) -> list[str]:
    """Aliases derived from the parent: "<parent>'s <noun>" and "<parent> <noun>"."""
    parent_names = names.get(source.parent_id, [])
    return [
        form
        for noun in _child_nouns(source, parent_names)
        for parent_name in parent_names
        for form in (f"{parent_name}'s {noun}", f"{parent_name} {noun}")
    ]


class SourceResolver:
    """Resolve names to Sources; create unconfirmed Sources for names nobody knows."""

    def __init__(self) -> None:
        sources = list(Source.objects.order_by("-confirmed", "id"))
        names: dict[int, list[str]] = {s.pk: [s.name] for s in sources}
        for source_id, text in SourceAlias.objects.values_list("source_id", "text"):
            names[source_id].append(text)
        self.index = AliasIndex()
        self._by_name: dict[str, Source] = {}
        for source in sources:  # confirmed first, so a shared name means the confirmed one
            self._by_name.setdefault(source.name, source)
            self.index.add(source.name, [*names[source.pk][1:], *_parent_forms(source, names)])

    def get(self, canonical_name: str | None) -> Source | None:
        """The Source an AliasIndex answer names (None stays None)."""
        return self._by_name.get(canonical_name) if canonical_name else None

    def resolve(self, surface: str) -> Source | None:
        return self.get(self.index.resolve(surface))

    def resolve_or_create(
        self,
        surface: str,
        *,
        kind: str = SourceKind.OTHER,
        state_affiliated: bool = False,
        note: str = "",
    ):
        """The known Source for ``surface`` or its bare name, or a new unconfirmed one under
        the bare name, with the phrase as its alias when it says more than the name."""
        known = self.resolve(surface)
        if known is not None:
            return known
        name = source_name(surface)
        known = self.resolve(name)
        if known is not None:
            return known
        source = Source.objects.create(
            name=name,
            slug=Source.unique_slug(name),
            kind=kind,
            state_affiliated=state_affiliated,
            confirmed=False,
            description=note,
        )
        phrase = clean_name(surface)
        if phrase and fold(phrase) != fold(name):
            SourceAlias.objects.create(source=source, text=phrase[:ALIAS_MAX])
        self._by_name[name] = source
        self.index.add(name, [surface])
        return source
