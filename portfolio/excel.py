"""The portfolio overview as an Excel workbook: the ranked board with its figures, one row per project."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.exports import MONEY, ONE_DECIMAL, XLSX_CONTENT_TYPE, Column, table_xlsx

__all__ = ["XLSX_CONTENT_TYPE", "portfolio_workbook"]


def portfolio_workbook(overview) -> bytes:
    board = overview.board
    status_labels = {"green": _("Green"), "yellow": _("Yellow"), "red": _("Red")}
    columns = [
        Column(_("Rank"), 7, None, lambda r: r.position),
        Column(_("Project"), 45, None, lambda r: r.name),
        Column(_("Sub-programme"), 24, None, lambda r: r.sub_programme),
        Column(_("Phase"), 18, None, lambda r: r.phase_label),
        Column(_("Latest status"), 12, None, lambda r: status_labels.get(r.status, "")),
        Column(_("Planned gain over the plan period (NOK)"), 18, MONEY, lambda r: r.gain_total),
        Column(_("Cost (NOK)"), 16, MONEY, lambda r: r.cost),
        Column(_("Resource need (person-years)"), 14, ONE_DECIMAL, lambda r: r.resource_need),
        Column(_("Priority score (0–100)"), 12, ONE_DECIMAL, lambda r: r.priority.value),
        Column(_("Decision"), 20, None, lambda r: r.decision_label),
        Column(_("Within capacity"), 12, None, lambda r: _("Yes") if r.fits else _("No")),
    ]
    return table_xlsx(sheet_name=capfirst(_("portfolio")), columns=columns, items=board.rows)
