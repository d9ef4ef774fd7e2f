import datetime

from django.core.management.base import BaseCommand, CommandError

from jobs.services import jobs_prune


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
        if older_than < 0:
            raise CommandError("--older-than is a number of days, 0 or more.")
        deleted = jobs_prune(older_than=datetime.timedelta(days=older_than))
        self.stdout.write(f"Deleted {deleted} finished jobs and their files.")
