"""core.tables reads a table as people paste it, knowing only the roles and aliases its caller gives: the header
wherever it stands (also on two rows), a proposed mapping, and the rows below told apart; CSV as Norwegian Excel
saves it. The roles here are a gains table's, to show that nothing in it is a scorecard's."""

import io

import pytest
from openpyxl import Workbook

from core import intake, tables
from core.tables import ColumnRole, LineKind, Role

ROLES = (
    Role("measure", ("tiltak", "tiltak / gevinst", "beskrivelse av tiltak"), item=True),
    Role("unit", ("enhet", "ansvar")),
    Role("plan", ("plan", "budsjett", "innsparing"), yearly=True, value=True),
    Role("realised", ("realisert", "regnskap"), yearly=True, bare_year=True, value=True),
)
LIMITS = intake.Limits(max_rows=200, max_columns=30)


def workbook(rows, *, merge=(), formats=None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    for cells in merge:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def grid_of(content: bytes, name: str = "tabell.xlsx") -> tables.Grid:
    return next(tables.read_grids(content, name, LIMITS))


def texts(header: tables.Header) -> list[str]:
    return [column.header for column in header.named]


def test_the_header_is_found_below_title_rows_blank_rows_and_a_note():
    grid = grid_of(
        workbook(
            [
                ["Budsjett 2025–2028"],
                ["Tall i hele 1000. Tabellen viser innsparingene som er vedtatt i desember."],
                [],
                ["Ansvar", "Beskrivelse av tiltak", "Plan 2025", "Plan 2026"],
                [120, "Færre lisenser", -500, -800],
            ]
        )
    )
    header = tables.find_header(grid, ROLES)
    assert header.rows == (3,) and header.row_numbers == "4" and header.data_start == 4
    assert tables.propose(header).roles == {
        0: ColumnRole("unit"),
        1: ColumnRole("measure"),
        2: ColumnRole("plan", 2025),
        3: ColumnRole("plan", 2026),
    }


def test_a_table_without_its_item_column_has_no_header():
    grid = grid_of(workbook([["Navn", "Verdi"], ["A", 1]]))
    assert tables.find_header(grid, ROLES) is None


def test_words_above_years_make_a_two_row_header():
    grid = grid_of(
        workbook(
            [
                ["Innsparinger"],
                ["Tiltak", "Regnskap", "Regnskap", "BUDSJETT"],
                [None, 2015, 2016, 2017],
                ["Færre lisenser", 10, 12, 15],
            ]
        )
    )
    header = tables.find_header(grid, ROLES)
    assert header.rows == (1, 2) and header.row_numbers == "2–3" and header.data_start == 3
    assert texts(header) == ["Tiltak", "Regnskap 2015", "Regnskap 2016", "BUDSJETT 2017"]
    assert list(tables.propose(header).roles.values()) == [
        ColumnRole("measure"),
        ColumnRole("realised", 2015),
        ColumnRole("realised", 2016),
        ColumnRole("plan", 2017),
    ]


def test_a_merged_year_above_its_words_spans_them():
    grid = grid_of(
        workbook(
            [
                [None, 2024, None, "2025", None],
                ["Tiltak", "Plan", "Realisert", "Plan", "Realisert"],
                ["Færre lisenser", 1, 2, 3, 4],
            ],
            merge=("B1:C1", "D1:E1"),
        )
    )
    header = tables.find_header(grid, ROLES)
    assert header.rows == (0, 1)
    assert list(tables.propose(header).roles.values())[1:] == [
        ColumnRole("plan", 2024),
        ColumnRole("realised", 2024),
        ColumnRole("plan", 2025),
        ColumnRole("realised", 2025),
    ]


def test_an_exact_name_wins_over_a_word_in_a_longer_header_and_equals_clash():
    grid = grid_of(workbook([["Tiltak", "Tiltak og kommentar", "Enhet", "Enhet", "Realisert i fjor"]]))
    header = tables.find_header(grid, ROLES)
    proposal = tables.propose(header)
    assert proposal.roles[0] == ColumnRole("measure") and 1 not in proposal.roles
    assert proposal.clashes == [(ColumnRole("unit"), (2, 3))]
    # A word of a longer header gives the role, but not the year the header does not name.
    assert header.columns[4].match == tables.Match("realised", None, False, ("realised",))


def test_headings_are_carried_to_the_rows_under_them_and_footnotes_kept_as_notes():
    grid = grid_of(
        workbook(
            [
                ["Tiltak", "Plan 2025", "Realisert 2025"],
                ["120: Personal:"],
                ["Færre stillinger*", 100, 80],
                [None, None, None],
                ["130: Drift"],
                ["Felles innkjøp", 50, "-"],
                [
                    "Dette tiltaket ble utsatt til høsten fordi leverandøren ikke kunne levere. Det er ventet i 2026."
                ],
                ["* Omfatter vakante stillinger"],
                ["1) Tall fra regnskapet"],
                ["Kilde: budsjettdokumentet"],
            ]
        )
    )
    header = tables.find_header(grid, ROLES)
    lines = tables.classify(grid, header, tables.propose(header).roles, ROLES)
    assert [(line.number, line.kind) for line in lines] == [
        (2, LineKind.HEADING),
        (3, LineKind.DATA),
        (4, LineKind.BLANK),
        (5, LineKind.HEADING),
        (6, LineKind.DATA),
        (7, LineKind.NOTE),
        (8, LineKind.NOTE),
        (9, LineKind.NOTE),
        (10, LineKind.NOTE),
    ]
    assert (lines[0].text, lines[1].heading, lines[4].heading) == (
        "120: Personal",
        "120: Personal",
        "130: Drift",
    )
    assert [line.mark for line in lines[5:]] == ["", "*", "1", ""]
    assert [line.footnote for line in lines[5:]] == [False, True, True, True]
    assert tables.trailing_mark("Færre stillinger*") == "*" and tables.trailing_mark("101,7%**") == "**"


def test_a_header_repeated_in_the_table_is_no_data_and_the_heading_above_the_first_starts_the_first_block():
    grid = grid_of(
        workbook(
            [
                ["Budsjett 2025"],
                ["120: Personal"],
                ["Tiltak", "Plan 2025", "Realisert 2025"],
                ["Færre stillinger", 100, 80],
                ["130: Drift"],
                ["Tiltak", "Plan 2025", "Realisert 2025"],
                ["Felles innkjøp", 50, 40],
            ]
        )
    )
    header = tables.find_header(grid, ROLES)
    assert header.row_numbers == "3"
    lines = tables.classify(grid, header, tables.propose(header).roles, ROLES)
    assert [(line.number, line.kind, line.text or line.heading) for line in lines] == [
        (2, LineKind.HEADING, "120: Personal"),
        (4, LineKind.DATA, "120: Personal"),
        (5, LineKind.HEADING, "130: Drift"),
        (6, LineKind.HEADER, ""),
        (7, LineKind.DATA, "130: Drift"),
    ]


def test_the_row_above_the_header_is_a_title_when_the_header_does_not_repeat_under_headings():
    rows = [["Målekort"], ["Tiltak", "Plan 2025"], ["Færre stillinger", 100], ["130: Drift"], ["Nytt", 5]]
    grid = grid_of(workbook(rows))
    header = tables.find_header(grid, ROLES)
    lines = tables.classify(grid, header, tables.propose(header).roles, ROLES)
    assert [line.number for line in lines] == [3, 4, 5] and lines[0].heading == ""
    # The header's cells again, but not all of them the header's: data.
    grid = grid_of(workbook([["Tiltak", "Plan 2025"], ["Tiltak", 2025], ["Tiltak", 100]]))
    header = tables.find_header(grid, ROLES)
    lines = tables.classify(grid, header, tables.propose(header).roles, ROLES)
    assert [line.kind for line in lines] == [LineKind.DATA, LineKind.DATA]


def test_a_lone_value_in_a_label_column_beside_the_item_is_data_not_a_heading():
    grid = grid_of(
        workbook([["Enhet", "Tiltak", "Plan 2025"], ["Drift", "Felles innkjøp", 50], [None, "Nytt tiltak"]])
    )
    header = tables.find_header(grid, ROLES)
    lines = tables.classify(grid, header, tables.propose(header).roles, ROLES)
    assert [line.kind for line in lines] == [LineKind.DATA, LineKind.DATA]


def test_cells_keep_the_text_the_spreadsheet_shows():
    grid = grid_of(
        workbook(
            [["Tiltak", "Plan 2025"], ["A", 0.02], ["B", 39083], ["C", 2014], ["D", 98], ["E", 4.5]],
            formats={"B2": "0.0%", "B3": "#,##0", "B4": "0", "B5": '0" %"'},
        )
    )
    shown = [row[1].text for row in grid.rows[1:]]
    assert shown == ["2,0 %", "39 083", "2014", "98 %", "4,5"]
    assert grid.rows[1][1].percent and grid.rows[4][1].percent_sign and not grid.rows[5][1].percent


CSV_ROWS = [
    "Innsparinger for økonomistaben;;;",
    ";;;",
    "Tiltak;Enhet;Plan 2025;Plan 2026",
    "Færre lisenser;Økonomi;-1,5;-2,25",
    "Sum;;-1,5;-2,25",
]


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8", ";"), ("utf-8", "\t")],
)
def test_csv_as_norwegian_excel_saves_it_is_read_with_its_decimal_commas(encoding, separator):
    content = "\r\n".join(row.replace(";", separator) for row in CSV_ROWS).encode(encoding)
    grid = grid_of(content, "innsparing.csv")
    header = tables.find_header(grid, ROLES)
    assert header.rows == (2,) and texts(header) == ["Tiltak", "Enhet", "Plan 2025", "Plan 2026"]
    row = grid.rows[3]
    assert [cell.text for cell in row] == ["Færre lisenser", "Økonomi", "-1,5", "-2,25"]
    assert row[3].number == pytest.approx(-2.25)


def test_a_semicolon_file_with_more_decimal_commas_than_semicolons_is_still_split_on_semicolons():
    content = "Tiltak;Plan 2025\r\nA;1,5\r\nB;2,5\r\nC;3,25\r\n".encode("cp1252")
    assert intake.csv_rows(content, LIMITS)[1] == ["A", "1,5"]


def test_a_comma_separated_file_is_read_too():
    content = b'Tiltak,Plan 2025,Realisert 2025\r\nA,"1,5",2\r\n'
    grid = grid_of(content, "tabell.csv")
    assert [cell.text for cell in grid.rows[1]] == ["A", "1,5", "2"]


def test_the_first_sheet_with_a_header_is_the_table():
    book = Workbook()
    book.active.append(["Slik fyller du ut arket"])
    book.create_sheet("Tiltak").append(["Tiltak", "Plan 2025"])
    buffer = io.BytesIO()
    book.save(buffer)
    grid, header = tables.first_table(tables.read_grids(buffer.getvalue(), "t.xlsx", LIMITS), ROLES)
    assert grid.sheet == "Tiltak" and texts(header) == ["Tiltak", "Plan 2025"]


def test_only_the_head_of_a_file_is_read_when_asked():
    content = workbook([["Tiltak", "Plan 2025"], *[[f"T{n}", n] for n in range(100)]])
    assert len(grid_of(content).rows) == 101
    assert len(next(tables.read_grids(content, "t.xlsx", LIMITS, head=10)).rows) == 10
