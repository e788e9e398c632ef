"""A claim's attribution chain as readers see it: each link with its published finding."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from claims.diffs import word_diff
from claims.models import Attribution, Claim, LinkCheck, LinkCheckStatus, LinkFinding


@dataclass(frozen=True)
class ChainLink:
    link: Attribution
    check: LinkCheck | None = None
    diff: str = ""  # altered links: the relayed wording against the original, as safe HTML

    @property
    def explanation(self) -> str:
        return LinkFinding(self.check.finding).explanation if self.check else ""


def published_findings(claim: Claim) -> dict[int, LinkCheck]:
    """The published findings on the claim's links, by link (none while it is unpublished)."""
    checks = LinkCheck.objects.published().filter(attribution__claim=claim)
    return {check.attribution_id: check for check in checks}


def chain_with_findings(claim: Claim) -> list[ChainLink]:
    """Expects ``claim.chain`` prefetched with its sources."""
    findings = published_findings(claim)
    links = []
    for link in claim.chain.all():
        check = findings.get(link.pk)
        diff = ""
        if check is not None and check.finding == LinkFinding.ALTERED:
            diff = word_diff(check.original_wording, check.relayed_wording)
        links.append(ChainLink(link, check, diff))
    return links


def with_link_finding(claims, finding: str):
    """The ``claims`` with a published ``finding`` on any link of their chain (the claim lists'
    "misattributed" and "altered anywhere in the chain")."""
    findings = LinkCheck.objects.filter(
        attribution__claim=OuterRef("pk"), finding=finding, status=LinkCheckStatus.PUBLISHED
    )
    return claims.filter(Exists(findings))
