"""`python manage.py rebuild_tallies [--check]`: recount the claim tallies from the claims
(ADR 0012), or with `--check` only say whether they are right (exit status 1 if not)."""

from django.core.management.base import BaseCommand, CommandError

from claims import tallies


class Command(BaseCommand):
    help = "Recount the tallies of live claims from the claims (or --check them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Only compare the tallies with a recount."
        )

    def handle(self, *args, check: bool = False, **options):
        wrong = tallies.differences()
        if check:
            if wrong:
                tables = ", ".join(sorted(wrong))
                raise CommandError(f"Tallies differ from a recount in {tables}.")
            self.stdout.write("The tallies match a recount of the claims.")
            return
        tallies.rebuild()
        fixed = f" ({', '.join(sorted(wrong))} were wrong)" if wrong else ""
        self.stdout.write(f"Tallies rebuilt from the claims{fixed}.")
