"""``/api/v1/link-checks/``: findings on the links of claims' chains. Readers see published
findings on published claims; staff record drafts and take them through ``claims.link_checks``
(``POST …/{id}/transitions/``), which decides who may do what."""

from django.db import transaction
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import link_checks
from claims.api.concurrency import MAX_VERSION, VersionedSerializerMixin, editing_version
from claims.api.serializers import PersonField
from claims.api.viewsets import ETagMixin
from claims.models import Attribution, LinkCheck
from core.api_permissions import StaffWritesOrReadOnly
from core.page_cache import public_page
from core.rest import CleanModelSerializer
from core.roles import is_staff_member


class LinkCheckWriteSerializer(VersionedSerializerMixin, CleanModelSerializer):
    attribution = serializers.PrimaryKeyRelatedField(queryset=Attribution.objects.all())
    author = PersonField()
    approved_by = PersonField()

    class Meta:
        model = LinkCheck
        fields = [
            "id",
            "attribution",
            "finding",
            "note",
            "evidence_url",
            "evidence_title",
            "evidence_excerpt",
            "original_wording",
            "relayed_wording",
            "status",
            "author",
            "approved_by",
            "published_at",
            "version",
        ]
        read_only_fields = ["status", "published_at"]

    def validate_attribution(self, attribution):
        if self.instance is not None and self.instance.attribution_id != attribution.pk:
            raise serializers.ValidationError("A finding stays on its link; record a new one.")
        return attribution


class LinkCheckTransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[(name, step.label) for name, step in link_checks.ACTIONS.items()]
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_VERSION,
        help_text="The finding's version you read; refused with 409 if it changed since.",
    )


@method_decorator(public_page, name="dispatch")
class LinkCheckViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = LinkCheckWriteSerializer
    permission_classes = [StaffWritesOrReadOnly]
    ordering = ["id"]

    def get_queryset(self):
        checks = LinkCheck.objects.select_related("attribution__claim", "author", "approved_by")
        if is_staff_member(self.request.user):
            return checks
        return checks.published()

    @transaction.atomic
    def perform_create(self, serializer):
        link_checks.save_draft(LinkCheck(**serializer.validated_data), actor=self.request.user)
        serializer.instance = LinkCheck.objects.get(
            attribution=serializer.validated_data["attribution"]
        )

    def perform_update(self, serializer):
        check = serializer.instance
        based_on = serializer.based_on_version(serializer.validated_data)
        with editing_version(check, based_on):
            for name, value in serializer.validated_data.items():
                setattr(check, name, value)
            link_checks.save_draft(check, actor=self.request.user)

    @extend_schema(
        request=LinkCheckTransitionSerializer,
        responses={200: LinkCheckWriteSerializer},
        description="Submit, request changes, approve and publish (four eyes) or withdraw. "
        "Refusals: 403 (your role), 409 (the finding's state, or a `version` older than the "
        "finding's), 400 (a missing comment).",
    )
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None, **kwargs):
        check = self.get_object()
        serializer = LinkCheckTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        step = serializer.validated_data
        link_checks.RUNNERS[step["action"]](
            check, actor=request.user, comment=step.get("comment", ""), seen=step.get("version")
        )
        check.refresh_from_db()
        return Response(self.get_serializer(check).data)
