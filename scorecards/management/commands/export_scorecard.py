"""`export_scorecard --title "…" FILE`: writes a scorecard in long form to Excel (.xlsx) or CSV (.csv)."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.commands import NorwegianCommand
from scorecards import excel, selectors


class Command(NorwegianCommand):
    help = gettext_lazy(
        "Export a scorecard in long form (Område, Perspektiv, Indikator, Enhet, Retning, År, Mål, Resultat, "
        "Status; original texts in Mål and Resultat) to Excel or CSV, chosen by the file's extension."
    )

    def add_arguments(self, parser):
        parser.add_argument("--title", required=True, metavar=_("TITLE"), help=_("The scorecard's title."))
        parser.add_argument("file", type=Path, metavar=_("FILE"), help=_("The .xlsx or .csv file to write."))

    def handle(self, *args, title: str, file: Path, **options):
        scorecard = selectors.scorecard_by_title(title)
        if scorecard is None:
            raise CommandError(_("No scorecard has the title «%(title)s».") % {"title": title})
        suffix = file.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise CommandError(_("The file name must end in .xlsx or .csv."))
        rows = selectors.scorecard_export_rows(scorecard=scorecard)
        content = excel.export_csv(rows) if suffix == ".csv" else excel.export_xlsx(rows)
        self.write_file(file, content)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Wrote %(count)s row of «%(title)s» to %(file)s.",
                    "Wrote %(count)s rows of «%(title)s» to %(file)s.",
                    len(rows),
                )
                % {"count": len(rows), "title": scorecard.title, "file": file}
            )
        )
