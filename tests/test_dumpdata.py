"""Nothing lost in a move: `dumpdata` → `loaddata` into an empty database reproduces every
object, the history of claims and verdicts included (docs/operations.md, "Moving data")."""

import json
import re
from collections import Counter
from contextlib import nullcontext
from datetime import UTC, datetime

import pytest
import time_machine
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from claims import workflow
from claims.models import Attribution, AttributionRole, Claim, Verdict
from sources.models import SourceAlias
from tests.factories import (
    make_article,
    make_claim,
    make_correction,
    make_evidence,
    make_published_claim,
    make_source,
    rating,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Rebuilt by `migrate` itself, and referred to by natural keys in the dump; the published tally
# is counted by the database's triggers as the claims and verdicts load (claims.models.tallies).
NOT_DUMPED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "claims.publishedtally",
]
DUMP_OPTIONS = {"natural_foreign": True, "natural_primary": True, "exclude": NOT_DUMPED}


def newsroom(editor, editor2, reviewer):
    """Every kind of object: sources with aliases and parents, an article with contributors,
    claims with chains, evidence, verdicts published and corrected, events and history."""
    agency = make_source("RIA Novosti", state_affiliated=True)
    SourceAlias.objects.create(source=agency, text="state-run RIA Novosti news agency")
    speaker = make_source("Sergey Zheleznyak")
    press = make_source("Zheleznyak's press service", parent=speaker)
    article = make_article(title="Kazakhstan votes", publisher=make_source("The Moscow Times"))
    article.contributors.add(agency)
    claim = make_claim(article, claimant=speaker)
    for position, (source, role) in enumerate(
        [
            (speaker, AttributionRole.SAID),
            (press, AttributionRole.QUOTED_BY),
            (agency, AttributionRole.REPORTED_BY),
        ]
    ):
        Attribution.objects.create(claim=claim, position=position, source=source, role=role)
    make_evidence(claim, source=agency, excerpt="70.96%", added_by=reviewer)
    make_published_claim(editor=editor, reviewer=reviewer, claim=claim)
    make_correction(
        claim,
        drafter=editor2,
        approver=editor,
        note="The rating was too generous.",
        rating=rating(),
    )
    workflow.dismiss(
        make_claim(article, quote="Police arrested 500 people"), actor=editor, comment="x"
    )


def dumped_models():
    excluded = {"contenttypes", "sessions", "admin"}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded and model._meta.label != "auth.Permission"
    ]


def snapshot() -> Counter:
    """Every object of every dumped model, as natural-key JSON (independent of primary keys
    that `natural_primary` lets the database choose again). A claim's version is left out: it
    is a token for "what you read", and loading the claim's parts after it moves it
    (migration 0013), as any other write of them would. The published tally is not dumped: the
    triggers that keep it count the claims again as they load, and it must come out the same."""
    objects = Counter()
    for model in dumped_models():
        for obj in json.loads(
            serializers.serialize(
                "json",
                model._default_manager.all(),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
            )
        ):
            if obj["model"] == "claims.claim":
                del obj["fields"]["version"]
            if obj["model"] == "claims.publishedtally" and not obj["fields"]["claims"]:
                continue  # a rating that no longer counts any claim: the same as no row
            objects[_at_dump_precision(json.dumps(obj, sort_keys=True))] += 1
    return objects


def _at_dump_precision(text: str) -> str:
    """Django's JSON keeps milliseconds: a time whose microseconds are under 1,000 is dumped as
    "…:45.000Z" and loaded back as "…:45Z", the same instant at the dump's precision."""
    return re.sub(r"(T\d\d:\d\d:\d\d)\.000(?=Z|[+-]\d)", r"\1", text)


def change_reasons(model) -> list[str]:
    return sorted(r or "" for r in model.history.values_list("history_change_reason", flat=True))


@pytest.mark.parametrize(
    "moment",
    [None, datetime(2026, 12, 7, 2, 28, 45, 500, tzinfo=UTC)],
    ids=["now", "under-a-millisecond-past-the-second"],
)
def test_dumpdata_then_loaddata_into_an_empty_database_reproduces_every_object_and_history(
    tmp_path, editor, editor2, reviewer, moment
):
    with time_machine.travel(moment, tick=False) if moment else nullcontext():
        newsroom(editor, editor2, reviewer)
    before = snapshot()
    claim_history, verdict_reasons = Claim.history.count(), change_reasons(Verdict)
    dump = tmp_path / "veracity.json"
    call_command("dumpdata", output=str(dump), verbosity=0, **DUMP_OPTIONS)

    call_command("flush", interactive=False, verbosity=0)
    assert not Claim.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)

    assert snapshot() == before
    assert sum(before.values()) > 50
    assert Claim.history.count() == claim_history >= 6
    assert change_reasons(Verdict) == verdict_reasons
    assert "correction: The rating was too generous." in verdict_reasons
