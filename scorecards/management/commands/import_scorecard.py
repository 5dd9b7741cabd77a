"""`import_scorecard FILE --title "…"`: reads a scorecard from Excel or CSV into the scorecard with that title."""

import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from core.commands import ImportCommand
from scorecards import excel, selectors, services
from scorecards.models import Scorecard


def _help() -> str:
    return _(
        "Import a scorecard from an Excel (.xlsx) or CSV file in the annual-report layout (Område, Perspektiv, "
        "Indikator, Enhet, Retning, Mål YYYY, Resultat YYYY) or the exported long form. All or nothing: with "
        "any error nothing is imported, every error is printed and the exit code is 1. At most %(mb)s MB and "
        "%(rows)s rows."
    ) % {"mb": excel.MAX_FILE_BYTES // (1024 * 1024), "rows": excel.MAX_ROWS}


class Command(ImportCommand):
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
        content = self.read_file(file, excel.LIMITS)
        user = None
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(_("No user has the username «%(username)s».") % {"username": owner})

        parsed = excel.read_scorecard_file(content, file.name)
        if parsed.problems:
            raise self.refused(file, parsed.problems)
        # A new scorecard is made only for a file that imports.
        with transaction.atomic():
            scorecard = selectors.scorecard_by_title(title) or self.create(
                title, user=user, service_area=service_area, function_code=function_code
            )
            summary = services.scorecard_import(scorecard=scorecard, parsed=parsed, user=user)
        self.report(file, summary)
        self.stdout.write(self.style.SUCCESS(_("Imported into «%(title)s».") % {"title": scorecard.title}))

    def create(self, title: str, *, user, service_area: str, function_code: str | None) -> Scorecard:
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
        return scorecard
