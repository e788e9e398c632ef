"""The admin's "Add article" form: pasted text, an uploaded page or a URL to fetch, plus what we
know about the article."""

from functools import partial

from django import forms
from django.conf import settings
from django.contrib.admin import widgets
from django.template.defaultfilters import filesizeformat

from articles.models import Article
from claims.ingest import IngestError, IngestResult, ingest_bytes, ingest_text, ingest_url
from sources.models import Source

UPLOAD_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


class ArticleIngestForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90, "spellcheck": "false"}),
        help_text="Paste the article as published. Wrapped lines, hyphens at line ends, "
        "“Related article” teasers, bare links and credit lines are handled.",
    )
    page = forms.FileField(
        label="…or an HTML page",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
        help_text="A saved web page (.html) or a text file (.txt). The article's text, headline, "
        "author, date and site name are read from the page.",
    )
    title = forms.CharField(
        required=False,
        max_length=Article._meta.get_field("title").max_length,
        help_text="Leave empty to take the page's headline.",
    )
    url = forms.URLField(
        label="URL",
        required=False,
        assume_scheme="https",
        max_length=Article._meta.get_field("url").max_length,
        help_text="Where the article was published. Give only this to fetch the page from the "
        "web (public http and https addresses).",
    )
    publisher = forms.ModelChoiceField(
        Source.objects.all(),
        required=False,
        help_text="The outlet; an uploaded page names its own when this is empty.",
    )
    published_at = forms.SplitDateTimeField(
        label="Published", required=False, widget=widgets.AdminSplitDateTime
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "page"
        ].help_text += f" Up to {filesizeformat(settings.VERACITY_MAX_PAGE_BYTES)}."
        publisher = self.fields["publisher"]
        publisher.widget = widgets.AutocompleteSelect(
            Article._meta.get_field("publisher"), admin_site, choices=publisher.choices
        )

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page is None:
            return None
        if not page.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError("Choose an .html or .txt file.")
        limit = settings.VERACITY_MAX_PAGE_BYTES
        if page.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(page.size)}; the limit is {filesizeformat(limit)}."
            )
        return page

    def clean(self):
        cleaned = super().clean()
        has_text = bool(cleaned.get("text", "").strip())
        has_page = bool(cleaned.get("page")) or "page" in self.errors
        if has_text and has_page:
            raise forms.ValidationError("Paste text or choose a file, not both.")
        if not (has_text or has_page or cleaned.get("url") or "url" in self.errors):
            self.add_error(
                "text",
                "Paste the article's text, choose an HTML page, or give its URL to fetch it.",
            )
        return cleaned

    def save(self, *, user) -> IngestResult | None:
        """Store the article from the text, the file or else the URL; on an ingestion error,
        attach it to the field it concerns."""
        data = self.cleaned_data
        meta = {
            "title": data["title"],
            "publisher": data["publisher"],
            "published_at": data["published_at"],
            "user": user,
        }
        field, ingest = self._source(data)
        try:
            return ingest(**meta)
        except IngestError as error:
            self.add_error(field, str(error))
            return None

    @staticmethod
    def _source(data):
        """The field the article comes from, and how to ingest it."""
        if data["page"]:
            page = data["page"]
            return "page", partial(ingest_bytes, page.read(), filename=page.name, url=data["url"])
        if data["text"].strip():
            return "text", partial(ingest_text, data["text"], url=data["url"])
        return "url", partial(ingest_url, data["url"])
