"""``POST /api/v1/claims/{id}/transitions/``: one endpoint for every workflow action.

The request names the action and what it needs; ``claims.workflow`` decides whether it is
allowed and does it. A refusal comes back as ``TransitionRefused`` and the exception handler
turns it into 403 (who you are), 409 (the claim's state) or 400 (something missing).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import workflow
from claims.api.concurrency import stale
from claims.models import Claim, Rating

MAX_ID = 2**63 - 1
CORRECTABLE = workflow.VERDICT_PUBLIC_FIELDS


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class AssigneeField(serializers.Field):
    """A staff member, by user id or user name."""

    def to_internal_value(self, data):
        users = get_user_model().objects.filter(is_active=True)
        if isinstance(data, int) and not isinstance(data, bool) and 0 < data <= MAX_ID:
            user = users.filter(pk=data).first()
        elif isinstance(data, str) and data.strip():
            user = users.filter(username=data.strip()).first()
        else:
            raise serializers.ValidationError("Give the assignee's user id or user name.")
        if user is None:
            raise serializers.ValidationError(f"No active user “{data}”.")
        return user

    def to_representation(self, value):
        return value.pk


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[(name, t.label) for name, t in workflow.TRANSITIONS.items()]
    )
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="Kept in the claim's history."
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Public note for `correct` and `retract` (`comment` is accepted too).",
    )
    assignee = AssigneeField(required=False, help_text="For `assign`: user id or user name.")
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), required=False, help_text="For `correct`."
    )
    summary = serializers.CharField(required=False, max_length=300, help_text="For `correct`.")
    body = serializers.CharField(
        required=False, allow_blank=True, help_text="For `correct`: Markdown."
    )
    publish_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="For `publish`: approve now, go public at this time (ISO 8601); omit for now.",
    )
    version = serializers.IntegerField(
        required=False, min_value=0, help_text="Optional: refuse if the claim changed since."
    )

    def validate(self, attrs):
        action = attrs["action"]
        if action == "assign" and "assignee" not in attrs:
            raise serializers.ValidationError({"assignee": ["Say whom to assign the claim to."]})
        misplaced = {"assignee"} if action != "assign" else set()
        misplaced |= set(CORRECTABLE) if action != "correct" else set()
        misplaced |= {"publish_at"} if action != "publish" else set()
        errors = {name: [f"Not used by “{action}”."] for name in sorted(misplaced & set(attrs))}
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def _text(data) -> str:
    return data.get("note") or data.get("comment") or ""


RUNNERS = {
    "triage": lambda claim, actor, d: workflow.triage(claim, actor=actor, comment=_text(d)),
    "dismiss": lambda claim, actor, d: workflow.dismiss(claim, actor=actor, reason=_text(d)),
    "assign": lambda claim, actor, d: workflow.assign(
        claim, actor=actor, assignee=d["assignee"], comment=_text(d)
    ),
    "submit": lambda claim, actor, d: workflow.submit(claim, actor=actor, comment=_text(d)),
    "request_changes": lambda claim, actor, d: workflow.request_changes(
        claim, actor=actor, comment=_text(d)
    ),
    "publish": lambda claim, actor, d: workflow.publish(
        claim, actor=actor, comment=_text(d), publish_at=d.get("publish_at")
    ),
    "correct": lambda claim, actor, d: workflow.correct(
        claim, actor=actor, note=_text(d), **{f: d[f] for f in CORRECTABLE if f in d}
    ),
    "retract": lambda claim, actor, d: workflow.retract(claim, actor=actor, note=_text(d)),
}


def run_transition(claim: Claim, *, actor, data: dict) -> Claim:
    """Take the validated action on ``claim`` for ``actor`` through ``claims.workflow``."""
    with transaction.atomic():
        if "version" in data:
            current = Claim.objects.select_for_update().get(pk=claim.pk)
            if current.version != data["version"]:
                raise stale(current, data["version"])
        return RUNNERS[data["action"]](claim, actor, data)
