"""Fetching articles' pages again and finding their claims in what they say now.

For each article that came from a URL: a conditional GET (the ETag and Last-Modified of the
last fetch) through the same guarded fetcher as ingestion, the page's text read the way
ingestion reads it, stored as a new ArticleVersion when it differs from every earlier one,
and each claim's passage placed in the page's current text (``claims.anchors.locate``) and
marked on its AnchorCheck. A 404 or 410 marks every claim of the article gone; any other
failure changes no mark and is recorded on the article's PageCheck. Pages are fetched one
at a time, politely (``claims.anchors.hosts``), each at most once per run.
"""

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

from articles.errors import IngestError
from articles.fetch import FetchError, PageGone, Validators, fetch_page
from articles.models import Article, ArticleVersion, PageCheck, PageOutcome
from claims.anchors.hosts import host_of, polite_order
from claims.anchors.locate import GONE, Anchor, Found, Mark, Relocator
from claims.ingest import page_text
from claims.models import AnchorCheck, Claim
from core.page_tags import tags_for
from core.purges import purge_on_commit

logger = logging.getLogger(__name__)


@dataclass
class Checked:
    """What one article's check found, for the command's progress lines and the admin."""

    article: Article
    outcome: PageOutcome
    detail: str = ""
    marks: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        line = PageOutcome(self.outcome).label.lower()
        if self.detail:
            line += f": {self.detail}"
        if self.marks:
            line += " (" + ", ".join(f"{n} {mark}" for mark, n in self.marks.items()) + ")"
        return line


def articles_to_check(*, older_than: timedelta | None = None, ids: Iterable[int] = ()):
    """Articles that came from a URL, least recently checked first; only those not checked
    within ``older_than``, or only ``ids``."""
    articles = Article.objects.exclude(url="").select_related("page_check")
    if ids:
        articles = articles.filter(pk__in=list(ids))
    if older_than is not None:
        since = timezone.now() - older_than
        articles = articles.filter(Q(page_check__isnull=True) | Q(page_check__checked_at__lt=since))
    return articles.order_by(F("page_check__checked_at").asc(nulls_first=True), "pk")


def check_articles(
    articles: Iterable[Article],
    *,
    fetch: Callable = fetch_page,
    interval: float | None = None,
    report: Callable[[Checked], None] = lambda checked: None,
) -> list[Checked]:
    """Check each article's page once, no host asked twice within ``interval`` seconds
    (VERACITY_ANCHOR_HOST_INTERVAL by default). ``fetch`` is replaceable for tests."""
    spacing = settings.VERACITY_ANCHOR_HOST_INTERVAL if interval is None else interval
    unique = {article.pk: article for article in articles}.values()
    results = []
    for article in polite_order(unique, lambda a: host_of(a.url), interval=spacing):
        checked = check_article(article, fetch=fetch)
        report(checked)
        results.append(checked)
    return results


def check_article(article: Article, *, fetch: Callable = fetch_page) -> Checked:
    """Fetch the article's page again, store what it says if new, and mark its claims."""
    now = timezone.now()
    latest = ArticleVersion.objects.latest_seen(article) or ArticleVersion.objects.original(article)
    try:
        page = fetch(
            article.url,
            max_bytes=settings.VERACITY_MAX_PAGE_BYTES,
            validators=Validators(latest.etag, latest.last_modified),
        )
        text = None if page.not_modified else page_text(page)
    except PageGone as gone:
        return _recorded(article, now, PageOutcome.GONE, str(gone), version=None)
    except (FetchError, IngestError) as error:
        return _recorded(article, now, PageOutcome.FAILED, str(error))
    with transaction.atomic():
        if text is None:
            latest.seen(now, etag=latest.etag, last_modified=latest.last_modified)
            version, outcome = latest, PageOutcome.NOT_MODIFIED
        else:
            validators = page.validators
            version = ArticleVersion.objects.record(
                article,
                text,
                at=now,
                etag=validators.etag,
                last_modified=validators.last_modified,
            )
            outcome = PageOutcome.SAME if version.pk == latest.pk else PageOutcome.CHANGED
        return _recorded(article, now, outcome, version=version)


_MARKS_KEPT = object()  # the page could not be read: the claims' marks stay as they are


@transaction.atomic
def _recorded(article, now, outcome, detail="", version=_MARKS_KEPT) -> Checked:
    """The article's page check, and its claims marked against ``version`` (None: the page
    is gone)."""
    PageCheck.objects.update_or_create(
        article=article, defaults={"checked_at": now, "outcome": outcome, "detail": detail}
    )
    checked = Checked(article, outcome, detail)
    if version is not _MARKS_KEPT:
        checked.marks = mark_claims(article, version, now)
    return checked


def mark_claims(article: Article, version: ArticleVersion | None, now) -> Counter:
    """Place each claim of the article in ``version`` (None: the page is gone) and record
    it; how many claims have each mark. A claim already placed in this version keeps its
    mark (only its check time moves), so a page that did not change costs no matching."""
    version_id = version.pk if version is not None else None
    claims = list(article.claims.only("pk", "start", "end", "prefix", "suffix"))
    # By claim ids rather than a join on the article: the primary key, whatever the statistics.
    checks = AnchorCheck.objects.in_bulk([claim.pk for claim in claims])
    relocator = Relocator(article.body, version.text) if version is not None else None
    fresh, moved_on = [], []
    for claim in claims:
        check = checks.get(claim.pk)
        if check is not None and check.version_id == version_id:
            continue
        anchor = Anchor(claim.start, claim.end, claim.prefix, claim.suffix)
        found = relocator.find(anchor) if relocator else GONE
        if check is None:
            check = checks[claim.pk] = AnchorCheck(claim=claim, status=found.mark, since=now)
            fresh.append(check)
        else:
            moved_on.append(check)
        _placed(check, found, version, now)
    # A check running at the same time (the timer and an editor's button) may have marked a
    # claim a moment ago: against the same page, so its mark stands.
    AnchorCheck.objects.bulk_create(fresh, ignore_conflicts=True)
    AnchorCheck.objects.bulk_update(moved_on, MARK_FIELDS)
    if fresh or moved_on:  # their pages may now tell readers the article was edited
        purge_on_commit(tags_for(Claim, [check.claim_id for check in fresh + moved_on]))
    AnchorCheck.objects.filter(pk__in=list(checks)).update(checked_at=now)
    return Counter(check.status for check in checks.values())


MARK_FIELDS = ["status", "version", "start", "end", "wording", "since"]


def _placed(check: AnchorCheck, found: Found, version, now) -> None:
    wording = found.wording if found.mark == Mark.CHANGED else ""
    if (check.status, check.wording) != (found.mark, wording):
        check.since = now
    check.status, check.version, check.wording = found.mark, version, wording
    check.start, check.end = found.start, found.end
    check.checked_at = now


@task()
def check_pages(article_ids: list[int]) -> None:
    """The admin's "check the pages again": the same check as ``manage.py check_anchors``."""
    for checked in check_articles(articles_to_check(ids=article_ids)):
        logger.info("Checked the page of “%s”: %s", checked.article, checked.summary())
