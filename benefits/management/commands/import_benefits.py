"""`import_benefits FILE`: imports a benefit plan from an Excel file, all or nothing.

A refused file prints every error (row, column, message) and exits with status 1.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from benefits import excel, selectors, services
from core import intake
from core.commands import NorwegianCommand, file_problem

from ._programme import add_programme_argument, find_programme


class Command(NorwegianCommand):
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
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(_("No user has the username «%(username)s».") % {"username": user})
        try:
            content = intake.read_path(file, excel.LIMITS)
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s.") % {"file": file, "reason": file_problem(exc)}
            ) from exc
        except intake.FileRefused as exc:
            self.stderr.write(exc.message)
            raise CommandError(_("%(file)s was not imported; nothing was changed.") % {"file": file}) from exc
        result = excel.parse_workbook(
            content,
            projects=excel.ProjectLookup.build(selectors.programme_projects(programme_id=found.pk)),
            people=selectors.people_by_name(),
        )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(self.where(error.row, error.column, error.message))
            raise self.refused(file, len(result.errors))
        try:
            summary = services.benefit_plan_import(programme=found, user=importer, rows=result.rows)
        except services.BenefitImportError as exc:
            for problem in exc.problems:
                self.stderr.write(self.where(problem.row, problem.column, problem.message))
            raise self.refused(file, len(exc.problems)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(file)s: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                % {
                    "file": file,
                    "created": summary.created,
                    "updated": summary.updated,
                    "unchanged": summary.unchanged,
                }
            )
        )

    @staticmethod
    def where(row: int | None, column: str | None, message: str) -> str:
        """«rad 3, Type: Ukjent type «Feil»», or only the message when it belongs to no row or column."""
        parts = [_("row %(row)s") % {"row": row}] if row else []
        parts += [column] if column else []
        return f"{', '.join(parts)}: {message}" if parts else message

    @staticmethod
    def refused(file: Path, count: int) -> CommandError:
        return CommandError(
            ngettext(
                "%(file)s was not imported: %(count)s error. Nothing was changed.",
                "%(file)s was not imported: %(count)s errors. Nothing was changed.",
                count,
            )
            % {"file": file, "count": count}
        )
