"""The `seed_demo` command: loads the demo programme and demo users (password "demo") into an empty database.

`make run` calls it every time, so a database that already holds anything is left exactly as it is; only
`--reset` (after a confirmation) empties it and loads the demo afresh.
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.commands import NorwegianCommand
from demo.engine.load import demo_clear, demo_load, existing_data
from demo.engine.rows import Tally

CONFIRMATION = "ja"


class Command(NorwegianCommand):
    help = gettext_lazy(
        "Load the demo programme 'Utvikling og bærekraft' with its sub-programmes, projects, gains, "
        "scorecards and demo users (password 'demo') into an empty database. A database that already "
        "holds data is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run even with DEBUG off. The demo users have the password 'demo'."),
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Delete all projects, gains, scorecards, reports and users, then load the demo afresh."),
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help=_("With --reset: do not ask for confirmation."),
        )

    def handle(self, *args, force: bool, reset: bool, interactive: bool, **options):
        # Demo users with a known password must never reach a production database by accident.
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "seed_demo creates users with the password 'demo' and refuses to run with DEBUG off. "
                    "Use --force if this really is a demo or test database."
                )
            )
        if reset and interactive and not self.confirm_reset():
            self.stdout.write(_("Cancelled; nothing was changed."))
            return
        tally = Tally()
        with transaction.atomic():
            if reset:
                demo_clear()
            found = existing_data()
            if found:
                self.stdout.write(
                    _(
                        "The database already holds data (%(found)s), so the demo was not loaded and nothing "
                        "was changed. To delete everything and load the demo afresh: "
                        "python manage.py seed_demo --reset"
                    )
                    % {"found": ", ".join(found)}
                )
                return
            demo_load(tally)
        for line in tally.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded.")))

    def confirm_reset(self) -> bool:
        found = existing_data()
        question = _(
            "This deletes everything in the database (%(found)s) and loads the demo afresh. "
            "Type '%(yes)s' to continue: "
        ) % {"found": ", ".join(found) or _("nothing yet"), "yes": CONFIRMATION}
        return input(question).strip().lower() == CONFIRMATION
