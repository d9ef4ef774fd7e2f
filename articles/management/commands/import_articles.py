"""`python manage.py import_articles PATH... [--outlet NAME] [--user NAME] [--dry-run]`"""

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles import ingest, selectors, services
from articles.ingest.normalize import content_sha256
from articles.ingest.title import title_and_text
from project import roles
from project.errors import Conflict
from sources.models import Source, SourceKind
from sources.services import source_get_or_create, source_named

IMPORTED, DUPLICATE, FAILED = "imported", "duplicate", "failed"


@dataclass(frozen=True)
class Outcome:
    path: str
    result: str
    detail: str


class Command(BaseCommand):
    help = (
        "Import articles from files and folders (folders are searched recursively, hidden "
        "files skipped): .txt, .md, .html, .pdf and .docx. Prints a summary; the exit status "
        "is 1 when any file failed. Text already stored counts as a duplicate, not a failure."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--outlet", help="Media outlet of every article (created if there is none yet)."
        )
        parser.add_argument(
            "--user", help="Username recorded as the uploader (default: the first superuser)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check every file; store nothing."
        )

    def handle(self, *args, paths, outlet, user, dry_run, verbosity, **options):
        uploader = self._uploader(user)
        files = self._files(paths)
        outlet_source = self._outlet(outlet, uploader, dry_run)
        seen: dict[str, str] = {}  # text fingerprints of this dry run, for duplicates within it
        outcomes = []
        # tqdm writes carriage returns straight to the terminal; OutputWrapper would add newlines.
        progress = tqdm(files, desc="Importing", unit="file", file=self.stderr._out, disable=None)
        for path, shown in progress:
            if dry_run:
                outcomes.append(self._check(path, shown, seen))
            else:
                outcomes.append(self._import(path, shown, uploader, outlet_source))
        self._summary(outcomes, dry_run=dry_run, verbosity=verbosity)
        failed = sum(outcome.result == FAILED for outcome in outcomes)
        if failed:
            raise CommandError(f"{failed} of {len(outcomes)} files failed: see above.")

    def _uploader(self, username: str | None):
        users = get_user_model().objects.filter(is_active=True)
        if username is not None:
            uploader = users.filter(username=username).first()
            if uploader is None:
                raise CommandError(f"There is no active user named “{username}”.")
        else:
            uploader = users.filter(is_superuser=True).order_by("pk").first()
            if uploader is None:
                raise CommandError("Name the uploader with --user: there is no superuser.")
        if not roles.can_add_article(uploader):
            raise CommandError(
                f"“{uploader.get_username()}” may not add articles: only analysts, reviewers "
                "and admins may."
            )
        return uploader

    def _files(self, paths: list[Path]) -> list[tuple[Path, str]]:
        """Every file to import, with the name the summary shows for it."""
        files = []
        for root in paths:
            if root.is_file():
                files.append((root, str(root)))
            elif root.is_dir():
                for folder, subfolders, names in os.walk(root):
                    subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
                    files.extend(
                        (Path(folder, name), str(Path(folder, name)))
                        for name in sorted(names)
                        if not name.startswith(".")
                    )
            else:
                raise CommandError(f"There is no file or folder at {root}.")
        return files

    def _outlet(self, name: str | None, uploader, dry_run: bool) -> Source | None:
        if not name:
            return None
        if dry_run:
            outlet = source_named(name)
            if outlet is None:
                self.stdout.write(f"The outlet “{name}” would be created.")
        else:
            try:
                outlet, created = source_get_or_create(
                    name=name, user=uploader, kind=SourceKind.MEDIA_OUTLET
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            if created:
                self.stdout.write(f"Created the media outlet “{outlet.name}”.")
        if not services.outlet_allowed(outlet):
            raise CommandError(
                f"“{outlet.name}” is a source of kind {outlet.get_kind_display().lower()}, "
                "not a media outlet."
            )
        return outlet

    def _import(self, path: Path, shown: str, uploader, outlet: Source | None) -> Outcome:
        try:
            with path.open("rb") as handle:
                article = services.article_ingest(
                    file=File(handle, name=path.name),
                    filename=path.name,
                    uploaded_by=uploader,
                    outlet=outlet,
                )
        except Conflict as conflict:
            return Outcome(shown, DUPLICATE, self._same_text(conflict.current))
        except ValidationError as error:
            return Outcome(shown, FAILED, " ".join(error.messages))
        except OSError as error:
            return Outcome(shown, FAILED, f"The file cannot be read: {error.strerror}.")
        return Outcome(shown, IMPORTED, f"article {article.pk} “{article.title}”")

    def _check(self, path: Path, shown: str, seen: dict[str, str]) -> Outcome:
        """What importing the file would do, without storing anything."""
        try:
            ingest.check_format(path.name)
            with path.open("rb") as handle:
                data = ingest.read_limited(File(handle, name=path.name))
            extraction = ingest.extract(filename=path.name, data=data)
        except ValidationError as error:
            return Outcome(shown, FAILED, " ".join(error.messages))
        except OSError as error:
            return Outcome(shown, FAILED, f"The file cannot be read: {error.strerror}.")
        title, text = title_and_text(extraction.text, extraction.title)
        existing = selectors.article_with_text(text)
        if existing is not None:
            return Outcome(shown, DUPLICATE, self._same_text(existing))
        fingerprint = content_sha256(text)
        if fingerprint in seen:
            return Outcome(shown, DUPLICATE, f"same text as {seen[fingerprint]}")
        seen[fingerprint] = shown
        return Outcome(shown, IMPORTED, f"would be imported as “{title}”")

    @staticmethod
    def _same_text(existing) -> str:
        if isinstance(existing, dict):
            return f"same text as article {existing['id']} “{existing['title']}”"
        return f"same text as article {existing.pk} “{existing.title}”"

    def _summary(self, outcomes: list[Outcome], *, dry_run: bool, verbosity: int) -> None:
        shown = [o for o in outcomes if verbosity >= 2 or o.result != IMPORTED]
        if shown:
            width = max(len(o.path) for o in shown)
            self.stdout.write(f"{'File'.ljust(width)}  {'Result'.ljust(9)}  Detail")
            for outcome in shown:
                style = {FAILED: self.style.ERROR, DUPLICATE: self.style.WARNING}.get(
                    outcome.result, self.style.SUCCESS
                )
                self.stdout.write(
                    f"{outcome.path.ljust(width)}  {style(outcome.result.ljust(9))}  "
                    f"{outcome.detail}"
                )
            self.stdout.write("")
        counts = Counter(outcome.result for outcome in outcomes)
        imported_label = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{imported_label:<13}{counts[IMPORTED]:>6}")
        self.stdout.write(f"{'Duplicates':<13}{counts[DUPLICATE]:>6}")
        self.stdout.write(f"{'Failed':<13}{counts[FAILED]:>6}")
        self.stdout.write(f"{'Files':<13}{len(outcomes):>6}")
        if dry_run:
            self.stdout.write("Dry run: nothing was stored.")
