"""Read a rendered HTML form the way a browser would submit it, so admin tests post exactly what
a person's browser posts (hidden version fields, inline management forms and all)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._multiple = False
        self._first_option: dict[str, str] = {}

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._add(self._textarea, "")
        elif tag == "select":
            self._select = attrs["name"]
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            self._first_option.setdefault(self._select, value)
            if "selected" in attrs:
                self._add(self._select, value)

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea:
            # Django writes a newline after <textarea>, which browsers drop.
            values = self.data[self._textarea]
            values[-1] = values[-1].removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select:
            # A single select with nothing selected submits its first option, like a browser.
            first = self._first_option.get(self._select)
            if self._select not in self.data and first is not None and not self._multiple:
                self._add(self._select, first)
            self._select = None


def form_data(html: str, form_id: str) -> dict[str, list[str]]:
    """The fields the form with ``form_id`` would submit, as Django's test client accepts them."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data
