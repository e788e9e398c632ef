"""List filters and ordering that make the claim changelist a work queue."""

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from claims import workflow
from claims.models import Attribution
from core import roles
from core.rest import MAX_ID
from sources.models import Source


class QueueFilter(admin.SimpleListFilter):
    """Opens on what needs the current person's action; "All claims" shows everything."""

    title = _("queue")
    parameter_name = "queue"
    NEEDS_ACTION, MINE, ALL = "needs_action", "mine", "all"

    def lookups(self, request, model_admin):
        claims = model_admin.model.objects
        waiting = claims.filter(workflow.needs_action(request.user)).count()
        mine = claims.filter(assignee_id=request.user.pk).count()
        return [
            (self.NEEDS_ACTION, f"{_('Needs my action')} ({waiting:,})"),
            (self.MINE, f"{_('Assigned to me')} ({mine:,})"),
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


class TypeToFilter(admin.SimpleListFilter):
    """A list filter with a text box instead of links, for relations with too many rows to list.

    A list of links grows with every article or source that has a claim until it outweighs the
    changelist itself; a text box stays the same size however many there are.
    """

    template = "admin/claims/type_to_filter.html"
    placeholder = ""

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def choices(self, changelist):
        # The form keeps every other filter, the search and the ordering (not the page).
        kept = {n: v for n, v in changelist.filter_params.items() if n != self.parameter_name}
        yield {
            "value": self.value() or "",
            "other_params": [(name, value) for name, values in kept.items() for value in values],
            "clear_query_string": changelist.get_query_string(remove=[self.parameter_name]),
        }

    def queryset(self, request, queryset):
        text = (self.value() or "").strip()
        return queryset.filter(self.condition(text)) if text else queryset

    def condition(self, text: str) -> Q:
        raise NotImplementedError


def as_id(text: str) -> int | None:
    """``text`` as a row id, if it is one: ASCII digits within the database's range."""
    if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID)):
        number = int(text)
        return number if number <= MAX_ID else None
    return None


def named(text: str, field: str = "") -> Q:
    """The row whose id is ``text``, or rows whose ``name`` contains it."""
    prefix = f"{field}__" if field else ""
    if (pk := as_id(text)) is not None:
        return Q(**{f"{prefix}pk": pk})
    return Q(**{f"{prefix}name__icontains": text})


class ArticleFilter(TypeToFilter):
    title = _("article")
    parameter_name = "article"
    placeholder = _("Title or id")

    def condition(self, text):
        if (pk := as_id(text)) is not None:
            return Q(article_id=pk)
        return Q(article__title__icontains=text)


class ClaimantFilter(TypeToFilter):
    title = _("claimant")
    parameter_name = "claimant"
    placeholder = _("Name or id")

    def condition(self, text):
        return named(text, "claimant")


class SourceInChainFilter(TypeToFilter):
    """Claims in which a source appears anywhere: claimant, relay, publisher or contributor."""

    title = _("source (any link in the chain)")
    parameter_name = "source"
    placeholder = _("Name or id")

    def condition(self, text):
        sources = Source.objects.filter(named(text)).values("pk")
        in_chain = Attribution.objects.filter(claim=OuterRef("pk"), source__in=sources)
        contributed = Article.contributors.through.objects.filter(
            article_id=OuterRef("article_id"), source__in=sources
        )
        return (
            Q(claimant__in=sources)
            | Q(article__publisher__in=sources)
            | Exists(in_chain)
            | Exists(contributed)
        )


class StaffAssigneeFilter(admin.RelatedFieldListFilter):
    """Assignees to choose from: staff only (a short list), never every user."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin) or ("username",)
        return field.get_choices(
            include_blank=False, limit_choices_to=roles.staff_members_q(), ordering=ordering
        )


class SearchRankedChangeList(ChangeList):
    """Search results come best first (ClaimQuerySet.search orders them by rank) unless the
    person sorts by a column: Django orders the changelist before searching, so that sorting
    is applied again here."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if self.query.strip() and self.params.get(ORDER_VAR):
            return queryset.order_by(*self.get_ordering(request, queryset))
        return queryset
