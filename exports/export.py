"""Taking a claim set out: the export stream, and the record every finished export leaves.

Views, the API and the `export_claims` command call `claim_set_export`; they never see a
request.
"""

import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from claims.models import Claim
from exports.formats import ExportMetadata, Pieces
from exports.formats.csv_table import csv_pieces
from exports.formats.json_document import json_pieces
from exports.formats.json_lines import jsonl_pieces
from exports.formats.web_annotation import jsonld_pieces
from exports.models import ExportChannel, ExportFormat, ExportRecord
from exports.selectors import ClaimSetQuery
from project import roles
from project.snapshot import read_snapshot

User = AbstractBaseUser
Progress = Callable[[int], None]

logger = logging.getLogger(__name__)

#: What the last line of an export that failed part-way says, for a reader to detect.
INCOMPLETE_MARKER = "CORROBORATE EXPORT INCOMPLETE"

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSON: "application/json",
    ExportFormat.JSONL: "application/jsonl",
    ExportFormat.JSONLD: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
}
EXTENSIONS = {
    ExportFormat.CSV: "csv",
    ExportFormat.JSON: "json",
    ExportFormat.JSONL: "jsonl",
    ExportFormat.JSONLD: "jsonld",
}


def export_record_create(
    *,
    metadata: ExportMetadata,
    exported_by: User | None,
    claim_count: int,
    size: int,
    sha256: str,
    bom: bool = False,
) -> ExportRecord:
    """Record a finished export under the id and time written into it."""
    record = ExportRecord(
        id=metadata.id,
        exported_by=exported_by,
        via=metadata.via,
        format=metadata.format,
        filters=metadata.filters,
        bom=bom,
        claim_count=claim_count,
        size=size,
        sha256=sha256,
        exported_at=metadata.exported_at,
    )
    # Every value was produced here; the database checks its constraints on insert, so asking
    # it first (a query per constraint) would add nothing.
    record.full_clean(exclude=["exported_by"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        record.save(force_insert=True)
    return record


def check_streamable(claims: QuerySet[Claim]) -> None:
    """Refuse to stream an export of more than `EXPORT_STREAM_MAX_CLAIMS` claims: it would
    outlive the request's time limit and be cut off mid-file. The export job writes any size.
    Counts at most one claim past the limit."""
    limit = settings.EXPORT_STREAM_MAX_CLAIMS
    if limit and claims.order_by().values("pk")[: limit + 1].count() > limit:
        raise ValidationError(
            {
                "claims": (
                    f"This export holds more than {limit:,} claims: too many to download at "
                    "once. Prepare it as a file in the background (the same filter and format), "
                    "and download it when it is ready; or narrow the filter."
                )
            },
            code="too_large",
        )


def incomplete_marker(format: str, error: Exception) -> bytes:
    """The last bytes of an export that failed part-way: a line holding `INCOMPLETE_MARKER`
    (a JSON object with an "error" key in JSON Lines), after which the file stops; the JSON
    formats are left unterminated, so they do not parse either."""
    message = (
        f"{INCOMPLETE_MARKER}: the export failed part-way ({type(error).__name__}) and this file "
        "is cut short. Export again; if it fails again, tell an admin the export id."
    )
    if format == ExportFormat.JSONL:
        return json.dumps({"error": message}).encode() + b"\n"
    return f"\n{message}\n".encode()


class _PartWay(Exception):
    """An export's read or writer failed after its first bytes were sent (the cause)."""


@dataclass
class ClaimSetExport:
    """An export on its way out: iterate over it for the bytes of the file.

    It reads the claims a chunk at a time while it is iterated, so memory stays flat whatever the
    number of claims, and every read sees the database as it was at the first
    (`project.snapshot.read_snapshot`): what the team writes meanwhile is in the next export,
    never half in this one. The SHA-256, the size and the number of claims are computed over the
    bytes as they are produced; when the last byte has been produced the `ExportRecord` is saved
    (and set on `record`). If iteration stops early (a client that goes away), nothing is
    recorded.
    """

    query: ClaimSetQuery
    metadata: ExportMetadata
    exported_by: User | None
    bom: bool = False
    on_progress: Progress | None = None
    record: ExportRecord | None = field(default=None, init=False)
    _stream: Generator[bytes, None, None] | None = field(default=None, init=False, repr=False)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.metadata.format]

    @property
    def filename(self) -> str:
        extension = EXTENSIONS[self.metadata.format]
        return f"corroborate-claims-{self.metadata.exported_at:%Y%m%d-%H%M%S}.{extension}"

    @property
    def headers(self) -> dict[str, str]:
        """Response headers: the file name, and the export metadata (for CSV and JSON Lines,
        which have no place for it inside the file; the JSON formats carry it in the file too)."""
        return {
            "Content-Type": self.content_type,
            "Content-Disposition": f'attachment; filename="{self.filename}"',
            "X-Corroborate-Export-Id": str(self.metadata.id),
            "X-Corroborate-Exported-At": self.metadata.exported_at.isoformat(),
            "X-Corroborate-Exported-By": quote(self.metadata.exported_by or ""),
            "X-Corroborate-Export-Filters": urlencode(self.metadata.filters),
        }

    def _pieces(self) -> Pieces:
        if self.metadata.format == ExportFormat.CSV:
            return csv_pieces(self.query, bom=self.bom)
        if self.metadata.format == ExportFormat.JSONL:
            return jsonl_pieces(self.query)
        if self.metadata.format == ExportFormat.JSON:
            return json_pieces(self.query, self.metadata)
        return jsonld_pieces(self.query, self.metadata)

    def __iter__(self) -> Iterator[bytes]:
        self._stream = self._bytes()
        return self._stream

    def close(self) -> None:
        """Stop an export that was not read to its end (a client that went away; Django's
        streaming response calls this): its read transaction ends now, not whenever the
        garbage collector finds the generator."""
        if self._stream is not None:
            self._stream.close()

    def _bytes(self) -> Generator[bytes, None, None]:
        digest, size, claim_count = hashlib.sha256(), 0, 0
        try:
            with read_snapshot():
                pieces = self._pieces()
                while True:
                    try:
                        content, claims = next(pieces)
                    except StopIteration:
                        break
                    except Exception as error:
                        raise _PartWay from error  # out of the snapshot's transaction
                    digest.update(content)
                    size += len(content)
                    claim_count += claims
                    if claims and self.on_progress is not None:
                        self.on_progress(claims)
                    yield content
        except _PartWay as failure:
            # The status line and part of the file are already on their way: end the file
            # with a marker a reader can detect rather than let it look complete.
            logger.exception("Export %s failed part-way", self.metadata.id)
            yield incomplete_marker(self.metadata.format, failure.__cause__)
            return
        self.record = export_record_create(
            metadata=self.metadata,
            exported_by=self.exported_by,
            claim_count=claim_count,
            size=size,
            sha256=digest.hexdigest(),
            bom=self.bom,
        )


def claim_set_export(
    *,
    claims: QuerySet[Claim],
    format: str,
    filters: dict[str, str],
    user: User | None,
    via: str,
    bom: bool = False,
    on_progress: Progress | None = None,
) -> ClaimSetExport:
    """Prepare the export of `claims` (already filtered by `filters`, which the file and the
    record repeat) in `format`. `user` is None only for the command line. Nothing is read until
    the result is iterated; see `ClaimSetExport`."""
    if format not in ExportFormat.values:
        raise ValidationError(
            {"format": f"Choose one of: {', '.join(ExportFormat.values)}."}, code="invalid_choice"
        )
    if via not in ExportChannel.values:
        raise ValidationError({"via": "Unknown export channel."}, code="invalid_choice")
    if user is not None and not roles.can_export_claims(user):
        raise PermissionDenied("Only analysts, reviewers and admins can export claims.")
    metadata = ExportMetadata(
        id=uuid.uuid4(),
        exported_at=timezone.now(),
        exported_by=user.get_username() if user is not None else None,
        via=via,
        format=format,
        filters=filters,
    )
    return ClaimSetExport(
        query=ClaimSetQuery(claims),
        metadata=metadata,
        exported_by=user,
        bom=bom and format == ExportFormat.CSV,
        on_progress=on_progress,
    )
