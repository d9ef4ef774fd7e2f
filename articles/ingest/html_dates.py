"""The publication date a web page declares for itself, read as written.

trafilatura's date finder (htmldate) guesses with rules of its own that cost evidence: it takes
no date before 1995, none after "today" on the server's clock (a page published minutes ago in
a zone ahead of UTC, whose own date is already tomorrow, became 1 January of the year), and it
"repairs" an impossible date into another one (2023-02-29 became 2023-02-01, 2023-13-01 became
2023-01-13). A page's own declaration is taken first, here: its date as the page writes it,
in the page's own offset, or none at all if that date does not exist.
"""

import datetime
import json
import re
from collections.abc import Iterator

#: `<meta>` names and properties that declare when the article was published, most specific
#: first (Open Graph, schema.org microdata, Dublin Core, common CMS names).
_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "publish-date",
    "publication_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")
#: How much of a JSON-LD block is read: a page's metadata, not its whole text.
_JSON_LD_LIMIT = 200_000


def declared_date(tree) -> tuple[bool, datetime.date | None]:
    """(whether the page declares its publication date, that date): the first of its `<meta>`
    declarations, its JSON-LD `datePublished`, or a `<time>` marked as the publication's. The
    date is the one written, in the page's own time zone; None where the page declares a date
    that does not exist (nothing is guessed in its place)."""
    for value in _declarations(tree):
        match = _ISO_DAY.match(value)
        if match is None:
            continue
        year, month, day = (int(part) for part in match.groups())
        try:
            return True, datetime.date(year, month, day)
        except ValueError:
            return True, None
    return False, None


def _declarations(tree) -> Iterator[str]:
    """What the page says of its publication, most specific first."""
    by_name = {}
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _META_NAMES and name not in by_name and meta.get("content"):
            by_name[name] = meta.get("content")
    yield from (by_name[name] for name in _META_NAMES if name in by_name)
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            yield from _json_ld_dates(script.text or "")
    for time in tree.iter("time"):
        published = time.get("itemprop", "").lower() == "datepublished"
        if (published or time.get("pubdate") is not None) and time.get("datetime"):
            yield time.get("datetime")


def _json_ld_dates(text: str) -> Iterator[str]:
    """The `datePublished` of a JSON-LD block's objects: itself, a list of them, an `@graph`
    (a list, or one object). A block that cannot be read (broken, nested past what the parser
    takes) says nothing: the date is the page's metadata, never a reason to refuse the page."""
    try:
        data = json.loads(text[:_JSON_LD_LIMIT])
    except (ValueError, RecursionError):
        return
    for item in data if isinstance(data, list) else [data]:
        if not isinstance(item, dict):
            continue
        graph = item.get("@graph")
        for entry in [item, *(graph if isinstance(graph, list) else [graph])]:
            if isinstance(entry, dict) and isinstance(entry.get("datePublished"), str):
                yield entry["datePublished"]
