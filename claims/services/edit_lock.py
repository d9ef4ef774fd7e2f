"""The edit lock that claims and links share: an edit based on an older version than the
record's is refused, naming who changed it meanwhile (ADR 0004)."""

from django.core.exceptions import ValidationError

from claims.models import Claim, ClaimLink
from project.errors import Conflict


def refuse_stale(
    record: Claim | ClaimLink, version: int | None, *, noun: str, verb: str, current: dict
) -> None:
    """Refuse with `Conflict` an edit of `record` (as just read) based on `version` when the
    record is at another: the conflict names who changed it and carries `current`."""
    if version is None:
        raise ValidationError(
            {"version": f"Send the version of the {noun} you edited."}, code="required"
        )
    if record.version == version:
        return
    who = record.history.select_related("history_user").first()
    editor = who.history_user.get_username() if who and who.history_user else "someone"
    raise Conflict(
        f"{editor} changed this {noun} after you opened it (now version {record.version}, "
        f"yours was {version}). Nothing was saved: review their changes and {verb} again.",
        code="stale_version",
        current={"version": record.version, "changed_by": editor, **current},
    )
