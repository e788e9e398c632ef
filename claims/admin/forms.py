"""Forms of the claim admin: the edit forms that refuse stale saves, and one form per transition.

Each transition form knows which ``claims.workflow`` function it calls (``apply``); the admin
views only validate the form and report the outcome.
"""

from concurrency.forms import get_signer
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format

from claims import workflow
from claims.admin.timeline import changes_between, person
from claims.models import Claim, ClaimStatus, Rating, Verdict
from core import roles


class StaleEditRefusingForm(forms.ModelForm):
    """A model form that refuses to save over a version newer than the one it was based on.

    The refusal names who saved the newer version, when, and which fields they changed; the
    person's input stays in the form and the form now carries the newer version, so saving
    again after reading the message deliberately replaces those changes.
    """

    def has_changed(self):
        # The version alone is no change: an untouched extra inline form must not be saved.
        return any(name != "version" for name in self.changed_data)

    def clean(self):
        cleaned = super().clean()
        based_on = cleaned.get("version")
        if self.instance.pk is None or based_on is None:
            return cleaned
        model = type(self.instance)
        current = model._base_manager.filter(pk=self.instance.pk).values_list("version", flat=True)
        current = current.first()
        if current is not None and current != based_on:
            self._refuse_stale(based_on, current)
        return cleaned

    def _refuse_stale(self, based_on: int, current: int) -> None:
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = get_signer().sign(current)
        raise ValidationError(
            f"{newer_version_summary(self.instance, based_on, current)}. Your changes were not "
            "saved; they are kept below. Compare them with the current version (open this page "
            "in a new tab) and save again to replace it with yours.",
            code="stale",
        )


def newer_version_summary(instance, based_on: int, current: int) -> str:
    """Who saved the newer version, when, and what they changed, from the history."""
    noun = instance._meta.verbose_name
    history = instance.history.select_related("history_user")
    latest = history.filter(version=current).first()
    if latest is None:
        return f"Someone changed this {noun} after you opened it"
    base = history.filter(version=based_on).first()
    changes = changes_between(base, latest) if base else []
    # Workflow steps change no editable field; their history names the step, e.g. "triage".
    what = "; ".join(f"{c.field} is now “{c.new}”" for c in changes)
    what = what or latest.history_change_reason or ""
    when = date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
    return f"{person(latest.history_user)} changed this {noun} on {when}, after you opened it" + (
        f": {what}" if what else ""
    )


class MarkdownTextarea(forms.Textarea):
    """Markdown with a server-rendered preview (static/admin/veracity/markdown-preview.js)."""

    def __init__(self, attrs=None):
        attrs = {
            "rows": 12,
            "class": "vLargeTextField",
            "data-preview-url": reverse_lazy("admin:claims_claim_preview"),
            **(attrs or {}),
        }
        super().__init__(attrs)


class ClaimForm(StaleEditRefusingForm):
    class Meta:
        model = Claim
        fields = [
            "statement",
            "kind",
            "claimant",
            "attribution_phrase",
            "topics",
            "duplicate_of",
            "version",
        ]


class VerdictForm(StaleEditRefusingForm):
    class Meta:
        model = Verdict
        fields = ["rating", "summary", "body", "version"]
        widgets = {
            "body": MarkdownTextarea(),
            "summary": forms.TextInput(attrs={"class": "vLargeTextField wide-input"}),
        }


# --- transitions ----------------------------------------------------------------------------


def seen_versions(claim: Claim) -> str:
    """The versions of the claim and its verdict as a page showed them, e.g. "17.4"."""
    verdict = Verdict.objects.filter(claim=claim).values_list("version", flat=True).first()
    return f"{claim.version}.{verdict or 0}"


def changed_since(claim: Claim, seen: str) -> str:
    try:
        claim_seen, verdict_seen = (int(part) for part in seen.split("."))
    except ValueError:
        return "This claim changed after you opened it"
    if claim_seen != claim.version:
        return newer_version_summary(claim, claim_seen, claim.version)
    return newer_version_summary(claim.verdict, verdict_seen, claim.verdict.version)


class ClaimActionForm(forms.Form):
    """What one workflow action needs from the person; ``apply`` calls the workflow.

    The form carries the versions the person saw, so that nobody approves, dismisses or
    corrects a claim that changed after they read it."""

    action = ""
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, claim: Claim | None = None, **kwargs):
        self.claim = claim
        super().__init__(*args, **kwargs)
        if claim is not None:
            self.fields["seen"].initial = seen_versions(claim)

    def clean(self):
        cleaned = super().clean()
        seen, current = cleaned.get("seen"), self.fields["seen"].initial
        if seen and current and seen != current:
            self.data = self.data.copy()
            self.data[self.add_prefix("seen")] = current
            raise ValidationError(
                f"{changed_since(self.claim, seen)}. Please look at it again before you go on.",
                code="stale",
            )
        return cleaned

    def apply(self, claim: Claim, actor) -> Claim:
        raise NotImplementedError


class TransitionForm(ClaimActionForm):
    """A transition that needs nothing but an optional comment for the history."""

    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional; kept in the claim's history.",
    )

    def apply(self, claim: Claim, actor) -> Claim:
        return getattr(workflow, self.action)(
            claim, actor=actor, comment=self.cleaned_data["comment"]
        )


class TriageForm(TransitionForm):
    action = "triage"


class SubmitForm(TransitionForm):
    action = "submit"


class PublishForm(TransitionForm):
    """Approve the verdict: publish it now, or schedule it for a time."""

    action = "publish"
    submit_label = "Approve and publish"
    publish_at = forms.DateTimeField(
        required=False,
        label="Publish at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=f"Leave empty to publish now; a time is read in {settings.TIME_ZONE} time.",
    )

    def apply(self, claim: Claim, actor) -> Claim:
        data = self.cleaned_data
        return workflow.publish(
            claim, actor=actor, comment=data["comment"], publish_at=data["publish_at"]
        )


class DismissForm(ClaimActionForm):
    action = "dismiss"
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why this is not worth checking (opinion, not checkable, duplicate…).",
    )

    def apply(self, claim: Claim, actor) -> Claim:
        return workflow.dismiss(claim, actor=actor, reason=self.cleaned_data["reason"])


def assignable_people():
    """Reviewers and editors, each with how many claims they are checking now."""
    return (
        get_user_model()
        .objects.filter(roles.staff_members_q())
        .annotate(
            in_progress=Count(
                "assigned_claims", filter=Q(assigned_claims__status=ClaimStatus.IN_PROGRESS)
            )
        )
        .order_by("username")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{person(obj)} ({obj.get_username()}) · {obj.in_progress} in progress"


class AssignForm(ClaimActionForm):
    action = "assign"
    assignee = PersonChoiceField(queryset=None, help_text="The reviewer who will check it.")
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_people()

    def apply(self, claim: Claim, actor) -> Claim:
        data = self.cleaned_data
        return workflow.assign(
            claim, actor=actor, assignee=data["assignee"], comment=data["comment"]
        )


class RequestChangesForm(ClaimActionForm):
    action = "request_changes"
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the reviewer should fix; they see it in the claim's history.",
    )

    def apply(self, claim: Claim, actor) -> Claim:
        return workflow.request_changes(claim, actor=actor, comment=self.cleaned_data["comment"])


class RetractForm(ClaimActionForm):
    action = "retract"
    submit_label = "Retract publicly"
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Public: shown on the claim page instead of the verdict.",
    )

    def apply(self, claim: Claim, actor) -> Claim:
        return workflow.retract(claim, actor=actor, note=self.cleaned_data["note"])


class CorrectForm(ClaimActionForm):
    """A published verdict changes only with a public correction note."""

    action = "correct"
    submit_label = "Publish the correction"
    rating = forms.ModelChoiceField(queryset=Rating.objects.all())
    summary = forms.CharField(
        max_length=300, widget=forms.TextInput(attrs={"class": "vLargeTextField wide-input"})
    )
    body = forms.CharField(required=False, widget=MarkdownTextarea())
    note = forms.CharField(
        label="Correction note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Public: what changed and why. Shown on the claim page and in the feeds.",
    )

    def __init__(self, *args, claim: Claim | None = None, **kwargs):
        verdict = getattr(claim, "verdict", None)
        if verdict is not None:
            kwargs.setdefault(
                "initial",
                {"rating": verdict.rating, "summary": verdict.summary, "body": verdict.body},
            )
        super().__init__(*args, claim=claim, **kwargs)

    def apply(self, claim: Claim, actor) -> Claim:
        data = self.cleaned_data
        return workflow.correct(
            claim,
            actor=actor,
            note=data["note"],
            rating=data["rating"],
            summary=data["summary"],
            body=data["body"],
        )


TRANSITION_FORMS = {
    form.action: form
    for form in [
        TriageForm,
        DismissForm,
        AssignForm,
        SubmitForm,
        RequestChangesForm,
        PublishForm,
        CorrectForm,
        RetractForm,
    ]
}
# Transitions whose button acts at once; the others open a page asking for what they need (and
# publishing one to confirm, and when).
ONE_CLICK_ACTIONS = {"triage", "submit"}
