from django import forms

from tips.models import Tip


class TipForm(forms.ModelForm):
    """The reader's form; ``website`` is a honeypot: people never see it, bots fill it in."""

    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Tip
        fields = ["text", "where_seen", "url", "email"]
        labels = {
            "text": "What should we check?",
            "where_seen": "Where did you see or hear it?",
            "url": "Link (optional)",
            "email": "Your email (optional)",
        }
        help_texts = {
            "text": "Quote the claim as exactly as you can (up to 2,000 characters).",
            "where_seen": "A newspaper, a broadcast, a post, a speech…",
            "email": "Only to tell you when we publish a fact check of it; never shared.",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ErrorReportForm(TipForm):
    class Meta(TipForm.Meta):
        labels = {**TipForm.Meta.labels, "text": "What is wrong in this fact check?"}
        help_texts = {
            **TipForm.Meta.help_texts,
            "text": "Say what is wrong and, if you can, what shows it (up to 2,000 characters).",
            "email": "Only to answer you about this report; never shared.",
        }
