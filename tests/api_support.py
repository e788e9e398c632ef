"""Helpers for the API tests: JSON requests through Django's test client, and a small newsroom
with one claim in each state that matters for who may see and change what."""

import json
from dataclasses import dataclass

from claims import workflow
from claims.models import Claim
from sources.models import Source
from tests.factories import (
    make_article,
    make_checked_claim,
    make_claim,
    make_evidence,
    make_source,
    make_verdict,
)

API = "/api/v1"


def call(client, method: str, url: str, data=None, **headers):
    """One API request; ``data`` is sent as JSON (a str is sent as it is)."""
    kwargs = {"headers": headers} if headers else {}
    if data is not None:
        kwargs["data"] = data if isinstance(data, str) else json.dumps(data)
        kwargs["content_type"] = "application/json"
    return getattr(client, method.lower())(url, **kwargs)


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


@dataclass
class Newsroom:
    published: Claim  # a full fact check, public
    in_progress: Claim  # assigned to the reviewer, with a draft verdict and evidence
    detected: Claim  # fresh from extraction
    hidden_source: Source  # unconfirmed, named only by unpublished work

    SECRET_STATEMENT = "Turnout in Almaty was secretly 12 percent"
    SECRET_SUMMARY = "Draft: the turnout figure is invented"


def make_newsroom(*, editor, reviewer) -> Newsroom:
    published = make_checked_claim(
        editor=editor, reviewer=reviewer, statement="Tokayev won with nearly 71% of the vote"
    )
    hidden_source = make_source("Anonymous Telegram channel", confirmed=False)
    article = make_article(
        f"{Newsroom.SECRET_STATEMENT}, a channel said. Voters in Shymkent queued for nine hours."
    )
    in_progress = make_claim(article, quote=Newsroom.SECRET_STATEMENT, claimant=hidden_source)
    workflow.triage(in_progress, actor=editor)
    workflow.assign(in_progress, actor=editor, assignee=reviewer)
    make_verdict(in_progress, reviewer, summary=Newsroom.SECRET_SUMMARY)
    make_evidence(in_progress, title="Secret evidence")
    detected = make_claim(article, quote="Voters in Shymkent queued for nine hours")
    return Newsroom(published, in_progress, detected, hidden_source)
