"""Admin views beside the claim change page: workflow buttons and the verdict preview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from claims import corrections, workflow
from claims.admin.forms import ONE_CLICK_ACTIONS, TRANSITION_FORMS
from claims.models import Claim, CorrectionDraft
from claims.workflow import TransitionRefused
from core import roles
from core.markdown import render_markdown
from core.purges import PENDING_MESSAGE, purge_pending
from sources.merge import confirm_sources


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
    form = form_class(
        request.POST if request.method == "POST" else None,
        claim=claim,
        seen=request.GET.get("seen"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.apply(claim, request.user)
        except TransitionRefused as refused:
            if action in ONE_CLICK_ACTIONS:
                messages.error(request, refused.message)
                return redirect(change_url)
            form.add_error(None, refused.message)
        else:
            messages.success(request, form.done_message(claim))
            if purge_pending():
                messages.warning(request, PENDING_MESSAGE)
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
        "correction_draft": correction_draft_of(claim),
    }
    return TemplateResponse(request, "admin/claims/claim/transition.html", context)


def correction_draft_of(claim: Claim) -> dict | None:
    """The draft correction waiting on ``claim``, with what approving it would change."""
    draft = CorrectionDraft.objects.filter(claim=claim).select_related("drafted_by").first()
    if draft is None:
        return None
    return {"draft": draft, "changes": corrections.preview(draft)}


def confirm_sources_view(modeladmin, request, object_id: str):
    """Confirm the claim's unconfirmed claimant and relays in one click (editors only)."""
    claim = modeladmin.get_object(request, object_id)
    if claim is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not roles.is_editor(request.user):
        raise PermissionDenied
    confirmed = confirm_sources(workflow.unconfirmed_sources(claim), actor=request.user)
    noun = "source" if confirmed == 1 else "sources"
    messages.success(request, f"Confirmed {confirmed} {noun}.")
    return redirect(reverse("admin:claims_claim_change", args=[claim.pk]))


def preview_view(modeladmin, request):
    """The verdict body as readers will see it, through the one sanitising renderer."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not modeladmin.has_view_permission(request):
        raise PermissionDenied
    return JsonResponse({"html": render_markdown(request.POST.get("body", ""))})
