"""Versions and their history: what changed between two, and stale reads (acting on a version
of a claim or verdict that has changed since it was read).

The admin's edit forms, the workflow's transitions and the API's writes all refuse a stale act
with the same words, built here from the history: who changed it, when, and what.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from claims.models import Attribution, Claim, Evidence, Verdict

# History diffs compare editable fields only, so status, assignee, approval and timestamps (all
# non-editable: changed by the workflow, which the events show) never appear; these remain.
UNINTERESTING_FIELDS = {"version", "checkworthiness_reasons"}


def person(user) -> str:
    if user is None:
        return "system"
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def changes_between(before, after, excluded=UNINTERESTING_FIELDS) -> list[Change]:
    """The fields that differ between two history records of one row, readably."""
    delta = after.diff_against(before, excluded_fields=excluded, foreign_keys_are_objs=True)
    return [
        Change(
            field=str(after.instance_type._meta.get_field(change.field).verbose_name),
            old=_short(change.old),
            new=_short(change.new),
        )
        for change in delta.changes
    ]


def _short(value) -> str:
    return Truncator("" if value is None else str(value)).chars(160)


def current_version(instance) -> int | None:
    """The version stored now (None when the row is gone)."""
    rows = type(instance)._base_manager.filter(pk=instance.pk).values_list("version", flat=True)
    return rows.first()


def newer_version_summary(instance, based_on: int, current: int) -> str:
    """Who saved the newer version, when, and what they changed, from the history."""
    latest, base = _latest_change(instance, based_on, current)
    if latest is None:
        return f"Someone changed this {instance._meta.verbose_name} after you opened it"
    changes = changes_between(base, latest) if base else []
    # Workflow steps change no field of their own; their history names the step ("triage").
    what = "; ".join(f"{c.field} is now “{c.new}”" for c in changes)
    what = what or latest.history_change_reason or ""
    when = date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
    noun = latest.instance_type._meta.verbose_name
    return f"{person(latest.history_user)} changed this {noun} on {when}, after you opened it" + (
        f": {what}" if what else ""
    )


def _latest_change(instance, based_on: int, current: int):
    """The history record of ``current`` and of ``based_on``; for a claim whose version a part
    moved (its verdict, evidence or chain: migration 0013), that part's latest change and the
    record before it."""
    history = instance.history.select_related("history_user")
    latest = history.filter(version=current).first()
    if latest is not None or not isinstance(instance, Claim):
        return latest, history.filter(version=based_on).first() if latest else None
    parts = [
        model.history.filter(claim_id=instance.pk).select_related("history_user").first()
        for model in (Verdict, Evidence, Attribution)
    ]
    latest = max(filter(None, parts), key=lambda record: record.history_date, default=None)
    if latest is None:
        return None, None
    base = latest.instance_type.history.filter(
        id=latest.id, history_date__lt=latest.history_date
    ).first()
    return latest, base


def changed_by(instance, version: int) -> str | None:
    """The user name of whoever saved ``version`` of ``instance``, if the history knows."""
    row = instance.history.filter(version=version).select_related("history_user").first()
    user = row.history_user if row else None
    return user.get_username() if user else None
