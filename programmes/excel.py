"""Writing lists as Excel workbooks the way municipalities expect them: Norwegian headers, real numbers."""

import io
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Number formats. Money is whole kroner as numbers: `#,##0` is stored locale-neutrally and shows as
# `1 500 000` in Norwegian Excel (which calls the same format `# ##0`).
MONEY, DATE, ONE_DECIMAL = "#,##0", "dd.mm.yyyy", "0.0"


class Column(NamedTuple):
    header: str
    width: int
    number_format: str | None
    value: Callable[[Any], Any]


def excel_text(value: str) -> str:
    """Text as Excel accepts it: control characters (a vertical tab pasted from Word) make openpyxl fail."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def workbook(*, sheet_name: str, columns: list[Column], items: Iterable[Any]) -> bytes:
    """One sheet with a bold, frozen, filterable header row and one row per item."""
    rows = [[column.value(item) for column in columns] for item in items]
    frame = pd.DataFrame(rows, columns=[column.header for column in columns], dtype=object)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet_name, index=False)
        sheet = writer.sheets[sheet_name]
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            sheet[f"{letter}1"].font = Font(bold=True)
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if column.number_format:
                    cell.number_format = column.number_format
                elif cell.data_type == "f":
                    # Text that starts with "=" is text here, never a formula Excel would run.
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    return buffer.getvalue()
