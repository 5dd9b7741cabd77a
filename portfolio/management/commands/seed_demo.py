"""The `seed_demo` command: loads the demo programme and demo users (password "demo") into the database."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from benefits.demo import seed_benefits
from portfolio.demo import seed_portfolio
from programmes.demo import Tally, seed_programme_structure
from scorecards.demo import seed_scorecards


class Command(BaseCommand):
    help = (
        "Create or update the demo data: the programme 'Utvikling og bærekraft' with its sub-programmes and "
        "projects, and demo users with the password 'demo'. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo users have the password 'demo'.",
        )

    def handle(self, *args, force: bool, **options):
        # Demo users with a known password must never reach a production database by accident.
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with the password 'demo' and refuses to run with DEBUG off. "
                "Use --force if this really is a demo or test database."
            )
        tally = Tally()
        with transaction.atomic():
            demo = seed_programme_structure(tally=tally)
            seed_benefits(demo, tally)
            seed_scorecards(demo, tally)
            seed_portfolio(demo, tally)
        for line in tally.lines():
            self.stdout.write(f"  {line}")
        if tally.changed:
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo data already up to date; nothing changed."))
