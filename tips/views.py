"""Readers send a claim to check, or report an error in a fact check. Each tip is stored at
once (nothing waits on a queue), so none is lost; bots and bursts are turned away."""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from claims.models import Claim
from tips.forms import ErrorReportForm, TipForm
from tips.limits import over_limit
from tips.models import TipKind

TOO_MANY = (
    "We have received several messages from your address in the last hour. "
    "Please try again later, or write to us through the contact page."
)


@require_http_methods(["GET", "POST"])
def suggest(request):
    return _tip_page(request, TipForm, kind=TipKind.CLAIM, claim=None)


@require_http_methods(["GET", "POST"])
def report_error(request, claim_id: int):
    claim = get_object_or_404(Claim.objects.published(), pk=claim_id)
    return _tip_page(request, ErrorReportForm, kind=TipKind.ERROR, claim=claim)


def _tip_page(request, form_class, *, kind: str, claim: Claim | None):
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_bot():
            return redirect(reverse("tips:thanks"))
        if over_limit(request.META.get("REMOTE_ADDR", "")):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            form.instance.kind, form.instance.claim = kind, claim
            form.save()
            return redirect(reverse("tips:thanks"))
    context = {"form": form, "claim": claim, "kind": kind}
    return render(request, "tips/tip_form.html", context, status=status)


def thanks(request):
    return render(request, "tips/thanks.html")
