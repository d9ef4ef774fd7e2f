"""The `Idempotency-Key` request header of a claim's creation (`claims_create_once`): a client
sends a new key with each new claim, and the same key when it sends that request again because
its answer was lost."""

import re

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

HEADER = "Idempotency-Key"
#: Answered `true` when the claims are the ones recorded by an earlier copy of the request.
REPLAYED = "Idempotent-Replayed"
#: A UUID, or any token of these characters (the quotes of a structured-field string are
#: taken off).
_KEY = re.compile(r"[A-Za-z0-9_.:~-]{1,100}")


def request_key(request: Request) -> str | None:
    """The request's key, or None without one; a 400 for a key that is not one."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip().removeprefix('"').removesuffix('"')
    if not _KEY.fullmatch(key):
        raise ValidationError(
            {
                HEADER: _(
                    "Send a key of 1 to 100 letters, digits and _ . : ~ - (a UUID will do), new "
                    "for each new claim, the same when the request is sent again."
                )
            }
        )
    return key


def replayed_headers(recorded_now: bool) -> dict[str, str]:
    return {} if recorded_now else {REPLAYED: "true"}
