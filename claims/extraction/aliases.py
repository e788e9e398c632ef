"""Name -> Source resolution through aliases.

Matching folds case, curly apostrophes, line-end hyphens and whitespace, and ignores a
possessive 's, leading articles and determiners, and titles around a name, so
"a Reuters correspondent" and "Reuters'" both resolve to Reuters when "Reuters" is known.
"""

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

_ARTICLES = r"(?:the|a|an|this|that|its|his|her|their|our)"
_TITLES = (
    r"(?:mr|mrs|ms|dr|prof|sen|rep|gov|gen|col|lt|sgt|capt|president|prime minister|"
    r"minister|senator|governor|representative|congressman|congresswoman|chairman|chairwoman|"
    r"spokesman|spokeswoman|spokesperson|secretary|ambassador|judge|mayor|former|interim|"
    r"deputy|vice|acting|state-run|state|correspondent|reporter|journalist|monitors?|"
    r"officials?|news agency|agency|newspaper|website|press service)\.?"
)
_LEADING = re.compile(rf"^(?:{_ARTICLES}\s+|{_TITLES}\s+)+")
_TRAILING = re.compile(rf"(?:\s+{_TITLES})+$")
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")
_LINE_END_HYPHEN = re.compile(r"-\s*\n\s*")
_SPACES = re.compile(r"\s+")


def fold(name: str) -> str:
    """Canonical lookup form of a surface name."""
    text = _LINE_END_HYPHEN.sub("-", name)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _SPACES.sub(" ", text).strip(" \t\n\"',.;:()").lower()
    return _POSSESSIVE.sub("", text)


@lru_cache(maxsize=8192)  # the same names come back sentence after sentence
def _variants(name: str) -> tuple[str, ...]:
    """The folded name, then with articles, titles and possessives peeled off."""
    folded = fold(name)
    variants = [folded]
    bare = _TRAILING.sub("", _LEADING.sub("", folded))
    bare = _POSSESSIVE.sub("", bare).strip()
    if bare and bare != folded:
        variants.append(bare)
    return tuple(variants)


class AliasIndex:
    """Resolve surface names to canonical source names (case-insensitive)."""

    def __init__(self, sources: Mapping[str, Iterable[str]] | None = None) -> None:
        self._names: dict[str, str] = {}
        for name, aliases in (sources or {}).items():
            self.add(name, aliases)

    def add(self, name: str, aliases: Iterable[str] = ()) -> None:
        for surface in (name, *aliases):
            for variant in _variants(surface):
                self._names.setdefault(variant, name)

    def __len__(self) -> int:
        return len(set(self._names.values()))

    def resolve(self, surface: str) -> str | None:
        """The source name for `surface`, or None when no alias matches."""
        for variant in _variants(surface):
            if variant in self._names:
                return self._names[variant]
        return None

    def find_in(self, text: str) -> tuple[str, int, int] | None:
        """The longest known name inside `text` as (source, start, end), or None."""
        words = list(re.finditer(r"[\w’'.&-]+", text))
        best = None
        for i in range(len(words)):
            for j in range(min(len(words), i + 12), i, -1):
                start, end = words[i].start(), words[j - 1].end()
                source = self.resolve(text[start:end])
                if source and (best is None or end - start > best[2] - best[1]):
                    best = (source, start, end)
                    break
        return best
