"""Serializers for claims, their chain, evidence, verdicts, ratings and external reviews."""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import workflow
from claims.api.concurrency import VersionedSerializerMixin
from claims.matching.related import related_claims
from claims.models import (
    Attribution,
    Claim,
    Evidence,
    ExternalReview,
    LinkCheck,
    LinkCheckStatus,
    Rating,
    Topic,
    Verdict,
)
from core import roles
from core.rest import CleanModelSerializer


@extend_schema_field({"type": "string", "nullable": True})
class PersonField(serializers.RelatedField):
    """A staff member as readers see them credited: full name, else user name."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.get_full_name() or value.get_username()


class ClaimOfField(serializers.PrimaryKeyRelatedField):
    """The claim a record belongs to: set on creation, never moved to another claim."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Claim.objects.all(), **kwargs)


def refuse_moving_claim(serializer, claim):
    if serializer.instance is not None and serializer.instance.claim_id != claim.pk:
        raise serializers.ValidationError("Cannot move this to another claim; create a new one.")
    return claim


class RatingSerializer(CleanModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", "label", "slug", "value", "colour", "definition", "position"]


class LinkCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = LinkCheck
        fields = [
            "finding",
            "note",
            "evidence_url",
            "evidence_title",
            "evidence_excerpt",
            "original_wording",
            "relayed_wording",
            "status",
            "published_at",
        ]
        read_only_fields = fields


class AttributionSerializer(CleanModelSerializer):
    finding = serializers.SerializerMethodField()

    class Meta:
        model = Attribution
        fields = ["position", "source", "role", "text", "finding"]
        read_only_fields = ["position"]

    @extend_schema_field(LinkCheckSerializer(allow_null=True))
    def get_finding(self, link) -> dict | None:
        """What we found about this link: published findings for everyone, drafts for staff."""
        check = getattr(link, "link_check", None)
        if check is None:
            return None
        request = self.context.get("request")
        staff = request is not None and roles.is_staff_member(request.user)
        if not staff and check.status != LinkCheckStatus.PUBLISHED:
            return None
        return LinkCheckSerializer(check).data

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.get("source") is None and not attrs.get("text", "").strip():
            raise serializers.ValidationError(
                {"source": ["Give the source, or the words that describe it in `text`."]}
            )
        return attrs


class ChainSerializer(VersionedSerializerMixin, serializers.Serializer):
    """The whole attribution chain, claimant first, replaced in one write."""

    links = AttributionSerializer(many=True, help_text="Ordered from the claimant to the reader.")


class ExternalReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalReview
        fields = [
            "publisher",
            "publisher_name",
            "url",
            "claim_reviewed",
            "rating_text",
            "rating_value",
            "published_on",
        ]
        read_only_fields = fields


class VerdictSerializer(VersionedSerializerMixin, CleanModelSerializer):
    claim = ClaimOfField()
    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), allow_null=True, required=False
    )
    author = PersonField()
    approved_by = PersonField()

    class Meta:
        model = Verdict
        fields = [
            "id",
            "claim",
            "rating",
            "summary",
            "about",
            "body",
            "body_html",
            "author",
            "approved_by",
            "published_at",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = ["body_html", "published_at", "created_at", "updated_at"]

    def validate_claim(self, claim):
        claim = refuse_moving_claim(self, claim)
        if self.instance is None and Verdict.objects.filter(claim=claim).exists():
            raise serializers.ValidationError(
                f"Claim {claim.pk} already has a verdict ({claim.verdict.pk}); edit that one."
            )
        return claim


class EvidenceSerializer(CleanModelSerializer):
    claim = ClaimOfField()
    added_by = PersonField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "claim",
            "url",
            "title",
            "source",
            "excerpt",
            "stance",
            "archived_url",
            "accessed_at",
            "added_by",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def validate_claim(self, claim):
        return refuse_moving_claim(self, claim)


# The desk's working data: readers (anonymous or without a role) never receive these.
STAFF_ONLY_FIELDS = ("assignee", "available_actions")


class ClaimSerializer(VersionedSerializerMixin, CleanModelSerializer):
    topics = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Topic.objects.all(), required=False
    )
    chain = AttributionSerializer(many=True, read_only=True)
    verdict = VerdictSerializer(read_only=True, allow_null=True)
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "statement",
            "kind",
            "checkworthiness",
            "checkworthiness_reasons",
            "topics",
            "claimant",
            "attribution_phrase",
            "chain",
            "article",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "status",
            "assignee",
            "duplicate_of",
            "verdict",
            "page_url",
            "created_at",
            "updated_at",
            "status_changed_at",
            "version",
        ]
        read_only_fields = [
            "checkworthiness_reasons",
            "article",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "status",
            "assignee",
            "created_at",
            "updated_at",
            "status_changed_at",
        ]
        extra_kwargs = {"assignee": {"help_text": "Staff only: who is working on the claim."}}

    def to_representation(self, claim):
        """For readers: no staff-only fields, and ``duplicate_of`` only when it names a
        published claim (``access.published_duplicate_of`` finds those)."""
        data = super().to_representation(claim)
        if roles.is_staff_member(self.context["request"].user):
            return data
        for name in STAFF_ONLY_FIELDS:
            data.pop(name, None)
        if getattr(claim, "published_duplicate_of", None) is None:
            data["duplicate_of"] = None
        return data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_page_url(self, claim) -> str | None:
        """The public page, once the claim is published."""
        if not claim.is_public:
            return None
        return self.context["request"].build_absolute_uri(claim.get_absolute_url())


class ClaimDetailSerializer(ClaimSerializer):
    external_reviews = ExternalReviewSerializer(
        many=True, read_only=True, help_text="Also checked by: other organisations' fact checks."
    )
    related_claims = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()

    class Meta(ClaimSerializer.Meta):
        fields = [
            *ClaimSerializer.Meta.fields,
            "external_reviews",
            "related_claims",
            "available_actions",
        ]

    def get_related_claims(self, claim) -> list[int]:
        """Published claims that say much the same thing, or come from the same claimant."""
        return [related.pk for related in related_claims(claim)]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_actions(self, claim) -> list[str]:
        """Staff only: the transitions the requesting user may take now."""
        user = self.context["request"].user
        return [transition.name for transition in workflow.available_actions(user, claim)]


class ClaimSchema(OpenApiSerializerExtension):
    """The schema says what ``ClaimSerializer.to_representation`` does: staff-only fields may
    be absent."""

    target_class = ClaimSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        required = [name for name in schema.get("required", []) if name not in STAFF_ONLY_FIELDS]
        return {**schema, "required": required}
