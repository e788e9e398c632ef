"""Articles in the REST API: staff send text or HTML and poll the article while claims are
extracted; readers see the articles that published fact checks come from."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.decorators import method_decorator
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from articles.models import Article, ExtractionState
from claims.api.access import claims_visible_to
from claims.ingest import IngestError, ingest_html, ingest_text
from claims.models import Claim
from core import roles
from core.api_permissions import StaffWritesOrReadOnly
from core.page_cache import public_page
from core.rest import IdFilter, StrictCharField
from sources.models import Source


def articles_visible_to(user):
    if roles.is_staff_member(user):
        return Article.objects.all()
    return Article.objects.filter(pk__in=Claim.objects.published().values("article"))


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.URLField(read_only=True, allow_blank=True)
    claims = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "publisher",
            "contributors",
            "byline",
            "published_at",
            "language",
            "body",
            "boilerplate",
            "raw_format",
            "extraction_state",
            "extraction_error",
            "extraction_note",
            "extraction_progress",
            "extraction_total",
            "extracted_at",
            "claims",
            "status_url",
            "created_at",
        ]
        read_only_fields = fields

    def get_claims(self, article) -> list[int]:
        """The ids of this article's claims that you may see."""
        return [claim.pk for claim in article.visible_claims]

    def get_status_url(self, article) -> str:
        """Where to poll ``extraction_state`` (this article in the API)."""
        path = reverse("api:article-detail", kwargs={"pk": article.pk, "version": "v1"})
        return self.context["request"].build_absolute_uri(path)


class ArticleCreateSerializer(serializers.Serializer):
    """An article as plain text or as an HTML page; metadata the page lacks may be given."""

    text = StrictCharField(required=False, trim_whitespace=False, help_text="Plain text.")
    html = StrictCharField(required=False, trim_whitespace=False, help_text="A web page.")
    title = StrictCharField(required=False, allow_blank=True, max_length=500)
    url = serializers.URLField(required=False, allow_blank=True, max_length=1000)
    publisher = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True
    )
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = StrictCharField(required=False, max_length=12)
    byline = StrictCharField(required=False, allow_blank=True, max_length=300)

    def validate(self, attrs):
        if ("text" in attrs) == ("html" in attrs):
            raise serializers.ValidationError(
                {"text": ["Send the article as `text` or as `html` (one of them)."]}
            )
        return attrs

    def ingest(self, user):
        data = dict(self.validated_data)
        field = "html" if "html" in data else "text"
        ingest = ingest_html if field == "html" else ingest_text
        try:
            return ingest(data.pop(field), user=user, **data)
        except IngestError as error:
            raise serializers.ValidationError({field: [str(error)]}) from None


class ArticleFilter(filters.FilterSet):
    publisher = IdFilter(field_name="publisher")
    language = filters.CharFilter()
    extraction_state = filters.ChoiceFilter(choices=ExtractionState.choices)
    url = filters.CharFilter()
    published_after = filters.DateFilter(field_name="published_at", lookup_expr="date__gte")
    published_before = filters.DateFilter(field_name="published_at", lookup_expr="date__lte")

    class Meta:
        model = Article
        fields = ["publisher", "language", "extraction_state", "url"]


@method_decorator(public_page, name="dispatch")
class ArticleViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Articles with at least one published claim for everyone; all of them for staff."""

    serializer_class = ArticleSerializer
    permission_classes = [StaffWritesOrReadOnly]
    filterset_class = ArticleFilter
    ordering = ["-published_at", "-id"]
    ordering_fields = ["id", "published_at", "created_at"]

    def get_queryset(self):
        visible = claims_visible_to(self.request.user).only("id", "article_id").order_by("start")
        return (
            articles_visible_to(self.request.user)
            .defer("raw")
            .prefetch_related(
                "contributors", Prefetch("claims", queryset=visible, to_attr="visible_claims")
            )
        )

    @extend_schema(
        request=ArticleCreateSerializer,
        responses={200: ArticleSerializer, 201: ArticleSerializer},
        description="Store an article from `text` or `html` and start claim extraction. 201 "
        "for a new article, 200 when the same article was already stored. Poll `status_url` "
        "until `extraction_state` is `done` or `failed`.",
    )
    def create(self, request, *args, **kwargs):
        incoming = ArticleCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        result = incoming.ingest(request.user)
        article = self.get_queryset().get(pk=result.article.pk)
        data = self.get_serializer(article).data
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(data, status=code, headers={"Location": data["status_url"]})
