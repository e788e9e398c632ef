"""Sources in the REST API: public, except those only unpublished work mentions."""

from django.db.models import Q
from django.utils.decorators import method_decorator
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from claims.models import Attribution, Claim
from core import roles
from core.api_permissions import EditorWritesOrReadOnly
from core.page_cache import public_page
from core.rest import CleanModelSerializer, IdFilter
from sources.models import Source, SourceKind


def sources_visible_to(user):
    """Staff see every source. Others see confirmed ones and those published claims name;
    names extraction found in unpublished articles stay inside the newsroom."""
    if roles.is_staff_member(user):
        return Source.objects.all()
    published = Claim.objects.published()
    return Source.objects.filter(
        Q(confirmed=True)
        | Q(pk__in=published.values("claimant"))
        | Q(pk__in=published.values("article__publisher"))
        | Q(pk__in=Attribution.objects.filter(claim__in=published).values("source"))
    )


class SourceSerializer(CleanModelSerializer):
    slug = serializers.SlugField(
        max_length=200, required=False, help_text="Made from the name when left out."
    )
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="text")

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "url",
            "country",
            "description",
            "state_affiliated",
            "parent",
            "confirmed",
            "aliases",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_slug(self, slug):
        taken = Source.objects.filter(slug=slug)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError("Another source has this slug.")
        return slug

    def validate_parent(self, parent):
        if parent is not None and self.instance is not None and parent.pk == self.instance.pk:
            raise serializers.ValidationError("A source cannot be its own parent.")
        return parent

    def create(self, validated_data):
        validated_data.setdefault("slug", Source.unique_slug(validated_data["name"]))
        return super().create(validated_data)


class SourceFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=SourceKind.choices)
    country = filters.CharFilter(help_text="ISO 3166-1 alpha-2, e.g. KZ.")
    parent = IdFilter(field_name="parent")
    name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Source
        fields = ["kind", "country", "state_affiliated", "confirmed", "parent", "name"]


@method_decorator(public_page, name="dispatch")
class SourceViewSet(viewsets.ModelViewSet):
    """Who says things. Anyone reads; editors add, edit and remove them."""

    serializer_class = SourceSerializer
    permission_classes = [EditorWritesOrReadOnly]
    filterset_class = SourceFilter
    ordering = ["name", "id"]
    ordering_fields = ["id", "name", "kind", "country", "created_at", "updated_at"]

    def get_queryset(self):
        return sources_visible_to(self.request.user).prefetch_related("aliases")
