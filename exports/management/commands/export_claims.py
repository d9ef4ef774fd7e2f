import contextlib
import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from tqdm import tqdm

from claims.filters import EVERY_STATUS
from claims.models import ClaimStatus
from exports.export import claim_set_export
from exports.forms import ExportForm
from exports.models import ExportChannel, ExportFormat

ANY_STATUS = "any"


class Command(BaseCommand):
    help = (
        "Export a claim set (approved claims unless --status says otherwise) to a file, with a "
        "progress bar on stderr. The export is recorded like one made on the web."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=ExportFormat.values)
        parser.add_argument(
            "--status",
            choices=[*ClaimStatus.values, ANY_STATUS, EVERY_STATUS],
            default=ClaimStatus.APPROVED,
            help=f"Claims of this status (default approved; “{EVERY_STATUS}” or “{ANY_STATUS}” "
            "for every status, as the API's status=all).",
        )
        parser.add_argument("--tag", help="Only claims with this tag.")
        parser.add_argument(
            "--bom", action="store_true", help="CSV only: start with a UTF-8 byte order mark."
        )
        parser.add_argument(
            "-o", "--output", required=True, help="The file to write (“-” for standard output)."
        )

    def handle(
        self, *args, format: str, status: str, tag: str | None, bom: bool, output: str, **options
    ):
        query = QueryDict(mutable=True)
        every = status in (ANY_STATUS, EVERY_STATUS)
        query.update({"format": format, "status": "" if every else status})
        if tag:
            query["tag"] = tag
        if bom:
            query["bom"] = "1"
        form = ExportForm(query)
        if not form.is_valid():
            raise CommandError(
                "; ".join(
                    f"{name}: {' '.join(messages)}" for name, messages in form.problems.items()
                )
            )
        claims = form.claim_filter.qs
        with tqdm(total=claims.count(), unit=" claims", file=sys.stderr, disable=None) as bar:
            export = claim_set_export(
                claims=claims,
                format=format,
                filters=form.filters,
                user=None,
                via=ExportChannel.COMMAND,
                bom=bom,
                on_progress=bar.update,
            )
            if output == "-":
                for content in export:
                    sys.stdout.buffer.write(content)
                sys.stdout.buffer.flush()
            else:
                _write(export, output)
        record = export.record
        if record is None:
            # The export failed part-way: the stream ended with a line saying the file is cut
            # short, and nothing was recorded (`ClaimSetExport`).
            where = (
                "the output ends with a line saying it is cut short"
                if output == "-"
                else (f"nothing was written to {output}")
            )
            raise CommandError(f"The export failed part-way (the log says why); {where}.")
        report = self.stderr if output == "-" else self.stdout
        report.write(
            self.style.SUCCESS(
                f"Exported {record.claim_count} claims ({record.filter_description}) as "
                f"{record.get_format_display()}: {record.size} bytes, SHA-256 {record.sha256}, "
                f"export id {record.pk}."
            )
        )


def _write(export, output: str) -> None:
    """The export into `output`, whole or not at all: written beside it first, put in its place
    once complete, and a one-line refusal when it cannot be (no such folder, no right to write,
    a full disk) rather than a traceback and a cut-off file under the name asked for."""
    # A device or a pipe (/dev/stdout, a FIFO) is written as it is: only a file can be replaced.
    special = os.path.exists(output) and not os.path.isfile(output)
    part = output if special else f"{output}.part"
    try:
        with open(part, "wb") as file:
            for content in export:
                file.write(content)
        if export.record is None:  # failed part-way: the file is cut short
            if not special:
                os.remove(part)
            return
        if not special:
            os.replace(part, output)
    except OSError as error:
        if not special:
            with contextlib.suppress(OSError):
                os.remove(part)
        raise CommandError(f"Cannot write {output}: {error.strerror or error}.") from None
