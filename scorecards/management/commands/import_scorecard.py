"""`import_scorecard FILE --title "…"`: reads a scorecard from Excel or CSV into the scorecard with that title."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from scorecards import excel, selectors, services
from scorecards.views import import_summary_lines


class Command(BaseCommand):
    help = (
        "Import a scorecard from an Excel (.xlsx) or CSV file in the annual-report layout (Område, Perspektiv, "
        "Indikator, Enhet, Retning, Mål YYYY, Resultat YYYY) or the exported long form. All or nothing: "
        f"with any error nothing is imported, every error is printed and the exit code is 1. At most "
        f"{excel.MAX_FILE_BYTES // (1024 * 1024)} MB and {excel.MAX_ROWS} rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--title", required=True, help="The scorecard's title; created if it does not exist."
        )
        parser.add_argument("--owner", help="Username of the owner of a new scorecard.")
        parser.add_argument("--service-area", default="", help="Service area of a new scorecard.")
        parser.add_argument(
            "--function-code", help="KOSTRA function of a new scorecard (default: the title's «120:» prefix)."
        )

    def handle(
        self, *args, file: Path, title: str, owner: str | None, service_area: str, function_code, **options
    ):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                content = file.read_bytes()
            except OSError as exc:
                raise CommandError(f"Kan ikke lese {file}: {exc.strerror}") from exc
            parsed = excel.read_scorecard_file(content, file.name)
            if parsed.errors:
                for error in parsed.errors:
                    self.stderr.write(str(error))
                raise CommandError(
                    f"{file.name} ble ikke importert: {len(parsed.errors)} feil. Ingenting er endret."
                )
            user = None
            if owner:
                user = get_user_model().objects.filter(username=owner).first()
                if user is None:
                    raise CommandError(f"Fant ingen bruker med brukernavnet {owner}.")
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
                self.stdout.write(f"Opprettet målekortet «{scorecard.title}».")
            summary = services.scorecard_import(scorecard=scorecard, parsed=parsed, user=user)
            for line in import_summary_lines(summary):
                self.stdout.write(line)
            for row in summary.inferred:
                self.stdout.write(
                    f"  Rad {row.row}: retning for «{row.name}» satt til «{excel.DIRECTION_TEXT[row.direction]}» "
                    f"({row.direction_inferred})."
                )
            self.stdout.write(self.style.SUCCESS(f"Importert til «{scorecard.title}»."))
