"""`import_scorecard FILE --title "…"`: reads a scorecard from Excel or CSV into the scorecard with that title."""

import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import intake
from core.commands import NorwegianCommand, file_problem
from scorecards import excel, selectors, services


def _help() -> str:
    return _(
        "Import a scorecard from an Excel (.xlsx) or CSV file in the annual-report layout (Område, Perspektiv, "
        "Indikator, Enhet, Retning, Mål YYYY, Resultat YYYY) or the exported long form. All or nothing: with "
        "any error nothing is imported, every error is printed and the exit code is 1. At most %(mb)s MB and "
        "%(rows)s rows."
    ) % {"mb": excel.MAX_FILE_BYTES // (1024 * 1024), "rows": excel.MAX_ROWS}


class Command(NorwegianCommand):
    help = lazy(_help, str)()

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("The .xlsx or .csv file to import."))
        parser.add_argument(
            "--title",
            required=True,
            metavar=_("TITLE"),
            help=_("The scorecard's title; created if it does not exist."),
        )
        parser.add_argument(
            "--owner", metavar=_("USERNAME"), help=_("Username of the owner of a new scorecard.")
        )
        parser.add_argument(
            "--service-area",
            default="",
            metavar=_("SERVICE-AREA"),
            help=_("Service area of a new scorecard."),
        )
        parser.add_argument(
            "--function-code",
            metavar=_("FUNCTION"),
            help=_("KOSTRA function of a new scorecard (default: the title's «120:» prefix)."),
        )

    def handle(
        self, *args, file: Path, title: str, owner: str | None, service_area: str, function_code, **options
    ):
        try:
            parsed = excel.read_scorecard_file(intake.read_path(file, excel.LIMITS), file.name)
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s.") % {"file": file, "reason": file_problem(exc)}
            ) from exc
        except intake.FileRefused as exc:  # too large or empty: refused before it is read
            parsed = excel.ParsedScorecard(errors=[excel.ImportError_(None, "", exc.message)])
        if parsed.errors:
            for error in parsed.errors:
                self.stderr.write(str(error))
            raise CommandError(
                ngettext(
                    "%(file)s was not imported: %(count)s error. Nothing was changed.",
                    "%(file)s was not imported: %(count)s errors. Nothing was changed.",
                    len(parsed.errors),
                )
                % {"file": file.name, "count": len(parsed.errors)}
            )
        user = None
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(_("No user has the username «%(username)s».") % {"username": owner})
        scorecard = selectors.scorecard_by_title(title)
        if scorecard is None:
            if function_code is None:
                match = re.match(r"^\s*([\d/ ,]+?)\s*:", title)
                function_code = match.group(1) if match else ""
            scorecard = services.scorecard_create(
                user=user,
                data={
                    "title": title.strip(),
                    "service_area": service_area,
                    "function_code": function_code,
                    "owner": user,
                },
            )
            self.stdout.write(_("Created the scorecard «%(title)s».") % {"title": scorecard.title})
        summary = services.scorecard_import(scorecard=scorecard, parsed=parsed, user=user)
        for line in services.import_summary_lines(summary):
            self.stdout.write(line)
        for row in summary.inferred:
            self.stdout.write(
                "  "
                + _("Row %(row)s: direction of «%(name)s» set to «%(direction)s» (%(reason)s).")
                % {
                    "row": row.row,
                    "name": row.name,
                    "direction": excel.DIRECTION_TEXT[row.direction],
                    "reason": row.direction_inferred,
                }
            )
        self.stdout.write(self.style.SUCCESS(_("Imported into «%(title)s».") % {"title": scorecard.title}))
