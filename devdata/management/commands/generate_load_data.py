"""Synthetic newsroom data for benchmarks: `manage.py generate_load_data --claims 1000000`.

Realistic enough to load the indexes the way real data would: varied statements built from
templates (statistics, election results, arrests, promises), a few hundred claimants and outlets,
five claims per article, verdicts for claims under review or published. Rows are written by COPY
(bulk_create on SQLite) in batches, search documents computed per batch in one UPDATE. Never part
of the demo: it refuses to add to a database that already holds real articles unless told to.
"""

import itertools
import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, ExtractionState, content_hash
from claims.matching.keys import match_key
from claims.models import ANCHOR_CONTEXT, Claim, ClaimStatus, PublishedTally, Rating, Verdict
from claims.search import refresh_search_documents
from core.markdown import render_markdown
from devdata.bulk_load import indexes_built_afterwards, insert, rewrite, vacuum_analyze
from devdata.synthetic import CLAIMS_PER_ARTICLE, STATUS_WEIGHTS, Vocabulary
from sources.models import Source, SourceKind

VERDICT_VARIANTS = 500  # rendered once each: Markdown rendering would dominate the load time
LOAD_PREFIX = "load-"  # slugs and user names of generated rows, so they are easy to tell apart


class Command(BaseCommand):
    help = "Create N synthetic claims (with articles, sources and verdicts) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, required=True, help="How many claims to add.")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that already holds articles not made by this command.",
        )

    def handle(self, *args, claims: int, batch_size: int, seed: int, force: bool, **options):
        if claims < 1 or batch_size < CLAIMS_PER_ARTICLE:
            raise CommandError("--claims must be positive and --batch-size at least 5.")
        real = Article.objects.exclude(url__startswith=f"https://{LOAD_PREFIX}").exists()
        if real and not force:
            raise CommandError(
                "This database holds real articles. Use a separate benchmark database "
                "(DATABASE_URL=.../veracity_bench) or pass --force."
            )
        self.vocabulary = Vocabulary(random.Random(seed))
        self.ratings = list(Rating.objects.all())
        if not self.ratings:
            raise CommandError("There is no rating scale: run `manage.py migrate` first.")
        self.verdict_texts = [
            (summary, body, render_markdown(body))
            for summary, body in (self.vocabulary.verdict_text() for _ in range(VERDICT_VARIANTS))
        ]
        self.reviewer, self.editor = self._users()
        self.persons, self.outlets = self._sources()
        self.article_numbers = itertools.count(Article.objects.count() + 1)
        started = time.monotonic()
        with indexes_built_afterwards(Claim._meta.db_table, self.stdout):
            self._load(claims, batch_size, started)
        vacuum_analyze(Verdict._meta.db_table, Article._meta.db_table, stdout=self.stdout)
        rewrite(PublishedTally._meta.db_table, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Added {claims:,} claims in {time.monotonic() - started:.0f} s.")
        )

    def _load(self, claims: int, batch_size: int, started: float) -> None:
        done = 0
        while done < claims:
            size = min(batch_size, claims - done)
            with transaction.atomic():
                self._batch(size)
            done += size
            rate = done / (time.monotonic() - started)
            self.stdout.write(
                f"claims: {done:,}/{claims:,} ({done / claims:.0%}), {rate:,.0f}/s", ending="\r"
            )
            self.stdout.flush()
        self.stdout.write("")

    def _users(self):
        users = get_user_model().objects
        reviewer, _ = users.get_or_create(username=f"{LOAD_PREFIX}reviewer")
        editor, _ = users.get_or_create(username=f"{LOAD_PREFIX}editor")
        return reviewer, editor

    def _sources(self):
        existing = {s.slug: s for s in Source.objects.filter(slug__startswith=LOAD_PREFIX)}
        wanted = [
            *((name, SourceKind.PERSON) for name in self.vocabulary.people),
            *((name, SourceKind.NEWS_OUTLET) for name in self.vocabulary.outlets),
        ]
        missing = [
            Source(name=name, slug=self._slug(name), kind=kind)
            for name, kind in wanted
            if self._slug(name) not in existing
        ]
        Source.objects.bulk_create(missing)
        by_slug = {s.slug: s for s in Source.objects.filter(slug__startswith=LOAD_PREFIX)}
        people = [by_slug[self._slug(name)] for name in self.vocabulary.people]
        outlets = [by_slug[self._slug(name)] for name in self.vocabulary.outlets]
        return people, outlets

    @staticmethod
    def _slug(name: str) -> str:
        return LOAD_PREFIX + slugify(name)  # "Orda.kz" → "ordakz": URLs take [-a-z0-9_] only

    def _batch(self, size: int) -> None:
        articles = insert(
            [self._article(size - done) for done in range(0, size, CLAIMS_PER_ARTICLE)]
        )
        pairs = [pair for article in articles for pair in self._claims(article)]
        insert([claim for claim, _ in pairs])
        verdicts = [verdict for _, verdict in pairs if verdict is not None]
        for verdict in verdicts:  # built before its claim had an id: assigning again copies it
            verdict.claim = verdict.claim
        insert(verdicts)
        refresh_search_documents(
            Claim.objects.filter(pk__gte=pairs[0][0].pk, pk__lte=pairs[-1][0].pk)
        )

    def _article(self, claims: int) -> Article:
        vocabulary = self.vocabulary
        statements = [vocabulary.statement() for _ in range(min(claims, CLAIMS_PER_ARTICLE))]
        body = " ".join(f"{vocabulary.lead_in()} {statement}." for statement in statements)
        number = next(self.article_numbers)
        body += f" {vocabulary.filler()} (ref {number})"
        published_at = vocabulary.moment()
        article = Article(
            title=vocabulary.headline(),
            url=f"https://{LOAD_PREFIX}news.example.org/{number}",
            publisher=vocabulary.rng.choice(self.outlets),
            published_at=published_at,
            body=body,
            content_hash=content_hash(body),
            extraction_state=ExtractionState.DONE,
            extracted_at=published_at,
        )
        article.statements = statements
        return article

    def _claims(self, article: Article):
        """(claim, verdict or None) for each statement of the article."""
        rng = self.vocabulary.rng
        for statement in article.statements:
            start = article.body.index(statement)
            end = start + len(statement)
            status = rng.choices(list(STATUS_WEIGHTS), weights=STATUS_WEIGHTS.values())[0]
            claimant = rng.choice(self.persons) if rng.random() < 0.8 else None
            claim = Claim(
                article=article,
                start=start,
                end=end,
                quote=statement,
                prefix=article.body[max(0, start - ANCHOR_CONTEXT) : start],
                suffix=article.body[end : end + ANCHOR_CONTEXT],
                statement=statement,
                checkworthiness=round(rng.random(), 3),
                claimant=claimant,
                attribution_phrase="" if claimant else self.vocabulary.unnamed_source(),
                status=status,
                assignee=self.reviewer if status != ClaimStatus.DETECTED else None,
                status_changed_at=article.published_at,
                match_text=match_key(statement),
            )
            verdict = self._verdict(claim) if status in VERDICT_STATUSES else None
            yield claim, verdict

    def _verdict(self, claim: Claim) -> Verdict:
        summary, body, body_html = self.vocabulary.rng.choice(self.verdict_texts)
        published = claim.status == ClaimStatus.PUBLISHED
        return Verdict(
            claim=claim,
            rating=self.vocabulary.rng.choice(self.ratings),
            summary=summary,
            body=body,
            body_html=body_html,
            author=self.reviewer,
            approved_by=self.editor if published else None,
            published_at=(claim.status_changed_at or timezone.now()) if published else None,
        )


VERDICT_STATUSES = {ClaimStatus.IN_REVIEW, ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED}
