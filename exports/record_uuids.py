"""The uuids of a claim-set file's claims and links, read as the file is checked
(`exports.validation`): each is the record's identity wherever it is (`records.Role.IDENTITY`),
which a restore keeps, so one uuid may name one record of the file only. Whether a uuid is
already taken here is the restore's to say (`exports.restore_rows.uuids_already_here`)."""

import re
import uuid

from exports.claim_set_file import Problems
from exports.claim_set_scratch import Scratch

#: A UUID as the exports write it: 32 hex digits in groups of 8-4-4-4-12 (either case is read).
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_EXAMPLE = "3f2b8c1e-5d4a-4e6b-9c7d-0a1b2c3d4e5f"


def check_uuid(record: dict, scratch: Scratch, problems: Problems) -> None:
    """Check the uuid of a claim or a link, kept in lowercase; one is drawn for a record of a
    file written before records carried one (the restore then gives it a new identity)."""
    where, given = record["_where"], record.get("uuid")
    if given is None:
        record["uuid"] = str(uuid.uuid4())
        return
    if not _UUID.fullmatch(given):
        shown = given if len(given) <= 60 else given[:59] + "…"
        problems.add(where, f"“uuid” must be a UUID such as {_EXAMPLE}, not “{shown}”.")
        return
    record["uuid"] = given.lower()
    earlier = scratch.add_uuid(record["uuid"], where)
    if earlier is not None:
        problems.add(
            where,
            f"the uuid {record['uuid']} is also the uuid of {earlier}; a uuid names one claim "
            "or link.",
        )
