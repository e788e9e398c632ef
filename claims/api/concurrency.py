"""No lost updates: writes to claims and verdicts carry the version they were based on.

The version comes from the body's ``version`` field or an ``If-Match`` header holding the ETag
of a GET. django-concurrency compares it inside the UPDATE itself, so two writers racing on
the same version cannot both win.
"""

from contextlib import contextmanager

from concurrency.exceptions import RecordModifiedError
from django.db import transaction
from rest_framework import exceptions, serializers

from claims.versions import changed_by, current_version, newer_version_summary
from core.api_errors import Conflict
from core.rest import MAX_ID

# The version after an edit is at least one more than the one it was based on, and must still
# fit the database's bigint.
MAX_VERSION = MAX_ID - 1
IF_MATCH_HELP = 'Send the ETag of the version you edited, e.g. "1234".'

VERSION_HELP = (
    "The version this edit is based on (from the last GET, also sent as its ETag). "
    "Required on updates unless an If-Match header carries it."
)


def etag(instance) -> str:
    return f'"{instance.version}"'


def if_match_version(request) -> int | None:
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    digits = header.removeprefix("W/").strip('"')
    if not (digits.isascii() and digits.isdigit()):
        raise exceptions.ValidationError({"If-Match": [IF_MATCH_HELP]})
    if len(digits) > len(str(MAX_VERSION)) or int(digits) > MAX_VERSION:
        raise exceptions.ValidationError(
            {"If-Match": [f"No record has a version above {MAX_VERSION}. {IF_MATCH_HELP}"]}
        )
    return int(digits)


def stale(instance, based_on: int) -> Conflict:
    """The 409 of an edit based on an older version: who changed what, as the admin says it."""
    current = current_version(instance)
    return Conflict(
        f"{newer_version_summary(instance, based_on, current)}. Reload it, apply your edit "
        "again and send the new version.",
        "stale",
        current_version=current,
        changed_by=changed_by(instance, current),
    )


@contextmanager
def editing_version(instance, based_on: int):
    """Saves of ``instance`` inside this block apply only if it is still at ``based_on``;
    otherwise everything in the block is rolled back and the client gets a 409."""
    instance.version = based_on
    try:
        with transaction.atomic():
            yield
    except RecordModifiedError:
        raise stale(instance, based_on) from None


class VersionedSerializerMixin(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_VERSION, help_text=VERSION_HELP
    )

    def based_on_version(self, validated_data) -> int:
        based_on = validated_data.pop("version", None)
        if based_on is None:
            based_on = if_match_version(self.context["request"])
        if based_on is None:
            raise exceptions.ValidationError({"version": [VERSION_HELP]})
        return based_on

    def create(self, validated_data):
        validated_data.pop("version", None)
        return super().create(validated_data)

    def update(self, instance, validated_data):
        based_on = self.based_on_version(validated_data)
        with editing_version(instance, based_on):
            return super().update(instance, validated_data)
