"""Where browsers report what the Content-Security-Policy blocked: each report is logged as a
warning (an attack, or a page of ours that broke the policy)."""

import json
import logging

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("corroborate.csp")

#: The most of a report that is read: a real one is a few hundred bytes.
MAX_REPORT_BYTES = 8 * 1024


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
        str(report.get("blocked-uri", "?"))[:200],
        str(report.get("document-uri", "?"))[:200],
        str(report.get("violated-directive", "?"))[:100],
    )
    return HttpResponse(status=204)
