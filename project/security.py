"""Where browsers report what the Content-Security-Policy blocked: each report is logged as a
warning (an attack, or a page of ours that broke the policy)."""

import json
import logging
import unicodedata

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("corroborate.csp")

#: The most of a report that is read: a real one is a few hundred bytes.
MAX_REPORT_BYTES = 8 * 1024
#: Unicode categories written as escapes in the log: controls (line feed, carriage return, …),
#: line and paragraph separators, format characters (bidirectional overrides) and the rest.
UNPRINTABLE = frozenset({"Cc", "Zl", "Zp", "Cf", "Cs", "Co", "Cn"})


@csrf_exempt  # browsers send reports without a token, logged in or not
@login_not_required
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    body = request.read(MAX_REPORT_BYTES + 1)
    try:
        report = json.loads(body[:MAX_REPORT_BYTES]).get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    logger.warning(
        "Content-Security-Policy blocked %s on %s (%s)",
        _loggable(report.get("blocked-uri", "?"), 200),
        _loggable(report.get("document-uri", "?"), 200),
        _loggable(report.get("violated-directive", "?"), 100),
    )
    return HttpResponse(status=204)


def _loggable(value: object, limit: int) -> str:
    """A reported value as one line of the log: cut to `limit` characters, every control or
    line-breaking character written as its escape. Anyone may post a report, logged in or not,
    and a line break in it would otherwise start a line of the log of their own writing (a
    forged "lockout lifted", say) where admins look for the real ones."""
    text = str(value)[:limit]
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if unicodedata.category(character) in UNPRINTABLE
        else character
        for character in text
    )
