"""Load the demo newsroom: the seed article, its sources, the rating scale and one user per role.

Idempotent: a second run finds everything in place and changes nothing.
"""

import json
import os
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_datetime

from claims import ingest
from claims.tasks import extract_now
from devdata import demo_checks
from sources.models import Source, SourceAlias

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"


class Command(BaseCommand):
    help = (
        "Load demo data: the seed article and its sources, and users editor, reviewer, reviewer2."
    )

    verbose = True  # verbosity 0 (make run) prints only the users; the rest is on the site

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give existing demo users new passwords (printed).",
        )

    def handle(self, *args, reset_passwords=False, verbosity=1, **options):
        self.verbose = verbosity > 0
        demo = json.loads((SEED_DIR / "demo.json").read_text())
        with transaction.atomic():
            sources = self.load_sources(demo["sources"])
            self.load_users(demo["users"], reset_passwords)
            article = self.load_article(demo["article"], sources)
        self.publish_checks(article)

    def load_sources(self, rows) -> dict[str, Source]:
        sources = {}
        for row in rows:
            source, created = Source.objects.get_or_create(
                name=row["name"],
                defaults={
                    "slug": Source.unique_slug(row["name"]),
                    "kind": row["kind"],
                    "country": row.get("country", ""),
                    "url": row.get("url", ""),
                    "description": row.get("description", ""),
                    "state_affiliated": row.get("state_affiliated", False),
                },
            )
            if row.get("parent") and source.parent_id is None:
                source.parent = sources[row["parent"]]
                source.save(update_fields=["parent"])
            for alias in row.get("aliases", []):
                if not SourceAlias.objects.filter(text__iexact=alias).exists():
                    SourceAlias.objects.create(source=source, text=alias)
            sources[source.name] = source
            if created and self.verbose:
                self.stdout.write(f"  source  {source.name}")
        return sources

    def load_users(self, rows, reset_passwords: bool) -> None:
        User = get_user_model()
        for row in rows:
            user, created = User.objects.get_or_create(
                username=row["username"],
                defaults={
                    "first_name": row["first_name"],
                    "last_name": row["last_name"],
                    "email": f"{row['username']}@veracity.example",
                    "is_staff": True,
                },
            )
            user.groups.add(Group.objects.get(name=row["group"]))
            if created or reset_passwords:
                password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(9)
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(
                    self.style.SUCCESS(f"  user    {user.username:<10} password: {password}")
                    + f"  ({row['group']})"
                )
            else:
                self.stdout.write(
                    f"  user    {user.username:<10} exists; password unchanged "
                    "(load_demo --reset-passwords prints new ones)"
                )

    def load_article(self, meta, sources) -> None:
        text = (SEED_DIR / meta["file"]).read_text(encoding="utf-8")
        result = ingest.ingest_text(
            text,
            title=meta["title"],
            url=meta["url"],
            publisher=sources[meta["publisher"]],
            published_at=parse_datetime(meta["published_at"]),
            language=meta["language"],
        )
        article = result.article
        article.contributors.add(*(sources[name] for name in meta["contributors"]))
        extract_now(article)  # so the demo holds its claims whatever the task backend
        verb = "created" if result.created else "already present"
        if self.verbose:
            self.stdout.write(f"  article {article} ({verb}, {article.claims.count()} claims)")
        return article

    def publish_checks(self, article) -> None:
        # After the atomic block: extraction runs on commit, so the claims exist only now.
        editor, reviewer = demo_checks.demo_editor_and_reviewer()
        with transaction.atomic():
            published = demo_checks.publish_demo_checks(article, editor=editor, reviewer=reviewer)
        for claim in published if self.verbose else []:
            self.stdout.write(f"  published {claim.verdict.rating}: {claim.statement}")
