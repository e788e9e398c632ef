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


def published_finding(claim: Claim, link: Attribution) -> LinkCheck | None:
    """The link's finding, if readers may see it."""
    check = getattr(link, "link_check", None)
    return check if check is not None and check.is_public_on(claim) else None


def chain_with_findings(claim: Claim) -> list[ChainLink]:
    """Expects ``claim.chain`` prefetched with its sources and link checks
    (``claims.claimreview.build.CHAIN_FOR_CLAIMREVIEW``)."""
    links = []
    for link in claim.chain.all():
        check = published_finding(claim, link)
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
