"""The links and POST forms of a page's HTML, read as a browser would send them."""

from html.parser import HTMLParser


class PageParts(HTMLParser):
    """The links and the POST forms of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                self._form["fields"].setdefault(attrs["name"], None)
            elif kind not in {"submit", "button", "image", "file"}:
                self._form["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self._form["fields"].setdefault(self._select, None)
        elif tag == "option" and self._select:
            if self._form["fields"].get(self._select) is None or "selected" in attrs:
                self._form["fields"][self._select] = attrs.get("value", "")
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self._form["fields"][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def post_forms(html: str) -> list[dict]:
    """The page's POST forms: each `{"action": ..., "fields": {name: value}}`, the values as a
    browser sends them unchanged (hidden copies of initial values too)."""
    page = PageParts()
    page.feed(html)
    return page.forms
