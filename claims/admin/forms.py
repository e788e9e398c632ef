"""Forms of the claim admin: the edit forms that refuse stale saves, and one form per transition.

Each transition form knows which ``claims.workflow`` function it calls (``apply``); the admin
views only validate the form and report the outcome.
"""

from concurrency.forms import get_signer
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format

from claims import workflow
from claims.corrections import EvidenceEdit
from claims.models import (
    EXCERPT_MAX,
    NOTE_MAX,
    VERDICT_BODY_MAX,
    Action,
    Claim,
    ClaimStatus,
    Evidence,
    Rating,
    Stance,
    Verdict,
)
from claims.versions import newer_version_summary, person
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


class ClaimActionForm(forms.Form):
    """What one workflow action needs from the person; ``apply`` calls ``workflow.perform``.

    The form carries the claim's version the person read (``seen``): the workflow refuses,
    saying who changed what, if the claim or any part of it changed since."""

    action: Action
    seen = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, claim: Claim | None = None, seen=None, **kwargs):
        self.claim = claim
        super().__init__(*args, **kwargs)
        if claim is not None:
            self.fields["seen"].initial = seen if seen and str(seen).isdigit() else claim.version

    def done_message(self, claim: Claim) -> str:
        return f"Done. The claim is now {claim.get_status_display().lower()}."

    def arguments(self) -> dict:
        """What the person gave, named as the workflow function takes it."""
        return {name: value for name, value in self.cleaned_data.items() if name != "seen"}

    def apply(self, claim: Claim, actor) -> Claim:
        return workflow.perform(
            self.action, claim, actor=actor, seen=self.cleaned_data.get("seen"), **self.arguments()
        )


class TransitionForm(ClaimActionForm):
    """A transition that needs nothing but an optional comment for the history."""

    comment = forms.CharField(
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional; kept in the claim's history.",
    )


class TriageForm(TransitionForm):
    action = Action.TRIAGE


class SubmitForm(TransitionForm):
    action = Action.SUBMIT


class PublishForm(TransitionForm):
    """Approve the verdict: publish it now, or schedule it for a time."""

    action = Action.PUBLISH
    submit_label = "Approve and publish"
    publish_at = forms.DateTimeField(
        required=False,
        label="Publish at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=f"Leave empty to publish now; a time is read in {settings.TIME_ZONE} time.",
    )

    def done_message(self, claim: Claim) -> str:
        scheduled_for = Claim.objects.select_related("verdict").get(pk=claim.pk).scheduled_for
        if scheduled_for is None:
            return super().done_message(claim)
        when = date_format(timezone.localtime(scheduled_for), "DATETIME_FORMAT")
        return f"Approved. The fact check goes public on {when}."


class ApproveCorrectionForm(TransitionForm):
    action = Action.APPROVE_CORRECTION
    submit_label = "Approve and publish"


class WithdrawCorrectionForm(TransitionForm):
    action = Action.WITHDRAW_CORRECTION
    submit_label = "Withdraw the draft"


class DismissForm(ClaimActionForm):
    action = Action.DISMISS
    comment = forms.CharField(
        label="Reason",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why this is not worth checking (opinion, not checkable, duplicate…).",
    )


def assignable_people():
    """Reviewers and editors, each with their role and how many claims they are checking."""
    memberships = get_user_model().groups.through.objects.filter(user_id=OuterRef("pk"))
    return (
        get_user_model()
        .objects.filter(roles.staff_members_q())
        .annotate(
            in_progress=Count(
                "assigned_claims", filter=Q(assigned_claims__status=ClaimStatus.IN_PROGRESS)
            )
        )
        .annotate(reviewer=Exists(memberships.filter(group__name=roles.REVIEWER_GROUP)))
        .order_by("username")
    )


class PeopleByRole(forms.models.ModelChoiceIterator):
    """Reviewers first, then editors, each under its role's heading."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        by_role = {"Reviewers": [], "Editors": []}
        for user in self.queryset:
            by_role["Reviewers" if user.reviewer else "Editors"].append(self.choice(user))
        yield from ((role, people) for role, people in by_role.items() if people)


class PersonChoiceField(forms.ModelChoiceField):
    iterator = PeopleByRole

    def label_from_instance(self, obj):
        return f"{person(obj)} ({obj.get_username()}) · {obj.in_progress} in progress"


class AssignForm(ClaimActionForm):
    action = Action.ASSIGN
    assignee = PersonChoiceField(
        queryset=None, help_text="The person who will check it: usually a reviewer."
    )
    comment = forms.CharField(
        required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignable_people()


class RequestChangesForm(ClaimActionForm):
    action = Action.REQUEST_CHANGES
    comment = forms.CharField(
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the reviewer should fix; they see it in the claim's history.",
    )


class WaitsForApproval:
    """Drafting a correction or retraction publishes nothing yet: say so."""

    def done_message(self, claim: Claim) -> str:
        return (
            f"Sent for approval. Readers see the {self.kind_noun} once a second editor "
            "approves it; until then the published verdict stands."
        )


class RetractForm(WaitsForApproval, ClaimActionForm):
    action = Action.RETRACT
    kind_noun = "retraction"
    submit_label = "Propose the retraction"
    note = forms.CharField(
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Public once a second editor approves: shown on the claim page instead of "
        "the verdict.",
    )


class EvidenceEditForm(forms.Form):
    """One piece of evidence as the correction leaves it (blank extra rows add none)."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(required=False, max_length=500)
    url = forms.URLField(required=False, max_length=1000, assume_scheme="https")
    excerpt = forms.CharField(
        required=False, max_length=EXCERPT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    stance = forms.ChoiceField(choices=[("", "---------"), *Stance.choices], required=False)
    delete = forms.BooleanField(required=False, label="Remove")

    def edit(self) -> EvidenceEdit | None:
        """The change this row makes, or None when it makes none."""
        data = {name: value for name, value in self.cleaned_data.items() if value}
        if not data.get("id"):
            return EvidenceEdit(**data) if data.get("url") or data.get("excerpt") else None
        changed = {name for name in self.changed_data if name != "id"}
        return EvidenceEdit(**data) if changed else None


EvidenceEditFormSet = forms.formset_factory(EvidenceEditForm, extra=1)


def _evidence_initial(claim: Claim) -> list[dict]:
    return list(
        Evidence.objects.filter(claim=claim)
        .order_by("id")
        .values("id", "title", "url", "excerpt", "stance")
    )


class CorrectForm(WaitsForApproval, ClaimActionForm):
    """A change to a published verdict: drafted here, published once a second editor approves."""

    action = Action.CORRECT
    kind_noun = "correction"
    submit_label = "Send the correction for approval"
    rating = forms.ModelChoiceField(queryset=Rating.objects.all())
    summary = forms.CharField(
        max_length=300, widget=forms.TextInput(attrs={"class": "vLargeTextField wide-input"})
    )
    body = forms.CharField(required=False, max_length=VERDICT_BODY_MAX, widget=MarkdownTextarea())
    note = forms.CharField(
        label="Correction note",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Public: what changed and why. Shown on the claim page and in the feeds once "
        "a second editor approves.",
    )

    def __init__(self, data=None, *args, claim: Claim | None = None, seen=None, **kwargs):
        verdict = getattr(claim, "verdict", None)
        if verdict is not None:
            kwargs.setdefault(
                "initial",
                {"rating": verdict.rating, "summary": verdict.summary, "body": verdict.body},
            )
        super().__init__(data, *args, claim=claim, seen=seen, **kwargs)
        self.evidence = EvidenceEditFormSet(
            data, prefix="evidence", initial=_evidence_initial(claim) if claim else None
        )

    def is_valid(self):
        return super().is_valid() & self.evidence.is_valid()

    def arguments(self) -> dict:
        edits = [form.edit() for form in self.evidence.forms if form.has_changed()]
        return {**super().arguments(), "evidence": [edit for edit in edits if edit]}


class ClarifyForm(CorrectForm):
    """A wording fix that leaves the rating as it is; approved by a second editor all the same."""

    action = Action.CLARIFY
    kind_noun = "clarification"
    submit_label = "Send the clarification for approval"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["rating"]
        self.fields["note"].label = "Clarification note"


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
        ClarifyForm,
        RetractForm,
        ApproveCorrectionForm,
        WithdrawCorrectionForm,
    ]
}
# Transitions whose button acts at once; the others open a page asking for what they need (and
# publishing one to confirm, and when).
ONE_CLICK_ACTIONS = {Action.TRIAGE, Action.SUBMIT}
