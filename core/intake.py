"""The one safe intake for every uploaded file: size, zip directory, XML, rows, columns and text are bounded
before anything is held in memory, and every refusal is a Norwegian sentence saying what is wrong with the file.

Both imports (scorecards and the benefit plan), on their pages and in their commands, read files through
here; their own code only interprets the rows this module returns. What is bounded, and why:
- the size of the upload, before its body is kept (`LimitedUploadHandler`, `read_path`);
- the zip's directory before any XML is parsed: number of parts, their names, each part's and the total
  unpacked size, and how hard a part is packed (a zip bomb unpacks to a thousand times its size). zipfile
  never unpacks more than the directory says, so a directory that lies gives a damaged file, not a bomb;
- XML: openpyxl parses with defusedxml when it is installed, which refuses DTDs with entities (billion
  laughs) and external entities; this module will not load without it;
- the sheet: read streaming (openpyxl's read-only mode) with the declared dimension ignored, at most
  `max_rows` rows and `max_columns` columns, each cell's text at most `max_text` characters, no NUL;
- formulas: a cell is read as the result the workbook stored for it. A formula without a stored result (a
  file saved by a program that does not calculate) is refused naming its cell, never read as empty. To see
  the formulas, a workbook whose bytes show such a formula may be there is read a second time beside the
  first, row by row in step; a workbook Excel saved (a result for every formula) is read once;
- CSV: field size, column count and rows, and NUL bytes.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import openpyxl.xml
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .import_problems import ImportProblem
from .numbers import format_number

if not openpyxl.xml.DEFUSEDXML:
    raise ImproperlyConfigured(
        "openpyxl must parse with defusedxml: install defusedxml and leave OPENPYXL_DEFUSEDXML unset."
    )

logger = logging.getLogger(__name__)

MB = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and every password-protected Office file
ZIP_MAGIC = b"PK\x03\x04"
EXCEL_MAX_TEXT = 32_767  # the most Excel itself puts in a cell
# Rows past the limit that may follow as empty rows (formatting only) before the sheet is refused: reading
# on costs time (a million empty rows take seconds), and stopping without reading would ignore content.
EMPTY_ROWS_PAST_LIMIT = 1_000
MAX_LISTED_FORMULAS = 20  # cells listed one by one; the others are counted
FORMULA_SHOWN = 60  # characters of a formula quoted in a message
# The end of a formula element (`</f>`, `<f t="shared" si="0"/>`, with any namespace prefix, `</x:f>`) that is
# not followed by a result (`<v>` with something in it), in a part's raw XML, where no text or attribute can
# hold a `<` unescaped. It may find more than there is (a result of empty text, a comment between): the
# formulas are then read for nothing. It cannot miss a formula without a result.
_PREFIX = rb"(?:[^\s<>/!?:]{1,200}:)?"
_FORMULA_WITHOUT_RESULT = re.compile(
    rb"(?:</" + _PREFIX + rb"f>|<" + _PREFIX + rb"f(?:\s[^>]*)?/>)(?!\s*<" + _PREFIX + rb"v(?:\s[^>]*)?>[^<])"
)
_SCAN_CHUNK = 1024 * 1024
_NOT_SHEETS = ("xl/sharedStrings.xml", "xl/styles.xml", "xl/theme/", "xl/charts/", "xl/drawings/")


class FileRefused(Exception):
    """A file that cannot be imported at all; `message` says, in Norwegian, what is wrong with it, and
    `problems` the same as an import lists it: by row and column where the refusal names cells, else the
    message as the file's one problem."""

    def __init__(self, message: str, problems: list[ImportProblem] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or [ImportProblem.for_file(message)]


@dataclass(frozen=True)
class Limits:
    """What one import accepts. The zip limits are generous for a real workbook of `max_rows` rows and far
    below what would make a web worker hold more than a few hundred MB."""

    max_bytes: int = 5 * MB
    max_rows: int = 10_000
    max_columns: int = 256
    max_cells: int = 600_000
    max_text: int = EXCEL_MAX_TEXT
    max_sheets: int = 20
    max_parts: int = 500
    max_unpacked: int = 100 * MB  # all parts together
    max_sheet_part: int = 60 * MB  # one sheet's XML, read streaming
    max_strings_part: int = 20 * MB  # the shared strings, all held in memory by openpyxl
    max_other_part: int = 5 * MB  # styles, workbook, relations …: parsed whole into a tree
    max_ratio: int = 200  # unpacked / packed, for parts over 1 MB


class Cell(NamedTuple):
    value: object
    number_format: str = "General"


EMPTY = Cell(None)


@dataclass
class Sheet:
    title: str
    rows: list[list[Cell]]  # row i is Excel's row i + 1; every row as wide as the widest


def _megabytes(size: int) -> str:
    return format_number(Decimal(size) / MB, 1)


def size_problem(size: int, limits: Limits) -> str | None:
    """Why a file of this many bytes is refused (empty, too large), or None."""
    if size == 0:
        return _("The file is empty.")
    if size > limits.max_bytes:
        return _(
            "The file is too large (%(size)s MB). The limit is %(limit)s MB; split the file and import the parts."
        ) % {"size": _megabytes(size), "limit": limits.max_bytes // MB}
    return None


def read_path(path: Path, limits: Limits) -> bytes:
    """The bytes of a file on disk, its size checked before it is read; raises OSError or FileRefused."""
    if problem := size_problem(path.stat().st_size, limits):
        raise FileRefused(problem)
    with path.open("rb") as stream:
        content = stream.read(limits.max_bytes + 1)
    if problem := size_problem(len(content), limits):  # it grew while we looked
        raise FileRefused(problem)
    return content


# --- Uploads -------------------------------------------------------------------------------------------


class RefusedUpload(UploadedFile):
    """An upload that went past the size limit: its name and the size it had, none of its content."""

    def __init__(self, name: str, size: int, content_type: str | None):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=size)


class LimitedUploadHandler(FileUploadHandler):
    """First of the upload handlers: passes each file's chunks on until the file passes MAX_UPLOAD_BYTES,
    then drops the rest (the request is read to its end, a chunk at a time, and nothing more is kept) and
    hands the form a `RefusedUpload` of the full size, so that the import says «too large» in Norwegian."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        return raw_data if self.received <= settings.MAX_UPLOAD_BYTES else None

    def file_complete(self, file_size):
        if self.received > settings.MAX_UPLOAD_BYTES:
            return RefusedUpload(self.file_name, self.received, self.content_type)
        return None


# --- Excel ---------------------------------------------------------------------------------------------


def _not_excel() -> FileRefused:
    return FileRefused(
        _("The file is not an Excel workbook (.xlsx). Save it as an Excel workbook and try again.")
    )


def check_xlsx_container(content: bytes, limits: Limits) -> None:
    """Refuses a file that is not an xlsx package, or whose zip directory promises more than is allowed;
    reads only the directory."""
    if content[:8] == OLE_MAGIC:
        raise FileRefused(
            _(
                "The file is in the old Excel format (.xls) or protected with a password. Save it as .xlsx "
                "without a password and try again."
            )
        )
    if content[:4] != ZIP_MAGIC:
        raise _not_excel()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FileRefused(
            _("The file is damaged: it cannot be unpacked. Save it again as .xlsx in Excel and try again.")
        ) from exc
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise _not_excel()
    if len(parts) > limits.max_parts:
        raise FileRefused(
            _("The file has %(count)s parts; an Excel file has at most %(limit)s. It is not read.")
            % {"count": len(parts), "limit": limits.max_parts}
        )
    total = 0
    for part in parts:
        name = part.filename
        if "\0" in name or name.startswith("/") or ".." in name.split("/"):
            raise FileRefused(_("The file is damaged: it has a part named «%(name)s».") % {"name": name[:80]})
        if part.flag_bits & 0x1:
            raise FileRefused(_("The file is protected with a password. Remove the password and try again."))
        total += part.file_size
        if name.startswith("xl/worksheets/"):
            limit = limits.max_sheet_part
        elif name == "xl/sharedStrings.xml":
            limit = limits.max_strings_part
        elif name.endswith((".xml", ".rels")):
            limit = limits.max_other_part
        else:
            limit = limits.max_unpacked  # pictures and the like are never read
        too_hard = part.file_size > MB and part.file_size > limits.max_ratio * max(part.compress_size, 1)
        if part.file_size > limit or too_hard:
            raise FileRefused(
                _(
                    "The file is refused: its part «%(name)s» is %(size)s MB when unpacked, far more than a "
                    "spreadsheet of this size holds. Remove pictures and other sheets, or save the table in a "
                    "new workbook."
                )
                % {"name": name[:80], "size": _megabytes(part.file_size)}
            )
    if total > limits.max_unpacked:
        raise FileRefused(
            _(
                "The file is %(size)s MB when unpacked; the limit is %(limit)s MB. Split it or remove pictures."
            )
            % {"size": _megabytes(total), "limit": limits.max_unpacked // MB}
        )


def work_size(content: bytes, filename: str, limits: Limits) -> int:
    """How much text reading the file means (the unpacked size of a workbook's sheets and shared strings, a
    CSV's own size), checking only the size and the zip's directory on the way: cheap enough for a page
    request, which uses it to choose between importing at once and leaving the file to a worker. Raises
    FileRefused as reading would."""
    if problem := size_problem(len(content), limits):
        raise FileRefused(problem)
    if filename.lower().endswith((".csv", ".txt")):
        return len(content)
    check_xlsx_container(content, limits)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(
            part.file_size
            for part in archive.infolist()
            if part.filename.startswith("xl/worksheets/") or part.filename == "xl/sharedStrings.xml"
        )


def xlsx_sheets(content: bytes, limits: Limits, *, head: int | None = None) -> Iterator[Sheet]:
    """The workbook's sheets, one at a time, each read streaming within the limits; raises FileRefused.
    With `head`, only each sheet's first `head` rows are read (what a page needs to show the header and a
    few rows of a file of any size)."""
    check_xlsx_container(content, limits)
    workbook = _open_workbook(content, data_only=True)
    # The same workbook read with its formulas instead of their results, in step with the first: the only
    # way openpyxl tells a formula without a result from an empty cell. Only a workbook that may have such
    # a formula pays for it (a workbook Excel saved has a result for every formula).
    formulas = None
    try:
        if _may_lack_results(content):
            formulas = _open_workbook(content, data_only=False)
        for index, worksheet in enumerate(workbook.worksheets[: limits.max_sheets]):
            if hasattr(worksheet, "reset_dimensions"):  # a chartsheet has no cells
                yield _read_sheet(worksheet, limits, head, formulas.worksheets[index] if formulas else None)
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()


def _open_workbook(content: bytes, *, data_only: bool):
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises a dozen kinds for a damaged part; the file is the cause
        if _caused_by_xml_declarations(exc):
            raise _xml_refused() from exc
        logger.info("Unreadable workbook", exc_info=True)
        raise _damaged() from exc


def _may_lack_results(content: bytes) -> bool:
    """Whether a sheet of the workbook may hold a formula without a result, from the bytes of its parts
    alone (no XML is parsed; the zip's directory is checked already)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for part in archive.infolist():
            if not part.filename.endswith(".xml") or part.filename.startswith(_NOT_SHEETS):
                continue
            with archive.open(part) as stream:
                tail = b""
                while chunk := stream.read(_SCAN_CHUNK):
                    if _FORMULA_WITHOUT_RESULT.search(tail + chunk):
                        return True
                    tail = chunk[-512:]  # a formula's end cut between two chunks
    return False


def _caused_by_xml_declarations(exc: BaseException | None) -> bool:
    """Whether defusedxml refused the XML, also when openpyxl wrapped its error in a ValueError of its own."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _xml_refused() -> FileRefused:
    return FileRefused(
        _(
            "The file is refused: it contains XML declarations (a DTD with entities) that Excel never writes "
            "and that can make a server read other files or run out of memory."
        )
    )


def _damaged(after_row: int | None = None, sheet: str = "") -> FileRefused:
    if after_row is None:
        return FileRefused(
            _(
                "The file is damaged and cannot be read as an Excel file. Save it again as .xlsx and try again."
            )
        )
    return FileRefused(
        _(
            "The sheet «%(sheet)s» cannot be read from row %(row)s on: the file is damaged, or a cell holds what "
            "Excel cannot write, such as a number with thousands of digits. Save it again as .xlsx and try again."
        )
        % {"sheet": sheet, "row": after_row}
    )


def _read_sheet(worksheet, limits: Limits, head: int | None = None, formulas=None) -> Sheet:
    """A sheet's cells within the limits; `formulas` is the same sheet read with its formulas (None when
    the workbook has none), whose rows are read in step with the sheet's own."""
    title = worksheet.title
    # The declared dimension (`A1:XFD1048576`) is the file's claim, not its content: forget it, so that a
    # row is as long as its last cell and no row is made up to fill the claim.
    worksheet.reset_dimensions()
    formula_rows = _rows_of(formulas)
    rows: list[list[Cell]] = []
    missing = _MissingResults(title)
    cells = 0
    number = 0
    try:
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            if head is not None and number > head:
                break
            uncached = _without_result(row, next(formula_rows, ()))
            if number > limits.max_rows:
                _check_past_the_limit(title, number, row, limits, bool(uncached))
                continue
            if len(row) > limits.max_columns:
                for index in range(limits.max_columns, len(row)):
                    if row[index].value is not None or index in uncached:
                        raise FileRefused(
                            _(
                                "Cell %(cell)s in the sheet «%(sheet)s» is outside the table: a file can have "
                                "at most %(limit)s columns. Delete what is in that cell and try again."
                            )
                            % {
                                "cell": f"{get_column_letter(index + 1)}{number}",
                                "sheet": title,
                                "limit": limits.max_columns,
                            }
                        )
                row = row[: limits.max_columns]
            for index, formula in uncached.items():
                missing.add(number, index, formula)
            values = []
            for index, cell in enumerate(row):
                value = cell.value
                if value is None:
                    values.append(EMPTY)
                    continue
                cells += 1
                if isinstance(value, str):
                    _check_text(value, f"{get_column_letter(index + 1)}{number}", title, limits)
                values.append(Cell(value, cell.number_format))
            if cells > limits.max_cells:
                raise FileRefused(
                    _(
                        "The sheet «%(sheet)s» has more than %(limit)s filled cells. Split it and import the parts."
                    )
                    % {"sheet": title, "limit": format_number(limits.max_cells)}
                )
            rows.append(values)
    except FileRefused:
        raise
    except Exception as exc:  # a malformed row, a number of 5,000 digits, a date past year 9999 …
        if _caused_by_xml_declarations(exc):
            raise _xml_refused() from exc
        logger.info("Unreadable sheet %r after row %s", title, number, exc_info=True)
        raise _damaged(number + 1, title) from exc
    finally:
        formula_rows.close()
    missing.raise_if_any()
    while rows and all(cell.value is None for cell in rows[-1]):
        rows.pop()
    # Every row as wide as the widest, as a full load gives them: a merged heading's last cells are empty
    # cells of its row, not missing ones.
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        row.extend([EMPTY] * (width - len(row)))
    return Sheet(title, rows)


def _rows_of(formulas) -> Generator[tuple]:
    if formulas is not None:
        formulas.reset_dimensions()
        yield from formulas.iter_rows()


def _without_result(row, formula_row) -> dict[int, str]:
    """The cells of a row (by index) that hold a formula and no result: empty where the results are read,
    a formula where the formulas are. A formula whose result is empty text has a result (`t="str"`)."""
    found = {}
    for index, cell in enumerate(row):
        if cell.value is None and cell.data_type != "str" and index < len(formula_row):
            formula = formula_row[index]
            if formula.data_type == "f":
                found[index] = str(getattr(formula.value, "text", formula.value))
    return found


class _MissingResults:
    """The cells of a sheet whose formulas have no stored result: the first few listed, the others counted."""

    def __init__(self, sheet: str):
        self.sheet = sheet
        self.count = 0
        self.listed: list[tuple[int, int, str]] = []

    def add(self, row: int, index: int, formula: str) -> None:
        self.count += 1
        if len(self.listed) < MAX_LISTED_FORMULAS:
            formula = " ".join(formula.split())
            if len(formula) > FORMULA_SHOWN:
                formula = formula[: FORMULA_SHOWN - 1] + "…"
            self.listed.append((row, index, formula))

    def raise_if_any(self) -> None:
        if not self.count:
            return
        advice = _("Open the file in Excel, save it and upload it again.")
        problems = [
            ImportProblem(
                row,
                get_column_letter(index + 1),
                _(
                    "Cell %(cell)s in the sheet «%(sheet)s» holds a formula (%(formula)s) without a stored "
                    "result."
                )
                % {"cell": f"{get_column_letter(index + 1)}{row}", "sheet": self.sheet, "formula": formula}
                + " "
                + advice,
            )
            for row, index, formula in self.listed
        ]
        if self.count > len(self.listed):
            rest = self.count - len(self.listed)
            problems.append(
                ImportProblem.for_file(
                    ngettext(
                        "… and %(count)s more cell with a formula without a stored result.",
                        "… and %(count)s more cells with formulas without a stored result.",
                        rest,
                    )
                    % {"count": format_number(rest)}
                )
            )
        if self.count == 1:
            message = problems[0].message
        else:
            row, index, formula = self.listed[0]
            message = (
                _(
                    "%(count)s cells in the sheet «%(sheet)s» hold formulas without a stored result, the first "
                    "%(cell)s (%(formula)s)."
                )
                % {
                    "count": format_number(self.count),
                    "sheet": self.sheet,
                    "cell": f"{get_column_letter(index + 1)}{row}",
                    "formula": formula,
                }
                + " "
                + advice
            )
        raise FileRefused(message, problems)


def _check_past_the_limit(title: str, number: int, row, limits: Limits, formulas: bool = False) -> None:
    if formulas or any(cell.value is not None for cell in row):
        raise FileRefused(
            _(
                "The sheet «%(sheet)s» has content in row %(row)s; a file can have at most %(limit)s rows. "
                "Split it and import the parts."
            )
            % {"sheet": title, "row": number, "limit": limits.max_rows}
        )
    if number > limits.max_rows + EMPTY_ROWS_PAST_LIMIT:
        raise FileRefused(
            _(
                "The sheet «%(sheet)s» goes on with empty rows below row %(limit)s. Delete the rows below the "
                "table and try again."
            )
            % {"sheet": title, "limit": limits.max_rows}
        )


def _check_text(text: str, where: str, sheet: str, limits: Limits) -> None:
    if len(text) > limits.max_text:
        raise FileRefused(
            _("Cell %(cell)s in the sheet «%(sheet)s» holds %(length)s characters; the limit is %(limit)s.")
            % {"cell": where, "sheet": sheet, "length": len(text), "limit": limits.max_text}
        )
    if "\0" in text:
        raise FileRefused(
            _("Cell %(cell)s in the sheet «%(sheet)s» holds a NUL character, which no text can contain.")
            % {"cell": where, "sheet": sheet}
        )


# --- CSV -----------------------------------------------------------------------------------------------


def csv_rows(content: bytes, limits: Limits, *, header_search_rows: int = 30) -> list[list[str]]:
    """The rows of a CSV file in UTF-8 or Windows encoding, separated by `;`, tab or `,` (whichever
    splits the first rows into most rows of one width), within the limits; raises FileRefused."""
    if content[:4] == ZIP_MAGIC or content[:8] == OLE_MAGIC:
        raise FileRefused(
            _(
                "The file is named .csv but is an Excel file. Rename it to .xlsx, or save it as CSV, and try again."
            )
        )
    if b"\0" in content:
        line = content[: content.index(b"\0")].count(b"\n") + 1
        raise FileRefused(
            _(
                "Line %(line)s of the file holds a NUL character: the file is not a text file (CSV). Save the "
                "table as CSV or .xlsx and try again."
            )
            % {"line": line}
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FileRefused(_("The file is not a text file in UTF-8 or Windows encoding."))
    delimiter = _delimiter(text.splitlines()[:header_search_rows])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for fields in reader:
            number = len(rows) + 1
            if number > limits.max_rows:
                raise FileRefused(
                    _("The file has more than %(limit)s rows. Split it and import the parts.")
                    % {"limit": limits.max_rows}
                )
            if len(fields) > limits.max_columns:
                if any(field.strip() for field in fields[limits.max_columns :]):
                    raise FileRefused(
                        _("Row %(row)s of the file has %(count)s columns; a file can have at most %(limit)s.")
                        % {"row": number, "count": len(fields), "limit": limits.max_columns}
                    )
                fields = fields[: limits.max_columns]
            for field in fields:
                if len(field) > limits.max_text:
                    raise _long_field(number, limits)
            rows.append(fields)
    except (
        csv.Error
    ) as exc:  # a field past csv's own limit (128 KiB) is the only error a lenient reader gives
        raise _long_field(reader.line_num, limits) from exc
    return rows


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the first lines into the most rows of one width: `;` from Norwegian Excel,
    tab, or `,`. Counting characters is not enough: a `;` file with decimal commas may hold more commas."""

    def fit(delimiter: str) -> tuple[int, int]:
        try:
            widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1)
        except csv.Error:  # a field past csv's own limit: reading reports it
            return 0, 1
        width, rows = widths.most_common(1)[0] if widths else (1, 0)
        return rows, width

    # max keeps the first of equals: `;` before tab before `,`.
    return max(";\t,", key=fit)


def _long_field(row: int, limits: Limits) -> FileRefused:
    return FileRefused(
        _("Row %(row)s of the file has a field longer than %(limit)s characters.")
        % {"row": row, "limit": limits.max_text}
    )
