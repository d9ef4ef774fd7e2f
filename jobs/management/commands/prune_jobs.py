import datetime

from django.core.management.base import BaseCommand, CommandError

from jobs.services import jobs_prune

#: The longest age asked for: a hundred years (Python's dates stop at the year 9999).
MOST_DAYS = 36_500


class Command(BaseCommand):
    help = (
        "Delete the finished jobs (succeeded, failed, cancelled) that finished more than DAYS "
        "days ago, with their files (uploads kept for them, files they made) in whatever storage "
        "holds them. Queued and running jobs are kept. The task queue's own rows are pruned by "
        "prune_db_task_results."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="Finished more than this many days ago (0: every finished job).",
        )

    def handle(self, *args, older_than: int, **options):
        if not 0 <= older_than <= MOST_DAYS:
            raise CommandError(f"--older-than is a number of days, from 0 to {MOST_DAYS:,}.")
        deleted = jobs_prune(older_than=datetime.timedelta(days=older_than))
        self.stdout.write(f"Deleted {deleted} finished jobs and their files.")
