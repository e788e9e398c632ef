"""Admin pages for claims an editor makes by hand (claims.by_hand does the work): a passage
selected in an article, a claim heard outside any article, a compound claim split in two."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.models import Article
from claims import by_hand
from claims.models import Claim, ClaimKind
from core import roles
from sources.models import Source


def _source_field(label: str, *, required: bool, help_text: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Source.objects.all(),
        label=label,
        required=required,
        help_text=help_text,
        widget=AutocompleteSelect(Claim._meta.get_field("claimant"), admin.site),
    )


class AppearanceForm(forms.Form):
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="The words as they were said or written, quoted exactly.",
    )
    claimant = _source_field("Who said it", required=True, help_text="A person or organisation.")
    where = _source_field(
        "Where", required=False, help_text="The channel, programme, outlet or account."
    )
    when = forms.DateTimeField(required=False, help_text="When it was said or posted.")
    url = forms.URLField(
        required=False, max_length=1000, assume_scheme="https", help_text="A link to it, if any."
    )
    kind = forms.ChoiceField(choices=ClaimKind.choices, initial=ClaimKind.FACT, required=False)

    def appearance(self) -> by_hand.Appearance:
        data = self.cleaned_data
        return by_hand.Appearance(
            statement=" ".join(data["statement"].split()),
            claimant=data["claimant"],
            where=data["where"],
            when=data["when"],
            url=data["url"],
            kind=data["kind"] or ClaimKind.FACT,
        )


class SplitForm(forms.Form):
    first_part = forms.CharField(
        label="The first claim ends with",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Keep the words of the first claim; the rest of the quote becomes a new claim.",
    )

    def __init__(self, *args, claim: Claim, **kwargs):
        super().__init__(*args, **kwargs)
        self.claim = claim
        self.fields["first_part"].initial = claim.quote

    def clean_first_part(self) -> int:
        """Where in the quote the first claim ends, from the words the editor kept."""
        quote = self.claim.quote
        try:
            start, end = by_hand.find_passage(quote, self.cleaned_data["first_part"])
        except by_hand.CannotMakeClaim:
            start, end = None, len(quote)
        if start != 0 or end >= len(quote.rstrip()):
            raise forms.ValidationError(
                "Keep the beginning of the quote as it is and remove the words of the second claim."
            )
        return end


def _require_editor(request) -> None:
    if not roles.is_editor(request.user):
        raise PermissionDenied


def _page(modeladmin, request, title: str, form, **context):
    return TemplateResponse(
        request,
        "admin/claims/claim/by_hand.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "opts": Claim._meta,
            "form": form,
            **context,
        },
    )


def add_heard_elsewhere_view(modeladmin, request):
    """The claim admin's "Add": a claim said outside any article we hold."""
    _require_editor(request)
    form = AppearanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = by_hand.claim_heard_elsewhere(form.appearance(), actor=request.user)
        except by_hand.CannotMakeClaim as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Claim added. It waits in the queue as detected.")
            return redirect(reverse("admin:claims_claim_change", args=[claim.pk]))
    return _page(
        modeladmin,
        request,
        "Add a claim heard outside an article",
        form,
        media=modeladmin.media + form.media,
        intro="For an interview, a broadcast, a speech or a post. To check a claim from an "
        "article, add the article and select the claim's words in its text.",
    )


def from_passage_view(modeladmin, request, article_id: str):
    """POST from the article page: make the selected passage a claim."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _require_editor(request)
    article = get_object_or_404(Article, pk=article_id)
    article_url = reverse("admin:articles_article_change", args=[article.pk])
    paragraph = request.POST.get("paragraph", "")
    try:
        claim = by_hand.claim_from_passage(
            article,
            request.POST.get("quote", "")[:5000],
            actor=request.user,
            paragraph=int(paragraph) if paragraph.isdigit() else None,
        )
    except by_hand.CannotMakeClaim as refused:
        messages.error(request, str(refused))
        return redirect(article_url)
    messages.success(request, "Claim made from the selected passage.")
    return redirect(reverse("admin:claims_claim_change", args=[claim.pk]))


def split_view(modeladmin, request, object_id: str):
    """Split a compound claim in two; each keeps its anchor into the article."""
    claim = modeladmin.get_object(request, object_id)
    if claim is None:
        raise Http404
    _require_editor(request)
    change_url = reverse("admin:claims_claim_change", args=[claim.pk])
    form = SplitForm(request.POST or None, claim=claim)
    if request.method == "POST" and form.is_valid():
        try:
            _, second = by_hand.split_claim(
                claim, at=form.cleaned_data["first_part"], actor=request.user
            )
        except by_hand.CannotMakeClaim as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Split: the rest is now claim {second.pk}.")
            return redirect(change_url)
    return _page(
        modeladmin,
        request,
        f"Split: {claim}",
        form,
        original=claim,
        change_url=change_url,
        intro=f"The quote: “{claim.quote}”",
    )
