"""Claims, verdicts, evidence and ratings: who reads what comes from ``claims.api.access``, who
changes what from ``claims.workflow``; these classes only wire them to HTTP."""

from django.db import transaction
from django.db.models import F, Prefetch
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from claims.api import access
from claims.api.claimreview import CLAIMREVIEW_SCHEMA
from claims.api.concurrency import editing_version, etag
from claims.api.filters import ClaimFilter, EvidenceFilter, VerdictFilter
from claims.api.pagination import ClaimPagination
from claims.api.serializers import (
    AttributionSerializer,
    ChainSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
    EvidenceSerializer,
    RatingSerializer,
    VerdictSerializer,
)
from claims.api.transitions import TransitionSerializer, run_transition
from claims.chains import replace_chain
from claims.claimreview.build import CHAIN_FOR_CLAIMREVIEW, build_claimreview
from claims.models import Attribution, Claim, Rating
from claims.pieces import fields, kept_pieces
from core import roles
from core.api_permissions import EditorWritesOrReadOnly, StaffWritesOrReadOnly
from core.page_cache import public_page
from core.page_tags import tag_response, tags_for
from core.purges import PENDING_MESSAGE, purge_pending
from sources.models import Source

NO_DELETE = ["get", "post", "put", "patch", "head", "options"]


class ETagMixin:
    """A versioned record's GET carries its version as ETag, for ``If-Match`` on the write."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag(instance)
        return response

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        response["ETag"] = f'"{response.data["version"]}"'
        return response


@method_decorator(public_page, name="dispatch")
class RatingViewSet(viewsets.ModelViewSet):
    """The verdict scale. Anyone reads it; editors change it."""

    queryset = Rating.objects.all()
    serializer_class = RatingSerializer
    permission_classes = [EditorWritesOrReadOnly]
    ordering = ["position", "label"]
    ordering_fields = ["position", "label", "value", "id"]


@method_decorator(public_page, name="dispatch")
@extend_schema_view(
    list=extend_schema(description="Published claims for everyone; staff see every claim."),
    retrieve=extend_schema(description="One claim, with “also checked by” and your actions."),
    update=extend_schema(description="Edit a claim: send the `version` you based it on."),
    partial_update=extend_schema(description="Edit a claim: send the `version` you based it on."),
)
class ClaimViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [access.ClaimWorkPermission]
    filterset_class = ClaimFilter
    pagination_class = ClaimPagination
    ordering = ["-id"]
    ordering_fields = ["id", "checkworthiness", "created_at", "updated_at", "published_at"]

    def get_queryset(self):
        return (
            access.claims_visible_to(self.request.user)
            .select_related("verdict__rating", "verdict__author", "verdict__approved_by")
            .prefetch_related(
                "topics",
                Prefetch(
                    "chain",
                    queryset=Attribution.objects.order_by("position").select_related("link_check"),
                ),
                "external_reviews",
                access.published_duplicate_of(),
            )
            .annotate(published_at=F("verdict__published_at"))
        )

    def get_serializer_class(self):
        return ClaimSerializer if self.action == "list" else ClaimDetailSerializer

    def list(self, request, *args, **kwargs):
        """A reader's records are the same in every list, and a publish changes one of a page:
        each is kept (``core.fragments``) under its claim's and verdict's versions and its
        claim's tag, and only new or changed ones are serialized."""
        if roles.is_staff_member(request.user):
            return super().list(request, *args, **kwargs)
        claims = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        rows = self.paginate_queryset(claims.values_list(*fields(repeats=True)))
        records = kept_pieces(
            # Its links name the site's origin; it shows the claim it repeats, if published.
            f"api-claim:{request.build_absolute_uri('/')}",
            rows,
            lambda loaded: self.get_serializer(loaded, many=True).data,
            self.get_queryset(),
            repeats=True,
        )
        return self.get_paginated_response(records)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        shown = [response.data["id"], *response.data["related_claims"]]
        claimant = response.data["claimant"]  # whose claims published later are related too
        tag_response(response, *tags_for(Claim, shown), *tags_for(Source, {claimant} - {None}))
        return response

    @extend_schema(
        responses={200: CLAIMREVIEW_SCHEMA},
        description="The claim's schema.org ClaimReview, as on its public page (published "
        "claims only).",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def claimreview(self, request, pk=None, **kwargs):
        published = (
            Claim.objects.published()
            .select_related("verdict__rating", "claimant", "article__publisher")
            .prefetch_related(CHAIN_FOR_CLAIMREVIEW)
        )
        claim = get_object_or_404(published, pk=pk)
        return Response(build_claimreview(claim, request))

    @extend_schema(
        request=TransitionSerializer,
        responses={200: ClaimDetailSerializer},
        description="Take a workflow action. Refusals: 403 (your role), 409 (the claim's "
        "state or a stale `version`), 400 (something the action needs is missing).",
    )
    # The workflow itself decides who may take which action; only editing needs can_edit_claim.
    @action(detail=True, methods=["post"], permission_classes=[StaffWritesOrReadOnly])
    def transitions(self, request, pk=None, **kwargs):
        claim = self.get_object()
        serializer = TransitionSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        run_transition(claim, actor=request.user, data=serializer.validated_data, request=request)
        response = self.retrieve(request, pk=pk, **kwargs)
        if purge_pending():
            response["Warning"] = f'199 veracity "{PENDING_MESSAGE}"'
        return response

    @extend_schema(methods=["GET"], responses={200: AttributionSerializer(many=True)}, request=None)
    @extend_schema(
        methods=["PUT"],
        request=ChainSerializer,
        responses={200: AttributionSerializer(many=True)},
        description="Replace the whole chain, claimant first; send the claim's `version`.",
    )
    @action(detail=True, methods=["get", "put"], pagination_class=None, filterset_class=None)
    def chain(self, request, pk=None, **kwargs):
        claim = self.get_object()
        if request.method == "PUT":
            serializer = ChainSerializer(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            links = serializer.validated_data["links"]
            with editing_version(claim, serializer.based_on_version(serializer.validated_data)):
                claim.save(update_fields=["updated_at", "version"])
                replace_chain(claim, links)
            claim.refresh_from_db(fields=["version"])  # the new links moved it (migration 0013)
        links = claim.chain.order_by("position").select_related("link_check")
        data = AttributionSerializer(links, many=True, context=self.get_serializer_context()).data
        return Response(data, headers={"ETag": etag(claim)})


@method_decorator(public_page, name="dispatch")
class VerdictViewSet(ETagMixin, viewsets.ModelViewSet):
    """Published verdicts for everyone; drafts for staff, written as the admin allows."""

    serializer_class = VerdictSerializer
    permission_classes = [access.ClaimWorkPermission]
    filterset_class = VerdictFilter
    http_method_names = NO_DELETE
    ordering = ["-id"]
    ordering_fields = ["id", "published_at", "updated_at"]

    def get_queryset(self):
        return access.verdicts_visible_to(self.request.user).select_related(
            "claim", "rating", "author", "approved_by"
        )

    @transaction.atomic
    def perform_create(self, serializer):
        access.require_claim_editable(self.request.user, serializer.validated_data["claim"])
        serializer.save(author=self.request.user)


@method_decorator(public_page, name="dispatch")
class EvidenceViewSet(viewsets.ModelViewSet):
    """What reviewers found; editable while the claim is editable."""

    serializer_class = EvidenceSerializer
    permission_classes = [access.ClaimWorkPermission]
    filterset_class = EvidenceFilter
    ordering = ["claim_id", "stance", "id"]
    ordering_fields = ["id", "created_at", "stance"]

    def get_queryset(self):
        return access.evidence_visible_to(self.request.user).select_related("claim", "added_by")

    def perform_create(self, serializer):
        access.require_claim_editable(self.request.user, serializer.validated_data["claim"])
        serializer.save(added_by=self.request.user)
