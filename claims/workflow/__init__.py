"""Every change of a claim's status, and every rule about who may make it.

The admin's buttons and bulk actions, the API's transition endpoint and the commands all call
``perform`` (or the function it names); nothing else writes ``Claim.status`` or publishes a
correction. Each takes the claim's version the person last read (``seen``) and refuses, with
who changed what, if the claim or its verdict, evidence or chain changed since (the database
moves the claim's version with its parts: migration 0013). A refused transition raises
``TransitionRefused`` with a message a person understands. Each transition locks the claim's
row, so two people acting at once cannot both succeed.
"""

from collections.abc import Callable

from claims.models import Action, Claim
from claims.workflow.published import (
    VERDICT_PUBLIC_FIELDS,
    approve_correction,
    clarify,
    correct,
    retract,
    withdraw_correction,
)
from claims.workflow.rules import (
    DRAFTING,
    TRANSITIONS,
    Transition,
    TransitionRefused,
    available_actions,
    awaiting_approval,
    blocked_actions,
    can_edit_claim,
    corrections_awaiting_approval,
    edit_refusal,
    needs_action,
    refusal,
    require_four_eyes,
    unconfirmed_sources,
)
from claims.workflow.transitions import assign, dismiss, publish, request_changes, submit, triage

__all__ = [
    "ACTIONS",
    "DRAFTING",
    "TRANSITIONS",
    "VERDICT_PUBLIC_FIELDS",
    "Transition",
    "TransitionRefused",
    "approve_correction",
    "assign",
    "available_actions",
    "awaiting_approval",
    "blocked_actions",
    "can_edit_claim",
    "clarify",
    "correct",
    "corrections_awaiting_approval",
    "dismiss",
    "edit_refusal",
    "needs_action",
    "perform",
    "publish",
    "refusal",
    "request_changes",
    "require_four_eyes",
    "retract",
    "submit",
    "triage",
    "unconfirmed_sources",
    "withdraw_correction",
]

A = Action

ACTIONS: dict[Action, Callable[..., Claim]] = {
    A.TRIAGE: triage,
    A.DISMISS: dismiss,
    A.ASSIGN: assign,
    A.SUBMIT: submit,
    A.REQUEST_CHANGES: request_changes,
    A.PUBLISH: publish,
    A.CORRECT: correct,
    A.CLARIFY: clarify,
    A.RETRACT: retract,
    A.APPROVE_CORRECTION: approve_correction,
    A.WITHDRAW_CORRECTION: withdraw_correction,
}


def perform(action: str, claim: Claim, *, actor, seen: int | None = None, **arguments) -> Claim:
    """Take ``action`` with what the person gave (``TRANSITIONS[action].arguments``): the one
    entry point of the admin, the API and the commands."""
    given = {
        name: arguments[name] for name in TRANSITIONS[A(action)].arguments if name in arguments
    }
    return ACTIONS[A(action)](claim, actor=actor, seen=seen, **given)
