"""An article's body → detected Claims, each with its claimant and Attribution chain.

The pure pipeline (``claims.extraction``) finds the sentences; this module resolves the names it
reports to Sources and writes Claims (status ``detected``) with the ordered chain claimant →
relays → publisher. Every sentence whose check-worthiness reaches the threshold becomes a claim;
those the pipeline proposes (the article's top-ranked share) are marked ``proposed`` and shown
first, the others are folded below them. Sentences in the publisher's own voice get the
publisher as claimant.

Running extraction again on an article replaces only the detected claims nobody has touched
(claim and chain never edited, no evidence, no verdict, no duplicate pointing at them: every
history row of the claim and its chain is extraction's own); every other claim is
kept, and no new claim is made for a span a kept claim already covers. So a re-run picks up a
better pipeline or new aliases without duplicating claims or losing an editor's work.
"""

from collections.abc import Callable
from dataclasses import dataclass
from itertools import batched

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.text import Truncator
from simple_history.utils import bulk_create_with_history

from articles.models import Article
from claims.extraction.language import detect_language, unsupported_message
from claims.extraction.outlets import is_state_affiliated, source_kind
from claims.extraction.pipeline import Sentence, extract
from claims.matching.batch import RunMatcher
from claims.models import (
    STATEMENT_MAX,
    Attribution,
    AttributionRole,
    Claim,
    ClaimStatus,
    Evidence,
    LinkCheck,
)
from claims.source_resolver import SourceResolver, source_name
from sources.models import Source

CHANGE_REASON = "detected by extraction"
THRESHOLD = 0.5  # the pipeline's calibrated default
PHRASE_MAX = Claim._meta.get_field("attribution_phrase").max_length
LINK_TEXT_MAX = Attribution._meta.get_field("text").max_length
Progress = Callable[[int, int], None]  # (sentences stored, sentences to store)


@dataclass(frozen=True)
class ExtractionSummary:
    created: list[Claim]
    replaced: int
    kept: int
    note: str = ""


def untouched_detections(article: Article):
    """Detected claims of the article that only extraction has written: neither the claim nor
    its chain was edited, and nobody added evidence, a verdict, a finding on a link or a
    duplicate link."""
    edited = Claim.history.model.objects.filter(id=OuterRef("pk"))
    chain_edited = Attribution.history.model.objects.filter(claim_id=OuterRef("pk"))
    evidence = Evidence.objects.filter(claim=OuterRef("pk"))
    findings = LinkCheck.objects.filter(attribution__claim=OuterRef("pk"))
    duplicates = Claim.objects.filter(duplicate_of=OuterRef("pk"))
    return article.claims.filter(status=ClaimStatus.DETECTED, verdict__isnull=True).exclude(
        Exists(edited.exclude(history_change_reason=CHANGE_REASON))
        | Exists(chain_edited.exclude(history_change_reason=CHANGE_REASON))
        | Exists(evidence)
        | Exists(findings)
        | Exists(duplicates)
    )


def extract_article(
    article: Article, *, threshold: float = THRESHOLD, progress: Progress | None = None
) -> ExtractionSummary:
    """Detect the article's claims and store them, in chunks of EXTRACTION_CHUNK_SENTENCES
    sentences, each in a transaction of its own.

    ``progress(done, total)`` is called inside each chunk's transaction, so what it records
    commits with the chunk's claims; it is called at least once. A run that raises removes the
    claims it committed (those still untouched). A run cut short (its worker killed) leaves the
    claims of its committed chunks, which are extraction's own and untouched: the next run
    replaces them like any other, so it stores exactly what a run that was never cut would.

    ``threshold`` is the check-worthiness from which a sentence becomes a claim; lower it to
    collect every attributed sentence of an article. The article's language is detected and
    stored; in a language the extractor cannot read, no claims are made and ``note`` says why."""
    note = _check_language(article)
    if note:
        with transaction.atomic():
            _, deleted = untouched_detections(article).delete()
        kept = article.claims.count()
        return ExtractionSummary([], deleted.get(Claim._meta.label, 0), kept, note)
    resolver = SourceResolver()
    sentences = [
        s
        for s in extract(article.body, resolver.index, threshold=threshold)
        if s.checkworthiness >= threshold
        and s.boilerplate is None
        and not _in_boilerplate(article, s)
    ]
    with transaction.atomic():
        _, deleted = untouched_detections(article).delete()
        kept = set(article.claims.values_list("start", "end"))
    new = [s for s in sentences if (s.start, s.end) not in kept]
    created: list[Claim] = []
    matcher = RunMatcher()
    try:
        for chunk in batched(new, settings.EXTRACTION_CHUNK_SENTENCES) if new else [()]:
            with transaction.atomic():
                claims = _create_claims(article, [(s, _chain(article, s, resolver)) for s in chunk])
                matcher.link(claims)
                created += claims
                if progress is not None:
                    progress(len(created), len(new))
    except Exception:  # a run that stops with an error removes what it stored (not a kill)
        untouched_detections(article).filter(pk__in=[claim.pk for claim in created]).delete()
        raise
    replaced = deleted.get(Claim._meta.label, 0)
    return ExtractionSummary(created=created, replaced=replaced, kept=len(kept))


def _check_language(article: Article) -> str:
    """Store the detected language; the message when extraction cannot serve it."""
    language = detect_language(article.body)
    if language != article.language:
        article.language = language
        Article.objects.filter(pk=article.pk).update(language=language)
    return unsupported_message(language) or ""


def _in_boilerplate(article: Article, sentence: Sentence) -> bool:
    return any(
        start < sentence.end and sentence.start < end for start, end, _ in article.boilerplate
    )


def _create_claims(article: Article, found: list[tuple[Sentence, list["Link"]]]) -> list[Claim]:
    """Insert the claims, then their chains, each with its history, in two bulk inserts."""
    claims = [_claim(article, sentence, chain) for sentence, chain in found]
    claims = bulk_create_with_history(claims, Claim, default_change_reason=CHANGE_REASON)
    links = [
        Attribution(
            claim=claim, position=position, source=source, role=role, text=text[:LINK_TEXT_MAX]
        )
        for claim, (_, chain) in zip(claims, found, strict=True)
        for position, (source, role, text) in enumerate(chain)
    ]
    bulk_create_with_history(links, Attribution, default_change_reason=CHANGE_REASON)
    return claims


def _claim(article: Article, sentence: Sentence, chain: list["Link"]) -> Claim:
    claim = Claim(
        article=article,
        start=sentence.start,
        end=sentence.end,
        kind=sentence.kind,
        checkworthiness=round(sentence.checkworthiness, 4),
        checkworthiness_reasons=list(sentence.reasons),
        proposed=sentence.is_claim,
        claimant=chain[0][0] if chain else None,
        attribution_phrase=(sentence.unnamed_attribution or "")[:PHRASE_MAX],
    )
    claim.anchor_from_article()
    claim.statement = Truncator(claim.quote).chars(STATEMENT_MAX)
    # The article and claimant were just read and the database enforces the check constraints,
    # so re-validating those here would only cost a query each.
    claim.full_clean(exclude={"article", "claimant"}, validate_constraints=False)
    return claim


Link = tuple[Source | None, AttributionRole, str]


def _chain(article: Article, sentence: Sentence, resolver: SourceResolver) -> list[Link]:
    """(source, role, words) from the claimant to the publisher."""
    note = f"Found by extraction in “{article}”."
    links: list[Link] = []
    if sentence.claimant is not None:
        phrase = _claimant_phrase(article, sentence)
        claimant = resolver.get(sentence.claimant.source) or resolver.resolve_or_create(
            phrase, note=note, **_describe(phrase)
        )
        links.append((claimant, AttributionRole.SAID, sentence.claimant.text))
    elif sentence.unnamed_attribution:
        links.append((None, AttributionRole.SAID, sentence.unnamed_attribution))
    for relay in sentence.via:
        source = resolver.get(relay.source) or _unknown_relay(relay.text, resolver, note)
        links.append((source, _role(relay.role), relay.text))
    publisher = article.publisher
    if publisher is not None and (not links or links[-1][0] != publisher):
        links.append((publisher, AttributionRole.PUBLISHED_BY, ""))
    return links


def _claimant_phrase(article: Article, sentence: Sentence) -> str:
    """The speaker's whole phrase ("the Interfax news agency") when it names the claimant
    ("Interfax"), so that a new Source keeps it as an alias; else the claimant's name."""
    name = sentence.claimant.text
    if sentence.speaker is None:
        return name
    phrase = article.body[sentence.speaker[0] : sentence.speaker[1]]
    return phrase if source_name(phrase) == source_name(name) else name


def _unknown_relay(text: str, resolver: SourceResolver, note: str) -> Source | None:
    """A relay named in capitals becomes a Source; "his office" stays words on the link."""
    if any(char.isupper() for char in text):
        return resolver.resolve_or_create(text, note=note, **_describe(text))
    return None


def _describe(phrase: str) -> dict:
    """Kind and state affiliation of a new source, as the phrase that names it says."""
    return {
        "kind": source_kind(phrase, source_name(phrase)),
        "state_affiliated": is_state_affiliated(phrase),
    }


def _role(value: str) -> AttributionRole:
    key = value.strip().lower().replace(" ", "_")
    return AttributionRole(key) if key in AttributionRole.values else AttributionRole.RELAYED_BY
