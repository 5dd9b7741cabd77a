"""`export_benefits FILE`: writes a programme's whole benefit plan to an Excel file."""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from benefits import excel
from benefits.ledger_rows import ledger_plan
from core.commands import NorwegianCommand

from ._programme import add_programme_argument, find_programme


class Command(NorwegianCommand):
    help = gettext_lazy(
        "Export the benefit plan with its gains ledger (one row per benefit, a group of columns per year) to an .xlsx file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("The .xlsx file to write."))
        add_programme_argument(parser)

    def handle(self, *args, file: Path, programme: str | None, **options):
        found = find_programme(programme)
        years, rows = ledger_plan(programme_id=found.pk)
        self.write_file(file, excel.export_workbook(years, rows))
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Wrote %(count)s benefit of %(programme)s to %(file)s.",
                    "Wrote %(count)s benefits of %(programme)s to %(file)s.",
                    len(rows),
                )
                % {"count": len(rows), "programme": found.name, "file": file}
            )
        )
