"""The dates and times of a claim-set file's records, read as the file is checked
(`exports.validation`): ISO 8601 with a time zone, between 1900 and now."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from exports.claim_set_file import Problems
from exports.records import RECORD_KINDS, RecordKind, Role

#: The keys of each kind that hold a date and time, parsed when the file is read.
MOMENTS = {
    kind.name: tuple(
        spec.key for spec in kind.fields if spec.role in (Role.MOMENT, Role.CREATED, Role.CHANGED)
    )
    for kind in RECORD_KINDS
}


def parsed(parser, value: str):
    """`parser(value)`, or None where the value is not a date (or, well formed, not a real one)."""
    try:
        return parser(value)
    except ValueError:
        return None


#: The earliest moment a record may carry: nothing in a claim set was made before it.
EARLIEST_MOMENT = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
#: How far past the server's clock a moment may lie (another machine's clock may run ahead).
CLOCK_SKEW = datetime.timedelta(days=1)


def _in_range(moment: datetime.datetime) -> bool:
    """Whether `moment` lies between 1900 and now (give or take a clock's skew) once in UTC:
    "0001-01-01T00:00:00+14:00" does not even have a UTC value Python can hold."""
    try:
        in_utc = moment.astimezone(datetime.UTC)
    except OverflowError:
        return False
    return EARLIEST_MOMENT <= in_utc <= timezone.now() + CLOCK_SKEW


def parse_dates(record: dict, kind: RecordKind, problems: Problems) -> None:
    """Each date and time of `record` parsed in place (None where refused, the problem noted)."""
    for key in MOMENTS[kind.name]:
        if record.get(key) is None:
            continue
        value = parsed(parse_datetime, record[key])
        if value is None or value.tzinfo is None:
            problems.add(
                record["_where"], f"“{key}” must be a date and time with a time zone (ISO 8601)."
            )
        elif not _in_range(value):
            problems.add(
                record["_where"],
                f"“{key}” is {record[key]}, outside the years 1900 to now: check the file.",
            )
            value = None
        record[key] = value


def settle_creation(record: dict, *later: str) -> None:
    """A record the file gives no creation time (the format allows it) is taken as made no later
    than the earliest of its `later` moments (its review, decision, last change): stamped with
    the import's own moment, it would read as reviewed before it was made, and this instance's
    next export would be refused by `check_sequence`. Reads the times `parse_dates` parsed."""
    if record.get("created_at") is None:
        known = [record[key] for key in later if record.get(key) is not None]
        if known:
            record["created_at"] = min(known)


def check_sequence(
    record: dict,
    problems: Problems,
    *,
    made: str,
    then: str,
    then_by: str | None = None,
    happened: bool = True,
) -> None:
    """Refuse a story that cannot have happened: `then` (a review, a decision) on a record whose
    status says it did not happen (`happened` False), or before the record was `made` (beyond
    the skew two machines' clocks may have). Reads the times `parse_dates` parsed."""
    where, first, later = record["_where"], record.get(made), record.get(then)
    if not happened and (later is not None or (then_by and record.get(then_by))):
        problems.add(where, f"“{then}” and “{then_by}” are for a {record['status']} record: none.")
    elif first is not None and later is not None and later < first - CLOCK_SKEW:
        problems.add(where, f"“{then}” ({later.isoformat()}) is before “{made}”.")
