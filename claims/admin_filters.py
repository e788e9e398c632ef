"""List filters that make the claim changelist a work queue."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from claims import workflow
from claims.models import Attribution
from sources.models import Source


class QueueFilter(admin.SimpleListFilter):
    """Opens on what needs the current person's action; "All claims" shows everything."""

    title = _("queue")
    parameter_name = "queue"
    NEEDS_ACTION, MINE, ALL = "needs_action", "mine", "all"

    def lookups(self, request, model_admin):
        return [
            (self.NEEDS_ACTION, _("Needs my action")),
            (self.MINE, _("Assigned to me")),
            (self.ALL, _("All claims")),
        ]

    def value(self):
        return super().value() or self.NEEDS_ACTION

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == self.NEEDS_ACTION:
            return queryset.filter(workflow.needs_action(request.user))
        if self.value() == self.MINE:
            return queryset.filter(assignee_id=request.user.pk)
        return queryset


class CheckworthinessBandFilter(admin.SimpleListFilter):
    title = _("check-worthiness")
    parameter_name = "worthiness"
    BANDS = {
        "high": ("High (0.7 and above)", Q(checkworthiness__gte=0.7)),
        "medium": ("Medium (0.4–0.7)", Q(checkworthiness__gte=0.4, checkworthiness__lt=0.7)),
        "low": ("Low (below 0.4)", Q(checkworthiness__lt=0.4)),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _condition) in self.BANDS.items()]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        return queryset.filter(band[1]) if band else queryset


class SourceInChainFilter(admin.SimpleListFilter):
    """Claims in which a source appears anywhere: claimant, relay, publisher or contributor."""

    title = _("source (any link in the chain)")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return list(Source.objects.order_by("name").values_list("pk", "name"))

    def queryset(self, request, queryset):
        source_id = self.value()
        if not source_id or not source_id.isdigit():
            return queryset
        in_chain = Attribution.objects.filter(claim=OuterRef("pk"), source_id=source_id)
        contributed = Article.contributors.through.objects.filter(
            article_id=OuterRef("article_id"), source_id=source_id
        )
        return queryset.filter(
            Q(claimant_id=source_id)
            | Q(article__publisher_id=source_id)
            | Exists(in_chain)
            | Exists(contributed)
        )
