"""`export_benefits FILE`: writes a programme's whole benefit plan to an Excel file."""

from pathlib import Path

from django.core.management.base import BaseCommand

from benefits import excel, selectors

from ._programme import add_programme_argument, find_programme


class Command(BaseCommand):
    help = "Export the benefit plan (one row per benefit, Plan and Realisert per year) to an .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        add_programme_argument(parser)

    def handle(self, *args, file: Path, programme: str | None, **options):
        found = find_programme(programme)
        years, rows = selectors.benefit_plan(programme_id=found.pk)
        file.write_bytes(excel.export_workbook(years, rows))
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(rows)} benefits of {found.name} to {file}."))
