"""`import_benefits FILE`: imports a benefit plan from an Excel file, all or nothing.

A refused file prints every problem (row, column, message) and exits with status 1.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benefits import excel, services
from core.commands import ImportCommand
from core.import_jobs import import_content

from ._programme import add_programme_argument, find_programme


class Command(ImportCommand):
    help = gettext_lazy(
        "Import a benefit plan from an .xlsx file in the export's layout; nothing is imported if any cell is "
        "wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("The .xlsx file to import."))
        add_programme_argument(parser)
        parser.add_argument(
            "--user",
            metavar=_("USERNAME"),
            help=_("Username recorded in the change log as the one who imported."),
        )

    def handle(self, *args, file: Path, programme: str | None, user: str | None, **options):
        found = find_programme(programme)
        importer = self.user_named(user)
        content = self.read_file(file, excel.LIMITS)
        summary = import_content(
            parse=lambda: services.benefit_plan_parse(programme=found, content=content),
            write=lambda parsed: services.benefit_plan_import(
                programme=found, user=importer, rows=parsed.rows
            ),
        )
        self.report(file, summary)
