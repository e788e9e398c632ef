"""Edits of a claim's parts (its verdict, evidence and chain) are edits of the claim.

Approvers and API clients act on the claim as a whole, with the version they read: so that a
verdict rewritten after someone read the claim is noticed (claims.workflow refuses an action
based on an older version), the claim's version moves whenever one of its parts changes. Every
writer of a part calls ``parts_changed`` in the transaction that wrote it.
"""

from django.db import transaction

from claims.models import Claim


def parts_changed(claim: Claim, *, actor, what: str) -> None:
    """Record on the claim that ``what`` ("the verdict", "the evidence") was edited."""
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        locked._history_user = actor
        locked._change_reason = f"edited {what}"
        locked.save(update_fields=["version", "updated_at"])
    claim.version, claim.updated_at = locked.version, locked.updated_at
