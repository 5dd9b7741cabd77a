"""The portfolio overview as an Excel workbook: the ranked board with its figures, one row per project."""

from __future__ import annotations

import io

import pandas as pd
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY, SCORE, PERSON_YEARS = "#,##0", "0.0", "0.0"


def portfolio_workbook(overview) -> bytes:
    board = overview.board
    status_labels = {"green": _("Green"), "yellow": _("Yellow"), "red": _("Red")}
    columns = [
        (_("Rank"), 7, None, lambda r: r.position),
        (_("Project"), 45, None, lambda r: r.name),
        (_("Sub-programme"), 24, None, lambda r: r.sub_programme),
        (_("Phase"), 18, None, lambda r: r.phase_label),
        (_("Latest status"), 12, None, lambda r: status_labels.get(r.status, "")),
        (_("Planned gain over the plan period (NOK)"), 18, MONEY, lambda r: r.gain_total),
        (_("Cost (NOK)"), 16, MONEY, lambda r: r.cost),
        (_("Resource need (person-years)"), 14, PERSON_YEARS, lambda r: r.resource_need),
        (_("Priority score (0–100)"), 12, SCORE, lambda r: r.priority.value),
        (_("Decision"), 20, None, lambda r: r.decision_label),
        (_("Within capacity"), 12, None, lambda r: _("Yes") if r.fits else _("No")),
    ]
    rows = [[value(row) for *_rest, value in columns] for row in board.rows]
    frame = pd.DataFrame(rows, columns=[header for header, *_rest in columns], dtype=object)
    sheet_name = capfirst(_("portfolio"))
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet_name, index=False)
        sheet = writer.sheets[sheet_name]
        for index, (_header, width, number_format, _value) in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = width
            sheet[f"{letter}1"].font = Font(bold=True)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    return buffer.getvalue()
