"""`import_benefits FILE`: imports a benefit plan from an Excel file, all or nothing.

A refused file prints every error (row, column, message) and exits with status 1.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from benefits import excel, selectors, services

from ._programme import add_programme_argument, find_programme


class Command(BaseCommand):
    help = "Import a benefit plan from an .xlsx file in the export's layout; nothing is imported if any cell is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        add_programme_argument(parser)
        parser.add_argument("--user", help="Username recorded in the change log as the one who imported.")

    def handle(self, *args, file: Path, programme: str | None, user: str | None, **options):
        found = find_programme(programme)
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"No user named {user!r}.")
        try:
            size = file.stat().st_size
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        problem = excel.file_problem(size)
        if problem:
            self.stderr.write(problem)
            raise CommandError(f"{file} was not imported.")
        result = excel.parse_workbook(
            file.read_bytes(),
            projects=excel.ProjectLookup.build(selectors.programme_projects(programme_id=found.pk)),
            people=selectors.people_by_name(),
        )
        if not result.ok:
            for error in result.errors:
                where = ", ".join(
                    part for part in (f"rad {error.row}" if error.row else "", error.column) if part
                )
                self.stderr.write(f"{where}: {error.message}" if where else error.message)
            raise CommandError(f"{file} was not imported: {len(result.errors)} error(s).")
        try:
            summary = services.benefit_plan_import(programme=found, user=importer, rows=result.rows)
        except services.BenefitImportError as exc:
            for problem in exc.problems:
                self.stderr.write(f"rad {problem.row}, {problem.column}: {problem.message}")
            raise CommandError(f"{file} was not imported: {len(exc.problems)} error(s).") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {file}: {summary.created} new, {summary.updated} changed, {summary.unchanged} unchanged."
            )
        )
