"""A formula cell whose workbook holds no result for it (saved by a program that does not calculate, such as
openpyxl or some exporters) is a problem naming its cell, never an empty cell: the value it stands for would
otherwise disappear without a word. A formula with a stored result reads as that result, and text that only
begins with `=` stays text. core.intake does this once, for every import that reads workbooks."""

import io
import re
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from benefits import excel as benefits_excel
from benefits import reading as benefits_reading
from core import intake, tables
from core.import_problems import ImportProblem

LIMITS = intake.Limits(max_rows=200, max_columns=30)
SHEET = "xl/worksheets/sheet1.xml"
MESSAGE = (
    "Cellen C5 i arket «Tall» inneholder en formel (=SUM(C2:C4)) uten lagret resultat. Åpne filen i Excel, "
    "lagre den og last den opp igjen."
)


def workbook(rows, *, title="Tall", text_cells=()) -> bytes:
    """A workbook as openpyxl saves it: every formula without a result. `text_cells` are strings that begin
    with `=` and are stored as text, as Excel stores «=< 2» typed with an apostrophe."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for coordinate in text_cells:
        sheet[coordinate].data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def edited(content: bytes, edit) -> bytes:
    """The workbook with its first sheet's XML changed by `edit` (a str → str function)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for part in source.infolist():
            data = source.read(part)
            if part.filename == SHEET:
                data = edit(data.decode()).encode()
            copy.writestr(part, data)
    return out.getvalue()


def with_results(content: bytes, results: dict[str, str]) -> bytes:
    """The workbook as Excel saves it: each formula cell named with its stored result. A result of "" is an
    empty text, which Excel writes as `t="str"` and an empty `<v>`."""

    def edit(xml: str) -> str:
        for coordinate, result in results.items():
            kind = ' t="str"' if result == "" else ""
            xml = re.sub(
                rf'<c r="{coordinate}"([^>]*)>(<f>.*?</f>)<v\s*/>',
                rf'<c r="{coordinate}"\1{kind}>\2<v>{result}</v>',
                xml,
            )
        return xml

    return edited(content, edit)


def grid(content: bytes) -> tables.Grid:
    return next(tables.read_grids(content, "tall.xlsx", LIMITS))


def refusal(content: bytes) -> intake.FileRefused:
    with translation.override("nb"), pytest.raises(intake.FileRefused) as caught:
        grid(content)
    return caught.value


SUMS = [
    ["Tiltak", "2024", "2025"],
    ["A", 1, 2],
    ["B", 3, 4],
    ["C", 5, 6],
    ["Sum", "=SUM(B2:B4)", "=SUM(C2:C4)"],
]


def test_a_formula_without_a_stored_result_is_a_problem_naming_its_cell_not_an_empty_cell():
    refused = refusal(workbook(SUMS))
    assert refused.problems == [
        ImportProblem(5, "B", MESSAGE.replace("C5", "B5").replace("C2:C4", "B2:B4")),
        ImportProblem(5, "C", MESSAGE),
    ]
    # One sentence for an import that shows only the file's message: how many, and the first of them.
    assert refused.message.startswith("2 celler i arket «Tall» inneholder formler uten lagret resultat")
    assert "B5 (=SUM(B2:B4))" in refused.message


def test_a_formula_with_a_stored_result_reads_as_its_result():
    read = grid(with_results(workbook(SUMS), {"B5": "9", "C5": "12"}))
    assert [cell.value for cell in read.rows[4]] == ["Sum", 9, 12]


def test_a_formula_whose_stored_result_is_empty_text_reads_as_an_empty_cell():
    content = with_results(workbook([["Tiltak", "Merknad"], ["A", '=IF(1>2,"x","")']]), {"B2": ""})
    assert grid(content).rows[1][1].value is None


def test_text_that_begins_with_an_equals_sign_is_text_but_the_same_typed_as_a_formula_is_a_problem():
    rows = [["Indikator", "Mål 2015"], ["Antall avvik", "=< 2"]]
    assert grid(workbook(rows, text_cells=["B2"])).rows[1][1].value == "=< 2"
    # What the fixtures' build script once wrote (tests/data/real/README.md): a formula without a result.
    assert refusal(workbook(rows)).problems == [
        ImportProblem(
            2,
            "B",
            "Cellen B2 i arket «Tall» inneholder en formel (=< 2) uten lagret resultat. Åpne filen i Excel, "
            "lagre den og last den opp igjen.",
        )
    ]


def test_a_shared_formula_is_named_as_it_stands_in_its_own_cell():
    def share(xml: str) -> str:
        xml = xml.replace("<f>B2*2</f>", '<f t="shared" ref="C2:C3" si="0">B2*2</f>')
        return xml.replace("<f>B3*2</f>", '<f t="shared" si="0"/>')

    content = edited(workbook([["Tiltak", "Plan", "Dobbel"], ["A", 1, "=B2*2"], ["B", 2, "=B3*2"]]), share)
    assert [
        (p.row, p.column, re.search(r"\((.*)\)", p.message).group(1)) for p in refusal(content).problems
    ] == [
        (2, "C", "=B2*2"),
        (3, "C", "=B3*2"),
    ]


def test_a_formula_is_found_whatever_prefix_the_sheet_gives_its_namespace():
    def prefixed(xml: str) -> str:
        xml = re.sub(r"<(/?)(\w+)", r"<\1x:\2", xml)
        return xml.replace('xmlns="', 'xmlns:x="', 1)

    assert [(p.row, p.column) for p in refusal(edited(workbook(SUMS), prefixed)).problems] == [
        (5, "B"),
        (5, "C"),
    ]


def test_many_formulas_are_listed_up_to_a_limit_and_counted_beyond_it():
    rows = [["Tiltak", "Plan"]] + [[f"T{n}", f"=ROW()*{n}"] for n in range(2, 52)]
    problems = refusal(workbook(rows)).problems
    assert len(problems) == intake.MAX_LISTED_FORMULAS + 1
    assert problems[0].row == 2 and problems[-2].row == intake.MAX_LISTED_FORMULAS + 1
    assert problems[-1] == ImportProblem.for_file(
        f"… og {50 - intake.MAX_LISTED_FORMULAS} celler til med formler uten lagret resultat."
    )


def test_the_first_rows_of_a_sheet_are_read_without_its_later_formulas():
    content = workbook(SUMS)
    assert len(next(tables.read_grids(content, "tall.xlsx", LIMITS, head=4)).rows) == 4


def test_the_benefit_plan_import_and_the_gains_reading_name_each_cell_too():
    with translation.override("nb"):
        result = benefits_excel.parse_workbook(
            workbook(SUMS), projects=benefits_excel.ProjectLookup.build([]), people={}
        )
        gains = benefits_reading.read_gains(workbook(SUMS), projects=benefits_excel.ProjectLookup.build([]))
    for problems in (result.problems, gains.problems):
        assert [(problem.row, problem.column) for problem in problems] == [(5, "B"), (5, "C")]
        assert problems[0].message == (
            "Cellen B5 i arket «Tall» inneholder en formel (=SUM(B2:B4)) uten lagret resultat. "
            "Åpne filen i Excel, lagre den og last den opp igjen."
        )


def test_a_formula_cut_between_two_chunks_of_the_scan_is_found(monkeypatch):
    monkeypatch.setattr(intake, "_SCAN_CHUNK", 5)
    assert [(p.row, p.column) for p in refusal(workbook(SUMS)).problems] == [(5, "B"), (5, "C")]


def test_a_workbook_with_a_result_for_every_formula_is_read_once(monkeypatch):
    opened = []
    real = intake.load_workbook
    monkeypatch.setattr(intake, "load_workbook", lambda *args, **kw: opened.append(kw) or real(*args, **kw))
    grid(with_results(workbook(SUMS), {"B5": "9", "C5": "12"}))
    assert [kw["data_only"] for kw in opened] == [True]
    grid(workbook(SUMS[:4]))
    assert len(opened) == 2
