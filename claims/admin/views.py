"""Admin views beside the claim change page: workflow buttons and the verdict preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from claims import workflow
from claims.admin.forms import ONE_CLICK_ACTIONS, TRANSITION_FORMS
from claims.models import Claim
from claims.workflow import TransitionRefused
from core.markdown import render_markdown


def quote_in_paragraph(claim: Claim) -> tuple[str, str, str]:
    """The article text before the quote, the quote, and the text after, within its paragraph."""
    body = claim.article.body
    start = body.rfind("\n", 0, claim.start) + 1
    end = body.find("\n", claim.end)
    end = len(body) if end == -1 else end
    return body[start : claim.start], body[claim.start : claim.end], body[claim.end : end]


def transition_view(modeladmin, request, object_id: str, action: str):
    """Ask for what the action needs (GET), then call the workflow (POST)."""
    claim = modeladmin.get_object(request, object_id)
    form_class = TRANSITION_FORMS.get(action)
    if claim is None or form_class is None:
        raise Http404
    if not modeladmin.has_view_permission(request, claim):
        raise PermissionDenied
    change_url = reverse("admin:claims_claim_change", args=[claim.pk])
    refusal = workflow.refusal(request.user, claim, action)
    if refusal:
        messages.error(request, refusal)
        return redirect(change_url)
    form = form_class(request.POST if request.method == "POST" else None, claim=claim)
    if "seen" in request.GET:  # the versions the person saw on the claim page, where they read it
        form.initial["seen"] = request.GET["seen"]
    if request.method == "POST" and form.is_valid():
        try:
            form.apply(claim, request.user)
        except TransitionRefused as refused:
            if action in ONE_CLICK_ACTIONS:
                messages.error(request, refused.message)
                return redirect(change_url)
            form.add_error(None, refused.message)
        else:
            messages.success(request, done_message(claim))
            return redirect(change_url)
    label = workflow.TRANSITIONS[action].label
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"{label}: {claim}",
        "submit_label": getattr(form, "submit_label", label),
        "opts": modeladmin.model._meta,
        "original": claim,
        "form": form,
        "action": action,
        "change_url": change_url,
        "verdict": getattr(claim, "verdict", None) if action == "publish" else None,
    }
    return TemplateResponse(request, "admin/claims/claim/transition.html", context)


def done_message(claim: Claim) -> str:
    scheduled_for = Claim.objects.select_related("verdict").get(pk=claim.pk).scheduled_for
    if scheduled_for:
        when = date_format(timezone.localtime(scheduled_for), "DATETIME_FORMAT")
        return f"Approved. The fact check goes public on {when}."
    return f"Done. The claim is now {claim.get_status_display().lower()}."


def preview_view(modeladmin, request):
    """The verdict body as readers will see it, through the one sanitising renderer."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not modeladmin.has_view_permission(request):
        raise PermissionDenied
    return JsonResponse({"html": render_markdown(request.POST.get("body", ""))})
