"""The edit lock that claims and links share: an edit based on an older version than the
record's is refused, naming who changed it meanwhile (ADR 0004)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from claims.models import Claim, ClaimLink
from project.errors import Conflict


def refuse_stale(
    record: Claim | ClaimLink,
    version: int | None,
    *,
    missing: str,
    stale: str,
    current: dict,
) -> None:
    """Refuse with `Conflict` an edit of `record` (as just read) based on `version` when the
    record is at another: the conflict names who changed it and carries `current`.

    `missing` is the whole sentence for an edit that sent no version; `stale` the whole
    sentence for a stale one, naming `%(editor)s`, `%(now)s` (the record's version) and
    `%(yours)s`."""
    if version is None:
        raise ValidationError({"version": missing}, code="required")
    if record.version == version:
        return
    who = record.history.select_related("history_user").first()
    editor = who.history_user.get_username() if who and who.history_user else _("Someone")
    raise Conflict(
        stale % {"editor": editor, "now": record.version, "yours": version},
        code="stale_version",
        current={"version": record.version, "changed_by": editor, **current},
    )
