"""Rewriting a claim's attribution chain without losing what was found about its links.

A link that stays in the chain (same role, same source, same words) keeps its row, and with it
its finding (``claims.models.LinkCheck``); only its position may change. A link that carries a
finding cannot be dropped by a rewrite: the finding would go with it, so the rewrite is refused
and names the link.
"""

from claims.models import Attribution, Claim
from core.errors import Refused


def _identity(role: str, source_id: int | None, text: str) -> tuple:
    return role, source_id, " ".join(text.split()).casefold()


def replace_chain(claim: Claim, links: list[dict]) -> None:
    """Make ``links`` (role, source, text; claimant first) the claim's chain. Run inside the
    transaction that checks the claim's version."""
    current = {
        _identity(link.role, link.source_id, link.text): link
        for link in claim.chain.select_related("link_check", "source")
    }
    plan = []
    for position, link in enumerate(links):
        source = link.get("source")
        key = _identity(link["role"], source.pk if source else None, link.get("text", ""))
        plan.append((position, current.pop(key, None), link))
    _refuse_dropping_findings(current.values())
    for link in current.values():
        link.delete()  # one by one, so the history records each (chains are a few links long)
    kept = [(position, row) for position, row, _ in plan if row is not None]
    # positions are unique per claim: move the kept links past every position in use first
    offset = len(plan) + max((row.position for _, row in kept), default=0) + 1
    for step in (offset, 0):
        for position, row in kept:
            row.position = step + position
            row.save(update_fields=["position"])
    for position, row, link in plan:
        if row is None:
            Attribution.objects.create(claim=claim, position=position, **link)


def _refuse_dropping_findings(dropped) -> None:
    with_findings = [link for link in dropped if hasattr(link, "link_check")]
    if with_findings:
        names = "; ".join(
            f"{link.get_role_display().lower()} {link.source or link.text} "
            f"({link.link_check.get_finding_display().lower()}, "
            f"{link.link_check.get_status_display().lower()})"
            for link in with_findings
        )
        raise Refused(
            f"These links carry a finding and would lose it: {names}. Keep them in the chain "
            "(same role, source and words), or withdraw their findings first.",
            code="conflict",
        )
