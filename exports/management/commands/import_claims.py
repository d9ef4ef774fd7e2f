import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from exports.restore import claim_set_import
from exports.validation import ClaimSetRefused


class Command(BaseCommand):
    help = (
        "Import a JSON claim-set export: all of it in one transaction, or nothing. A file with "
        "problems is refused, listing them, and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A JSON export (format=json).")
        parser.add_argument(
            "--user",
            help="Username of the staff member the history should name as importer "
            "(default: nobody; the history still says the import_claims command did it).",
        )

    def handle(self, *args, file: Path, user: str | None, **options):
        importer = None
        if user:
            importer = get_user_model()._default_manager.filter(username=user).first()
            if importer is None:
                raise CommandError(f"There is no user “{user}”.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        with tqdm(unit=" claims and links", file=sys.stderr, disable=None) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done)

            try:
                summary = claim_set_import(content=content, user=importer, on_progress=progress)
            except ClaimSetRefused as refused:
                bar.close()
                for problem in refused.problems:
                    self.stderr.write(f"- {problem}")
                count = len(refused.problems)
                raise CommandError(
                    f"{file} was not imported (problems above: {count}); nothing was changed."
                ) from None
        # "kind: count" pairs rather than "1 users": a count beside a label reads right in
        # every number and language.
        created = ", ".join(f"{kind}: {count}" for kind, count in summary.created.items())
        matched = ", ".join(f"{kind}: {count}" for kind, count in summary.matched.items())
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(file)s. Created: %(created)s.") % {"file": file, "created": created}
            )
        )
        self.stdout.write(
            _("Already here and left as they were: %(matched)s.") % {"matched": matched}
        )
        for note in summary.notes:
            self.stdout.write(f"Note: {note}")
