"""Findings on the links of claims' chains (LinkCheck), what a verdict is about, and the
Disagreements list (a proxy of ExternalReview).

On SQLite, adding a column to claims_verdict rebuilds the table, which drops the triggers
migration 0013 put on it (a verdict's change moves its claim's version); they are made again
after the rebuild, whichever way the migration runs.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

# Migration 0013's SQLite triggers on claims_verdict, copied: a migration carries its own SQL.
BUMP = "UPDATE claims_claim SET version = version + 1 WHERE id IN ({rows})"
VERDICT_TRIGGERS = {
    "insert": "NEW.claim_id",
    "update": "NEW.claim_id, OLD.claim_id",
    "delete": "OLD.claim_id",
}


def remake_verdict_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL adds the column in place; its triggers stay
    for event, rows in VERDICT_TRIGGERS.items():
        name = f"claims_verdict_claim_version_{event}"
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON claims_verdict "
            f"BEGIN {BUMP.format(rows=rows)}; END"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0015_claim_proposed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Disagreement",
            fields=[],
            options={
                "verbose_name": "disagreement",
                "verbose_name_plural": "disagreements",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("claims.externalreview",),
        ),
        migrations.AddField(
            model_name="historicalverdict",
            name="about",
            field=models.CharField(
                choices=[
                    ("content", "Whether it is true"),
                    ("attribution", "Whether it was said as reported"),
                    ("both", "Whether it was said as reported, and whether it is true"),
                ],
                default="content",
                help_text="What the rating answers: is it true, did they say it, or both.",
                max_length=16,
            ),
        ),
        # Reversed, the column's removal rebuilds the table again: the triggers follow it.
        migrations.RunPython(migrations.RunPython.noop, remake_verdict_triggers),
        migrations.AddField(
            model_name="verdict",
            name="about",
            field=models.CharField(
                choices=[
                    ("content", "Whether it is true"),
                    ("attribution", "Whether it was said as reported"),
                    ("both", "Whether it was said as reported, and whether it is true"),
                ],
                default="content",
                help_text="What the rating answers: is it true, did they say it, or both.",
                max_length=16,
            ),
        ),
        migrations.RunPython(remake_verdict_triggers, migrations.RunPython.noop),
        migrations.CreateModel(
            name="HistoricalLinkCheck",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "finding",
                    models.CharField(
                        choices=[
                            ("confirmed", "Confirmed"),
                            ("altered", "Altered"),
                            ("misattributed", "Misattributed"),
                            ("unconfirmed", "Unconfirmed"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "evidence_url",
                    models.URLField(
                        blank=True,
                        help_text="The original statement, transcript, video or press release. Required to confirm a link.",
                        max_length=1000,
                    ),
                ),
                ("evidence_title", models.CharField(blank=True, max_length=500)),
                (
                    "evidence_excerpt",
                    models.TextField(
                        blank=True,
                        help_text="The passage of the evidence that shows it, quoted exactly.",
                    ),
                ),
                (
                    "original_wording",
                    models.TextField(
                        blank=True, help_text="Altered links: the words as originally said."
                    ),
                ),
                (
                    "relayed_wording",
                    models.TextField(
                        blank=True, help_text="Altered links: the words as this link relayed them."
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Public: what we found, in a sentence or two."
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Awaiting approval"),
                            ("published", "Published"),
                        ],
                        default="draft",
                        editable=False,
                        help_text="Changed only through the link-check actions.",
                        max_length=16,
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "attribution",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.attribution",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical link check",
                "verbose_name_plural": "historical link checks",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="LinkCheck",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "finding",
                    models.CharField(
                        choices=[
                            ("confirmed", "Confirmed"),
                            ("altered", "Altered"),
                            ("misattributed", "Misattributed"),
                            ("unconfirmed", "Unconfirmed"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "evidence_url",
                    models.URLField(
                        blank=True,
                        help_text="The original statement, transcript, video or press release. Required to confirm a link.",
                        max_length=1000,
                    ),
                ),
                ("evidence_title", models.CharField(blank=True, max_length=500)),
                (
                    "evidence_excerpt",
                    models.TextField(
                        blank=True,
                        help_text="The passage of the evidence that shows it, quoted exactly.",
                    ),
                ),
                (
                    "original_wording",
                    models.TextField(
                        blank=True, help_text="Altered links: the words as originally said."
                    ),
                ),
                (
                    "relayed_wording",
                    models.TextField(
                        blank=True, help_text="Altered links: the words as this link relayed them."
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Public: what we found, in a sentence or two."
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Awaiting approval"),
                            ("published", "Published"),
                        ],
                        default="draft",
                        editable=False,
                        help_text="Changed only through the link-check actions.",
                        max_length=16,
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "attribution",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="link_check",
                        to="claims.attribution",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["attribution"],
                "indexes": [
                    models.Index(fields=["finding", "status"], name="link_check_finding_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("approved_by", models.F("author")), _negated=True),
                        name="link_check_four_eyes",
                    )
                ],
            },
        ),
    ]
