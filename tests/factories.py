"""Plain factory functions for tests: each makes one valid object with sensible defaults;
and ``empty_caches``, the clean slate every test starts from."""

import itertools
import json
from datetime import UTC, datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.utils.text import slugify

from articles.models import Article
from claims import workflow
from claims.models import Attribution, Claim, Evidence, ExternalReview, Rating, Topic, Verdict
from core.page_cache import process_copies
from core.purges import pending_check
from sources.models import Source

_counter = itertools.count(1)


def empty_caches() -> None:
    """The shared cache and this process's memory (copies of public pages, the stand-in
    cache, whether a purge is pending), all emptied."""
    for alias in ("default", "process"):
        caches[alias].clear()
    process_copies.forget()
    pending_check.cleared()  # nothing stored, so no purge is due


def forget_process_memory() -> None:
    """Start over as a process that has just been started would: no copies of pages, and
    no idea whether a purge is pending."""
    process_copies.forget()
    pending_check.forget()


DEFAULT_BODY = (
    "Tokayev won the snap presidential election with nearly 71 percent of the vote, "
    "according to early results. Police arrested 500 people at rallies in Almaty."
)


def make_user(username: str | None = None, *, group: str | None = None, **fields):
    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create_user(
        username=username,
        password="correct horse battery staple",
        is_staff=group is not None or fields.pop("is_staff", False),
        **fields,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_source(name: str | None = None, **fields) -> Source:
    name = name or f"Source {next(_counter)}"
    fields.setdefault("slug", Source.unique_slug(name))
    return Source.objects.create(name=name, **fields)


def make_article(body: str | None = None, **fields) -> Article:
    body = body or f"{DEFAULT_BODY} Article number {next(_counter)}."
    fields.setdefault("title", "Kazakhstan votes")
    return Article.objects.create(body=body, raw=body, **fields)


def make_claim(article: Article | None = None, quote: str | None = None, **fields) -> Claim:
    article = article or make_article()
    quote = quote or article.body.split(". ")[0]
    start = article.body.index(quote)
    claim = Claim(article=article, start=start, end=start + len(quote), **fields)
    claim.anchor_from_article()
    claim.statement = claim.statement or quote
    claim.full_clean()
    claim.save()
    return claim


def rating(slug: str = "false") -> Rating:
    return Rating.objects.get(slug=slug)


def make_verdict(claim: Claim, author, **fields) -> Verdict:
    fields.setdefault("rating", rating("mostly-true"))
    fields.setdefault("summary", "The official count was 70.96%.")
    fields.setdefault("body", "The Central Election Commission reported **70.96%**.")
    return read_again(claim, Verdict.objects.create(claim=claim, author=author, **fields))


def make_evidence(claim: Claim, **fields) -> Evidence:
    fields.setdefault("url", "https://www.election.gov.kz/results")
    fields.setdefault("title", "Official results")
    fields.setdefault("stance", "context")
    return read_again(claim, Evidence.objects.create(claim=claim, **fields))


def make_claim_in_review(*, editor, reviewer, claim: Claim | None = None, **verdict_fields):
    """A claim taken through the real workflow to review: its verdict drafted and submitted."""
    claim = claim or make_claim()
    workflow.triage(claim, actor=editor)
    workflow.assign(claim, actor=editor, assignee=reviewer)
    make_verdict(claim, reviewer, **verdict_fields)
    workflow.submit(claim, actor=reviewer)
    return claim


def make_published_claim(*, editor, reviewer, claim: Claim | None = None, **verdict_fields):
    """A claim taken through the real workflow to publication."""
    claim = make_claim_in_review(editor=editor, reviewer=reviewer, claim=claim, **verdict_fields)
    workflow.publish(claim, actor=editor)
    return claim


def load_seed_sources() -> dict[str, Source]:
    """The seed article's sources and aliases, loaded as `load_demo` loads them (by name)."""
    from devdata.management.commands.load_demo import SEED_DIR, Command

    demo = json.loads((SEED_DIR / "demo.json").read_text())
    return Command(stdout=StringIO()).load_sources(demo["sources"])


def seed_article_text() -> str:
    from devdata.management.commands.load_demo import SEED_DIR

    return (SEED_DIR / "kazakhstan-election-2019.txt").read_text(encoding="utf-8")


def make_attribution(claim: Claim, source: Source | None, role: str, **fields) -> Attribution:
    fields.setdefault("position", claim.chain.count())
    link = Attribution.objects.create(claim=claim, source=source, role=role, **fields)
    return read_again(claim, link)


def read_again(claim: Claim, part):
    """The claim as it is after ``part`` was written: its parts move its version (migration
    0013), and tests act on the claim as a person who has just read it."""
    claim.refresh_from_db(fields=["version"])
    return part


def make_topic(name: str) -> Topic:
    return Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def make_checked_claim(*, editor, reviewer, statement: str = "", **verdict_fields) -> Claim:
    """A published claim with everything a claim page shows: a named claimant on the web, a
    relay chain, a publisher, a topic and evidence of each stance."""
    claimant = make_source(
        f"Kassym-Jomart Tokayev {next(_counter)}", kind="person", url="https://www.akorda.kz/"
    )
    relay = make_source(f"RIA Novosti {next(_counter)}", kind="news_agency", state_affiliated=True)
    publisher = make_source(f"The Moscow Times {next(_counter)}", kind="news_outlet")
    article = make_article(
        publisher=publisher,
        url=f"https://www.themoscowtimes.com/2019/06/10/{next(_counter)}",
        published_at=datetime(2019, 6, 10, 9, tzinfo=UTC),
    )
    claim = make_claim(article, claimant=claimant, statement=statement)
    make_attribution(claim, claimant, "said")
    make_attribution(claim, relay, "relayed_by", text="quoted by the state-run RIA Novosti")
    make_attribution(claim, publisher, "published_by")
    claim.topics.add(make_topic("Elections"))
    make_evidence(claim, stance="supports", archived_url="https://web.archive.org/web/2019/x")
    make_evidence(claim, stance="contradicts", url="https://www.osce.org/odihr", title="ODIHR")
    return make_published_claim(editor=editor, reviewer=reviewer, claim=claim, **verdict_fields)


def make_external_review(claim: Claim, **fields) -> ExternalReview:
    """Another organisation's fact check of ``claim``, as a ClaimReview import stores it."""
    fields.setdefault("url", f"https://factcheck.example.org/checks/{next(_counter)}")
    fields.setdefault("publisher_name", "Example Fact Check")
    fields.setdefault("claim_reviewed", claim.statement)
    fields.setdefault("rating_text", "Four Pinocchios")
    return ExternalReview.objects.create(claim=claim, **fields)


def make_correction(claim: Claim, *, drafter, approver, action: str = "correct", **arguments):
    """A correction (or ``clarify``, ``retract``) drafted by one editor, approved by another."""
    arguments.setdefault("note", "We misread the table.")
    workflow.perform(action, claim, actor=drafter, **arguments)
    workflow.approve_correction(claim, actor=approver)
    return claim


def make_link_check(attribution: Attribution, author, **fields):
    """A draft finding on one link of a chain, recorded as the admin records it."""
    from claims import link_checks
    from claims.models import LinkCheck

    fields.setdefault("finding", "confirmed")
    fields.setdefault("evidence_url", "https://ria.ru/20190610/zheleznyak.html")
    check = LinkCheck(attribution=attribution, **fields)
    return link_checks.save_draft(check, actor=author)
