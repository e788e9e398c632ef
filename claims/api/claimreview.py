"""ClaimReview exchange in the API: import other organisations' fact checks (editors)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.claimreview.importer import import_reviews
from claims.claimreview.parse import ClaimReviewParseError, parse_data, parse_document
from core.api_permissions import EditorsOnly
from core.rest import HTMLParser, JSONLDParser, JSONParser, ScopedRateThrottle, UserRateThrottle

CLAIMREVIEW_SCHEMA = {
    "type": "object",
    "description": "A schema.org ClaimReview (JSON-LD), as embedded in the claim's page.",
    "properties": {
        "@context": {"type": "string"},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string", "format": "uri"},
        "claimReviewed": {"type": "string"},
        "author": {"type": "object"},
        "datePublished": {"type": "string"},
        "dateModified": {"type": "string"},
        "reviewRating": {"type": "object"},
        "itemReviewed": {"type": "object"},
    },
    "required": ["@type", "url", "claimReviewed", "author", "reviewRating", "itemReviewed"],
}

ImportReportSerializer = inline_serializer(
    "ClaimReviewImportReport",
    {
        "dry_run": serializers.BooleanField(),
        "imported": serializers.IntegerField(help_text="New claims created."),
        "merged": serializers.IntegerField(help_text="Attached to (or updated on) a claim."),
        "skipped": serializers.IntegerField(),
        "items": inline_serializer(
            "ClaimReviewImportItem",
            {
                "index": serializers.IntegerField(),
                "outcome": serializers.ChoiceField(choices=["imported", "merged", "skipped"]),
                "reason": serializers.CharField(),
                "url": serializers.CharField(),
                "claim": serializers.IntegerField(allow_null=True),
                "external_review": serializers.IntegerField(allow_null=True),
            },
            many=True,
        ),
    },
)


class ImportOptions(serializers.Serializer):
    dry_run = serializers.BooleanField(default=False)


class ClaimReviewImportView(APIView):
    """Import other organisations' ClaimReviews as "also checked by" on our claims."""

    permission_classes = [EditorsOnly]
    parser_classes = [JSONParser, JSONLDParser, HTMLParser]
    throttle_classes = [UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "claimreview_import"

    @extend_schema(
        operation_id="claimreview_import",
        request={
            "application/json": OpenApiTypes.ANY,
            "application/ld+json": OpenApiTypes.ANY,
            "text/html": OpenApiTypes.STR,
        },
        parameters=[
            OpenApiParameter(
                "dry_run", bool, description="Report what would happen; store nothing."
            )
        ],
        responses={200: ImportReportSerializer},
        description="Send a ClaimReview, a list of them, a schema.org DataFeed, a Google Fact "
        "Check Tools `claims:search` response (JSON), or an HTML page carrying ClaimReview "
        "markup (`Content-Type: text/html`). Each review is reported as imported (a new claim "
        "for editors to triage), merged (attached to an existing claim) or skipped, with why. "
        "Imported reviews are shown as “also checked by”, never as our verdicts.",
    )
    def post(self, request, *args, **kwargs):
        options = ImportOptions(data=request.query_params)
        options.is_valid(raise_exception=True)
        try:
            if isinstance(request.data, str):
                reviews = parse_document(request.data)
            else:
                reviews = parse_data(request.data)
        except ClaimReviewParseError as error:
            raise exceptions.ParseError(str(error)) from None
        if not reviews:
            raise exceptions.ParseError(
                "No ClaimReview found in the document.", code="no_claimreview"
            )
        report = import_reviews(reviews, user=request.user, **options.validated_data)
        return Response(report.as_dict())
