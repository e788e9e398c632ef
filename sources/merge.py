"""Merging duplicate sources: everything that points at the duplicates moves to the survivor.

Relations are found from the model's metadata rather than listed by hand, so a model added later
with a foreign key to Source (or a many-to-many) is merged too and nothing is left dangling.
Moved rows get a history record naming the merge and the person who did it.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from sources.models import Source, SourceAlias


class MergeRefused(Exception):
    pass


ALIAS_FROM_NAME = None  # the alias a merge makes of a duplicate's name, counted with the moves


def _relations():
    return Source._meta.related_objects


def _label(relation, count: int) -> str:
    if relation is ALIAS_FROM_NAME:
        return ngettext("source alias", "source aliases", count) + " (from the merged name)"
    opts = relation.related_model._meta
    noun = ngettext(str(opts.verbose_name), str(opts.verbose_name_plural), count)
    return f"{noun} ({relation.field.verbose_name})"


def links_of(source: Source) -> dict[str, int]:
    """How many rows point at ``source``, per relation; for the confirmation page."""
    counts = {}
    for relation in _relations():
        manager = relation.related_model._base_manager
        count = manager.filter(**{relation.field.name: source}).count()
        if count:
            counts[_label(relation, count)] = count
    return counts


def merge_sources(*, survivor: Source, duplicates: Iterable[Source], actor) -> dict[str, int]:
    """Move everything from each duplicate to ``survivor``, keep each duplicate's name as an
    alias, then delete the duplicate. Returns how many rows moved, per relation, named for
    people ("1 claim (claimant)")."""
    duplicates = list(duplicates)
    if any(source.pk == survivor.pk for source in duplicates):
        raise MergeRefused("A source cannot be merged into itself.")
    moved = Counter()
    with transaction.atomic():
        for duplicate in duplicates:
            moved += _merge_one(survivor, duplicate, actor)
    return {_label(relation, count): count for relation, count in moved.items()}


def _merge_one(survivor: Source, duplicate: Source, actor) -> Counter:
    reason = f"merged “{duplicate.name}” into “{survivor.name}”"
    if survivor.parent_id == duplicate.pk:
        survivor.parent_id = duplicate.parent_id if duplicate.parent_id != survivor.pk else None
        _save_with_history(survivor, actor, reason)
    moved = Counter()
    for relation in _relations():
        count = _move(relation, duplicate, survivor, actor, reason)
        if count:
            moved[relation] += count
    if not SourceAlias.objects.filter(text__iexact=duplicate.name).exists() and (
        duplicate.name.casefold() != survivor.name.casefold()
    ):
        alias = SourceAlias(source=survivor, text=duplicate.name)
        _save_with_history(alias, actor, reason)
        moved[ALIAS_FROM_NAME] += 1
    duplicate._change_reason = reason
    duplicate._history_user = actor
    duplicate.delete()
    return moved


def _move(relation, duplicate: Source, survivor: Source, actor, reason: str) -> int:
    name = relation.field.name
    model = relation.related_model
    rows = model._base_manager.filter(**{name: duplicate})
    if model is Source:
        rows = rows.exclude(pk=survivor.pk)  # the survivor's own parent link was handled first
    rows = list(rows)
    if relation.many_to_many:
        for row in rows:
            getattr(row, name).remove(duplicate)
            getattr(row, name).add(survivor)
        return len(rows)
    for row in rows:
        setattr(row, name, survivor)
    if getattr(model._meta, "simple_history_manager_attribute", None):
        bulk_update_with_history(
            rows, model, [name], default_user=actor, default_change_reason=reason
        )
    else:
        model._base_manager.bulk_update(rows, [name])
    return len(rows)


def _save_with_history(obj, actor, reason: str) -> None:
    obj._change_reason = reason
    obj._history_user = actor
    obj.save()


def confirm_sources(sources: Iterable[Source], *, actor) -> int:
    """Mark sources created from article text as checked by an editor; returns how many."""
    confirmed = 0
    for source in sources:
        if source.confirmed:
            continue
        source.confirmed = True
        _save_with_history(source, actor, "confirmed")
        confirmed += 1
    return confirmed
