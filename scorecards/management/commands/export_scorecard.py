"""`export_scorecard --title "…" FILE`: writes a scorecard in long form to Excel (.xlsx) or CSV (.csv)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from scorecards import excel, selectors


class Command(BaseCommand):
    help = (
        "Export a scorecard in long form (Område, Perspektiv, Indikator, Enhet, Retning, År, Mål, Resultat, "
        "Status; original texts in Mål and Resultat) to Excel or CSV, chosen by the file's extension."
    )

    def add_arguments(self, parser):
        parser.add_argument("--title", required=True)
        parser.add_argument("file", type=Path)

    def handle(self, *args, title: str, file: Path, **options):
        with translation.override(settings.LANGUAGE_CODE):
            scorecard = selectors.scorecard_by_title(title)
            if scorecard is None:
                raise CommandError(f"Fant ikke noe målekort med tittelen «{title}».")
            rows = selectors.scorecard_export_rows(scorecard=scorecard)
            suffix = file.suffix.lower()
            if suffix == ".csv":
                content = excel.export_csv(rows)
            elif suffix == ".xlsx":
                content = excel.export_xlsx(rows, title=scorecard.title)
            else:
                raise CommandError("Filen må slutte på .xlsx eller .csv.")
            file.write_bytes(content)
            self.stdout.write(
                self.style.SUCCESS(f"Skrev {len(rows)} rader fra «{scorecard.title}» til {file}.")
            )
