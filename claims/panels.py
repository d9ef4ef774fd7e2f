"""Sections that the apps above claims add to claims' pages, which know nothing of them.

An upper app appends a function to a list here in its `AppConfig.ready()`; the page calls each
and shows what it returns (HTML rendered from the app's own template) in a fixed place:

- `BOARD_SECTIONS`: `section(request)`, on the contradiction board above the pairs;
- `DASHBOARD_SECTIONS`: `section(request)`, on the dashboard under the counts;
- `READING_SECTIONS`: `section(request, article)`, on the reading view under the article's details;
- `CLAIM_SECTIONS`: `section(request, claim)`, on a claim's page under its review.

A section answers "" when it has nothing to show.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

BOARD_SECTIONS: list[Callable[[HttpRequest], SafeString]] = []
DASHBOARD_SECTIONS: list[Callable[[HttpRequest], SafeString]] = []
READING_SECTIONS: list[Callable[..., SafeString]] = []
CLAIM_SECTIONS: list[Callable[..., SafeString]] = []


def render_sections(sections: list[Callable[..., SafeString]], *args) -> list[SafeString]:
    """What each registered section shows, those with something to show."""
    return [html for html in (section(*args) for section in sections) if html]
