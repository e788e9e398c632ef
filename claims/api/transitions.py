"""``POST /api/v1/claims/{id}/transitions/``: one endpoint for every workflow action.

The request names the action, what it needs and the claim's version the client read (``version``
or ``If-Match``); ``claims.workflow.perform`` decides whether it is allowed and does it, exactly
as for the admin's buttons. A refusal comes back as ``TransitionRefused`` and the exception
handler turns it into 403 (who you are), 409 (the claim's state, or a stale ``version``, with
who changed what) or 400 (something missing).
"""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import workflow
from claims.api.concurrency import MAX_VERSION, if_match_version
from claims.corrections import EvidenceEdit
from claims.models import EXCERPT_MAX, NOTE_MAX, VERDICT_BODY_MAX, Action, Claim, Rating, Stance

MAX_ID = 2**63 - 1


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


class EvidenceEditSerializer(serializers.Serializer):
    """One change to the evidence in a correction: no ``id`` adds evidence."""

    id = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    url = serializers.URLField(required=False, max_length=1000)
    title = serializers.CharField(required=False, max_length=500)
    excerpt = serializers.CharField(required=False, max_length=EXCERPT_MAX)
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    delete = serializers.BooleanField(required=False, default=False)


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=Action.choices)
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=NOTE_MAX,
        help_text="Kept in the claim's history.",
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=NOTE_MAX,
        help_text="Public note for `correct`, `clarify` and `retract` (`comment` is accepted too).",
    )
    assignee = AssigneeField(required=False, help_text="For `assign`: user id or user name.")
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), required=False, help_text="For `correct`."
    )
    summary = serializers.CharField(
        required=False, max_length=300, help_text="For `correct` and `clarify`."
    )
    body = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=VERDICT_BODY_MAX,
        help_text="For `correct` and `clarify`: Markdown.",
    )
    evidence = EvidenceEditSerializer(
        many=True, required=False, help_text="For `correct` and `clarify`: evidence changes."
    )
    publish_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="For `publish`: approve now, go public at this time (ISO 8601); omit for now.",
    )
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_VERSION,
        help_text="The claim's version you read (or send its ETag as If-Match): refused with "
        "409 if the claim, its verdict, evidence or chain changed since.",
    )

    def validate(self, attrs):
        action = Action(attrs["action"])
        accepted = workflow.TRANSITIONS[action].arguments
        if "note" in accepted and not attrs.get("note"):
            attrs["note"] = attrs.pop("comment", "")
        if action == Action.ASSIGN and "assignee" not in attrs:
            raise serializers.ValidationError({"assignee": ["Say whom to assign the claim to."]})
        given = set(attrs) - {"action", "version", "comment", "note"}
        errors = {name: [f"Not used by “{action}”."] for name in sorted(given - set(accepted))}
        if errors:
            raise serializers.ValidationError(errors)
        if "evidence" in attrs:
            attrs["evidence"] = [EvidenceEdit(**edit) for edit in attrs["evidence"]]
        return attrs


def run_transition(claim: Claim, *, actor, data: dict, request) -> Claim:
    """Take the validated action on ``claim`` for ``actor`` through ``claims.workflow``."""
    arguments = dict(data)
    action = arguments.pop("action")
    seen = arguments.pop("version", None)
    if seen is None:
        seen = if_match_version(request)
    return workflow.perform(action, claim, actor=actor, seen=seen, **arguments)
