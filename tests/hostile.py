"""Hostile files, made on the spot, for the tests of the file intake (core/intake.py) and `make bench`.

Each is what a real municipal network will eventually send: a zip bomb, a sparse far cell, a sheet that
declares a million rows, a giant shared string, XML with entity expansion or an external entity, broken
XML, a 5,000-digit number, a NUL byte, a huge CSV field, a CSV of 20,001 columns, and files that are not
what their names say. The xlsx files are written part by part with zipfile, so that they can hold what
no spreadsheet program would write.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    '<Relationship Id="rId2" Target="sharedStrings.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    "</Relationships>"
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
EMPTY_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
)

# The header and two rows of each import's template: the hostile part comes on top of a file that would
# otherwise import.
SCORECARD_ROWS = [
    ["Område", "Perspektiv", "Indikator", "Enhet", "Retning", "Mål 2024", "Resultat 2024"],
    ["Administrasjon", "Økonomi", "Netto driftsresultat", "%", "høyere er bedre", "1,75 %", "0,9 %"],
    ["Eiendom", "Økonomi", "Energikostnad per kvadratmeter", "kr", "lavere er bedre", "<205", "194"],
]
BENEFIT_ROWS = [
    ["Prosjekt", "Gevinst", "Type", "Gevinsteier", "Plan 2026", "Realisert 2026"],
    ["Digitalt tilsyn", "Færre nattilsyn", "Redusert kostnad", "", "1 250 000", ""],
]


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def row_xml(number: int, values: list[object]) -> str:
    cells = []
    for index, value in enumerate(values, start=1):
        ref = f"{column_letter(index)}{number}"
        if isinstance(value, int | float):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        elif value not in (None, ""):
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def template_rows_xml(rows: list[list[object]]) -> str:
    return "".join(row_xml(number, values) for number, values in enumerate(rows, start=1))


def xlsx(sheet_xml: str | bytes, *, strings: str | bytes = EMPTY_STRINGS, extra: dict | None = None) -> bytes:
    """A workbook of one sheet, from the sheet's XML (and the shared strings' XML) as given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        archive.writestr("xl/sharedStrings.xml", strings)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def sheet(rows_xml: str, *, before: str = "") -> str:
    return f"{SHEET_START}{before}<sheetData>{rows_xml}</sheetData></worksheet>"


def template_xlsx(rows: list[list[object]]) -> bytes:
    return xlsx(sheet(template_rows_xml(rows)))


def _streamed_xlsx(start: bytes, chunk: bytes, repeat: int, end: bytes, *, part: str) -> bytes:
    """A workbook whose `part` is `start`, `chunk` × `repeat` and `end`, deflated as it is written."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        if part != "xl/sharedStrings.xml":
            archive.writestr("xl/sharedStrings.xml", EMPTY_STRINGS)
        with archive.open(part, "w", force_zip64=True) as stream:
            stream.write(start)
            for _ in range(repeat):
                stream.write(chunk)
            stream.write(end)
        if part != "xl/worksheets/sheet1.xml":
            archive.writestr("xl/worksheets/sheet1.xml", sheet(template_rows_xml(SCORECARD_ROWS)))
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A sheet that unpacks to 300 MB of blanks (legal XML whitespace) from a file of about 300 kB."""
    start = f"{SHEET_START}<sheetData>{template_rows_xml(SCORECARD_ROWS)}".encode()
    return _streamed_xlsx(
        start, b" " * (1 << 20), 300, b"</sheetData></worksheet>", part="xl/worksheets/sheet1.xml"
    )


def _raw_deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _zip_of_packed_parts(parts: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A zip archive from parts already packed: (name, method, packed bytes, CRC-32, unpacked size). zipfile
    can only pack what it is given whole or as a stream; this writes a directory that tells the truth about
    a part packed some other way (sizes under 4 GiB: no zip64)."""
    buffer = io.BytesIO()
    directory = []
    for name, method, packed, crc, size in parts:
        encoded = name.encode()
        offset = buffer.tell()
        fields = (20, 0, method, 0, 0x21, crc, len(packed), size, len(encoded), 0)
        buffer.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields) + encoded + packed)
        directory.append(
            struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset) + encoded
        )
    start = buffer.tell()
    buffer.write(b"".join(directory))
    size = buffer.tell() - start
    buffer.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(parts), len(parts), size, start, 0))
    return buffer.getvalue()


def _workbook_parts(sheet_xml: bytes) -> list[tuple[str, int, bytes, int, int]]:
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _RELS),
        ("xl/workbook.xml", _WORKBOOK),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ("xl/sharedStrings.xml", EMPTY_STRINGS),
    ]
    packed = [(name, text.encode()) for name, text in parts] + [("xl/worksheets/sheet1.xml", sheet_xml)]
    return [
        (name, zipfile.ZIP_DEFLATED, _raw_deflated(data), zlib.crc32(data), len(data))
        for name, data in packed
    ]


@cache
def gigabyte_zip_bomb(gigabytes: int = 2) -> bytes:
    """A well-formed workbook of about 2 MB whose sheet XML unpacks to `gigabytes` GB: the benefit plan's
    template rows, then blanks (legal XML whitespace). The blanks are packed once, 16 MB at a time with a full
    flush after each, so that every 16 MB packs to the same bytes and the file is made in about a second
    instead of deflating the whole."""
    chunk = b" " * (1 << 24)
    start = f"{SHEET_START}<sheetData>{template_rows_xml(BENEFIT_ROWS)}".encode()
    end = b"</sheetData></worksheet>"
    repeat = gigabytes * 64
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(start) + packer.flush(zlib.Z_FULL_FLUSH)
    body = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.compress(end) + packer.flush()
    crc = zlib.crc32(start)
    for _ in range(repeat):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(end, crc)
    size = len(start) + repeat * len(chunk) + len(end)
    parts = _workbook_parts(b"")[:-1]
    parts.append(("xl/worksheets/sheet1.xml", zipfile.ZIP_DEFLATED, head + body * repeat + tail, crc, size))
    return _zip_of_packed_parts(parts)


@cache
def large_workbook(megabytes: int = 50) -> bytes:
    """A real workbook of `megabytes` MB: the benefit plan's template with a picture of that size (random
    bytes, stored, as a photo does not pack), as a file with pictures pasted in arrives."""
    picture = random.Random(0).randbytes(megabytes * 1024 * 1024)
    parts = _workbook_parts(sheet(template_rows_xml(BENEFIT_ROWS)).encode())
    parts.append(("xl/media/image1.png", zipfile.ZIP_STORED, picture, zlib.crc32(picture), len(picture)))
    return _zip_of_packed_parts(parts)


def sparse_far_cell(rows: list[list[object]]) -> bytes:
    """The template, plus one cell at XFD1 and one at A300: a full load makes every cell in between."""
    xml = _add_to_row(template_rows_xml(rows), 1, '<c r="XFD1"><v>1</v></c>')
    return xlsx(sheet(xml + row_xml(300, ["x"])))


def declared_dimension_bomb(rows: list[list[object]]) -> bytes:
    """The template under a declared dimension of A1:XFD1048576, followed by a million empty rows."""
    start = f'{SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData>{template_rows_xml(rows)}'.encode()
    first = len(rows) + 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", EMPTY_STRINGS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(start)
            for block in range(first, 1_048_577, 1000):
                last = min(block + 1000, 1_048_577)
                chunk = b"".join(b'<row r="%d"/>' % number for number in range(block, last))
                stream.write(chunk)
            stream.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def giant_shared_string() -> bytes:
    """One shared string of 400 MB in a file of about 400 kB."""
    start = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        b"<si><t>"
    )
    return _streamed_xlsx(start, b"A" * (1 << 20), 400, b"</t></si></sst>", part="xl/sharedStrings.xml")


def billion_laughs(rows: list[list[object]]) -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    xml = sheet(template_rows_xml(rows)).replace(
        "<worksheet ", f"<!DOCTYPE worksheet [{entities}]><worksheet ", 1
    )
    return xlsx(xml.replace("Netto driftsresultat", "&lol9;", 1))


def external_entity(rows: list[list[object]]) -> bytes:
    xml = sheet(template_rows_xml(rows)).replace(
        "<worksheet ", '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet ', 1
    )
    return xlsx(xml.replace("Netto driftsresultat", "&xxe;", 1))


def broken_xml(rows: list[list[object]]) -> bytes:
    xml = sheet(template_rows_xml(rows))
    return xlsx(xml[: len(xml) // 2])


def _add_to_row(rows_xml: str, number: int, cell_xml: str) -> str:
    start = rows_xml.index(f'<row r="{number}">')
    end = rows_xml.index("</row>", start)
    return rows_xml[:end] + cell_xml + rows_xml[end:]


def giant_integer(rows: list[list[object]]) -> bytes:
    """A number cell of 5,000 digits (Python refuses to make an int of more than 4,300 from text)."""
    return xlsx(sheet(_add_to_row(template_rows_xml(rows), 2, f'<c r="Z2"><v>{"9" * 5000}</v></c>')))


def nul_csv() -> bytes:
    return "Område;Perspektiv;Indikator;Mål 2024\r\nA;B;Navn med \x00 i;4\r\n".encode()


def huge_csv_field() -> bytes:
    return ("Område;Perspektiv;Indikator;Mål 2024\r\nA;B;" + "x" * 200_000 + ";4\r\n").encode()


def many_csv_columns() -> bytes:
    return ("Område;Perspektiv;Indikator;Mål 2024" + ";x" * 19_997 + "\r\nA;B;C;4\r\n").encode()


def giant_number_csv() -> bytes:
    return ("Område;Perspektiv;Indikator;Mål 2024\r\nA;B;C;" + "9" * 5000 + "\r\n").encode()


def picture_named_xlsx() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0" * 2000


def zip_without_xlsx_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("rapport.txt", "Dette er ikke et regneark.")
    return buffer.getvalue()


@dataclass(frozen=True)
class Hostile:
    """One hostile file: its kind, the name it is uploaded under, and what the refusal must say (a part
    of the Norwegian message)."""

    kind: str
    name: str
    says: str


# Every hostile file, with the file name it arrives under and a part of the Norwegian message it must get.
# `says` is matched against both imports' messages (benefits takes no CSV: it says so instead).
HOSTILE = [
    Hostile("zip_bomb", "bombe.xlsx", "pakket ut"),
    Hostile("sparse_far_cell", "fjern-celle.xlsx", "XFD1"),
    Hostile("declared_dimension_bomb", "million-rader.xlsx", "rader"),
    Hostile("giant_shared_string", "stor-tekst.xlsx", "pakket ut"),
    Hostile("billion_laughs", "latter.xlsx", "DTD"),
    Hostile("external_entity", "ekstern.xlsx", "DTD"),
    Hostile("broken_xml", "odelagt.xlsx", "skadet"),
    Hostile("giant_integer", "stort-tall.xlsx", "sifre"),
    Hostile("nul_csv", "nul.csv", "NUL"),
    Hostile("huge_csv_field", "langt-felt.csv", "tegn"),
    Hostile("many_csv_columns", "kolonner.csv", "kolonner"),
    Hostile("giant_number_csv", "stort-tall.csv", "«99999"),
    Hostile("picture_named_xlsx", "bilde.xlsx", "ikke en Excel-arbeidsbok"),
    Hostile("zip_without_xlsx_parts", "arkiv.xlsx", "ikke en Excel-arbeidsbok"),
]


@cache
def content(kind: str, target: str = "scorecard") -> bytes:
    """The bytes of a hostile file, on top of the scorecard's or the benefit plan's template rows."""
    rows = SCORECARD_ROWS if target == "scorecard" else BENEFIT_ROWS
    makers = {
        "zip_bomb": zip_bomb,
        "sparse_far_cell": lambda: sparse_far_cell(rows),
        "declared_dimension_bomb": lambda: declared_dimension_bomb(rows),
        "giant_shared_string": giant_shared_string,
        "billion_laughs": lambda: billion_laughs(rows),
        "external_entity": lambda: external_entity(rows),
        "broken_xml": lambda: broken_xml(rows),
        "giant_integer": lambda: giant_integer(rows),
        "nul_csv": nul_csv,
        "huge_csv_field": huge_csv_field,
        "many_csv_columns": many_csv_columns,
        "giant_number_csv": giant_number_csv,
        "picture_named_xlsx": picture_named_xlsx,
        "zip_without_xlsx_parts": zip_without_xlsx_parts,
    }
    return makers[kind]()
