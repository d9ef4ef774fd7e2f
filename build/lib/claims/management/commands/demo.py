from django.core.management.base import BaseCommand

from claims.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the invented Velka valley demo corpus and the users admin, analyst, analyst2 "
        "and reviewer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every article, claim, link, source and tag first.",
        )
        parser.add_argument(
            "--password", help="Password for the demo users (default: a new random one)."
        )
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="Where the site will be served, for the login line printed at the end.",
        )

    def handle(self, *args, reset: bool, password: str | None, url: str, **options):
        summary = load_demo(reset=reset, password=password, log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {summary.articles} articles, {summary.claims} claims, "
                f"{summary.links} links."
            )
        )
        self.stdout.write("")
        self.stdout.write(f"Log in at {url} as any of: " + ", ".join(summary.users))
        self.stdout.write(f"Password (all demo users): {summary.password}")
