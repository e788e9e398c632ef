"""Claims an editor makes by hand: from a passage of an article, from something said outside
any article (an interview, a post), or by splitting a compound claim in two.

Each keeps an exact anchor into an article body, as extracted claims do, so the annotated
article, the quote in context and the ClaimReview all work the same for them.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.formats import date_format

from articles.models import Article, ExtractionState, content_hash
from claims import workflow
from claims.matching.matches import match_new_claim
from claims.models import Attribution, AttributionRole, Claim, ClaimKind, ClaimStatus
from sources.models import Source

BY_HAND = "added by an editor"
SPLITTABLE = {ClaimStatus.DETECTED, ClaimStatus.QUEUED}
PARAGRAPH_BREAK = "\n\n"


class CannotMakeClaim(ValueError):
    """The claim cannot be made as asked; the message says why and what to do."""


def find_passage(body: str, quote: str, *, paragraph: int | None = None) -> tuple[int, int]:
    """Where ``quote`` stands in ``body`` (white space may differ, as in a browser selection),
    in the given paragraph when there is one; (start, end) offsets."""
    words = quote.split()
    if not words:
        raise CannotMakeClaim("Select the words of the claim in the article's text first.")
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    start_at = _paragraph_start(body, paragraph)
    match = pattern.search(body, start_at) or pattern.search(body)
    if match is None:
        raise CannotMakeClaim(
            "Those words are not in the article's text; select them in the body shown below."
        )
    return match.start(), match.end()


def _paragraph_start(body: str, paragraph: int | None) -> int:
    offset = 0
    for _ in range(paragraph or 0):
        found = body.find(PARAGRAPH_BREAK, offset)
        if found == -1:
            return 0
        offset = found + len(PARAGRAPH_BREAK)
    return offset


def claim_from_passage(
    article: Article, quote: str, *, actor, paragraph: int | None = None
) -> Claim:
    """A new detected claim on the passage of ``article`` that an editor selected."""
    start, end = find_passage(article.body, quote, paragraph=paragraph)
    if article.claims.filter(start=start, end=end).exists():
        raise CannotMakeClaim("That passage is already a claim.")
    return _create(article, start, end, actor=actor)


@dataclass(frozen=True)
class Appearance:
    """Something said outside any article we hold: who said it (a source, or in words when
    nobody knows: "a post a reader saw"), where, when, and a link."""

    statement: str
    claimant: Source | None
    attribution: str = ""
    where: Source | None = None
    when: datetime | None = None
    url: str = ""
    kind: str = ClaimKind.FACT

    @property
    def who(self) -> str:
        return self.claimant.name if self.claimant else self.attribution or "Someone"


def claim_heard_elsewhere(appearance: Appearance, *, actor) -> Claim:
    """A claim from an interview, a broadcast or a post: its words are stored as a short
    article of their own (so the claim has an anchor like any other) with who said it,
    where and when; the chain says the claimant said it and the outlet carried it."""
    body = _appearance_text(appearance)
    if Article.objects.filter(content_hash=content_hash(body)).exists():
        raise CannotMakeClaim("This statement, by this person, there and then, is already here.")
    if appearance.url and Article.objects.filter(url=appearance.url).exists():
        raise CannotMakeClaim(
            "That link is an article already: open it and select the claim in its text."
        )
    with transaction.atomic():
        article = Article.objects.create(
            title=appearance.who + (f" on {appearance.where.name}" if appearance.where else ""),
            url=appearance.url,
            publisher=appearance.where,
            published_at=appearance.when,
            body=body,
            raw=body,
            extraction_state=ExtractionState.DONE,
            created_by=actor,
        )
        start = body.index(appearance.statement)
        claim = _create(
            article,
            start,
            start + len(appearance.statement),
            actor=actor,
            claimant=appearance.claimant,
            attribution_phrase="" if appearance.claimant else appearance.attribution[:300],
            kind=appearance.kind,
        )
        _chain(claim, appearance)
    return claim


def _appearance_text(appearance: Appearance) -> str:
    place = f" on {appearance.where.name}" if appearance.where else ""
    when = f", {date_format(appearance.when, 'DATE_FORMAT')}" if appearance.when else ""
    return f"{appearance.who} said{place}{when}:{PARAGRAPH_BREAK}{appearance.statement}"


def _chain(claim: Claim, appearance: Appearance) -> None:
    links = [(appearance.claimant, AttributionRole.SAID)] if appearance.claimant else []
    links += [(appearance.where, AttributionRole.PUBLISHED_BY)] if appearance.where else []
    for position, (source, role) in enumerate(links):
        Attribution.objects.create(claim=claim, position=position, source=source, role=role)


def split_claim(claim: Claim, *, at: int, actor) -> tuple[Claim, Claim]:
    """Cut a compound claim in two at character ``at`` of its quote: the claim keeps the first
    part, a new claim with the same chain takes the second, triaged if the first was."""
    if claim.status not in SPLITTABLE:
        raise CannotMakeClaim("Split a claim before anyone works on it (detected or queued).")
    first_end = claim.start + len(claim.quote[:at].rstrip())
    second_start = claim.start + at + (len(claim.quote[at:]) - len(claim.quote[at:].lstrip()))
    if not (claim.start < first_end and second_start < claim.end):
        raise CannotMakeClaim("Choose a point inside the quote, with words on both sides.")
    with transaction.atomic():
        second = _create(
            claim.article,
            second_start,
            claim.end,
            actor=actor,
            claimant=claim.claimant,
            attribution_phrase=claim.attribution_phrase,
            kind=claim.kind,
        )
        for link in claim.chain.order_by("position"):
            Attribution.objects.create(
                claim=second,
                position=link.position,
                source=link.source,
                role=link.role,
                text=link.text,
            )
        claim.end = first_end
        claim.anchor_from_article()
        claim.statement = claim.quote
        claim._history_user = actor
        claim._change_reason = f"split: the rest became claim {second.pk}"
        claim.save()
        if claim.status == ClaimStatus.QUEUED:
            workflow.triage(second, actor=actor, comment=f"split from claim {claim.pk}")
    return claim, second


def _create(article: Article, start: int, end: int, *, actor, **fields) -> Claim:
    claim = Claim(
        article=article,
        start=start,
        end=end,
        checkworthiness=1.0,  # an editor chose it
        checkworthiness_reasons=[BY_HAND],
        **fields,
    )
    claim.anchor_from_article()
    claim.statement = claim.quote
    claim.full_clean()
    claim._history_user = actor
    claim._change_reason = BY_HAND
    claim.save()
    match_new_claim(claim)
    return claim
