"""Importing scorecards from Excel and CSV as municipalities write them: parse step, service and command."""

import dataclasses
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.import_problems import ImportRefused
from demo.engine.programmes import seed_programme_structure
from demo.engine.rows import Tally
from demo.engine.scorecards import seed_scorecards
from scorecards import excel, services
from scorecards.excel import reading
from scorecards.models import Indicator, IndicatorValue, Scorecard
from scorecards.values import Kind, format_value
from tests.scorecards.factories import ScorecardFactory


def xlsx(rows, *, percent_cells=(), merge=(), sheets_before=0) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for index in range(sheets_before):
        sheet.title = f"Veiledning {index}"
        sheet["A1"] = "Fyll ut arket «Målekort»."
        sheet = workbook.create_sheet("Målekort")
    for row in rows:
        sheet.append(row)
    for ref in percent_cells:
        sheet[ref].number_format = "0%"
    for ref in merge:
        sheet.merge_cells(ref)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER = [
    "Område",
    "Perspektiv",
    "Indikator",
    "Enhet",
    "Retning",
    "Mål 2024",
    "Resultat 2024",
    "Mål 2025",
    "Resultat 2025",
]


def test_a_real_looking_annual_report_sheet_is_read_with_every_value_form():
    content = xlsx(
        [
            ["Målekort 120: Økonomi og administrasjon", None, None],
            [],
            [
                "  OMRÅDE ",
                "perspektiv",
                "Indikator ",
                "Enhet",
                "RETNING ",
                "Mål 2024",
                "Resultat  2024",
                2023,
                "Resultat 2018 (ikke målt 2019)",
                None,
                None,
            ],
            [
                "Administrasjon",
                "Økonomi",
                "Netto driftsresultat",
                "%",
                None,
                "1,75 %",
                0.009,
                "2,1 %",
                "1,2 %",
                None,
                None,
            ],
            [None, None, "Endring i vikarutgifter", "%", None, "-5 %", "\u221221 %", "3 %", None],
            [
                None,
                "Tjenestekvalitet",
                "Innbyggertilfredshet",
                "skala",
                None,
                4.5,
                "4,53",
                "IKKE MÅLT",
                "ikke målt",
            ],
            [],
            ["Eiendom", "Økonomi", "Energikostnad per m²", "kr", None, "<205", 194, "226", "Ikke målt"],
            [None, None, "Areal per innbygger", "m²", None, "<0,7", "0,66", None, None],
            [None, "Samfunn", "Bookinger per uke", None, None, ">170", "175", "148", None],
            [None, "Samfunn", "Plassering i indeksen", None, None, "1. plass", "1. plass", "3. plass", None],
            [
                None,
                "Samfunn",
                "Besøk på nettsidene",
                None,
                None,
                "500\u00a0000",
                "610 000 (pga pandemi)",
                488900,
                None,
            ],
            [
                None,
                "Medarbeider",
                "Ventetid i telefonkø",
                "min",
                "Lavere er bedre",
                "5 min",
                "4 min",
                "15 min",
                None,
            ],
            [None, "Medarbeider", "Merknader fra revisor", None, "lavere er bedre", 0, 0, "1", None],
        ],
        percent_cells=("G4",),
        merge=("A4:A6",),
    )
    parsed = excel.read_scorecard_file(content, "årsrapport.xlsx")
    assert parsed.problems == []
    rows = {row.name: row for row in parsed.rows}
    assert len(rows) == 10
    first = rows["Netto driftsresultat"]
    assert (first.area, first.perspective, first.row) == ("Administrasjon", "Økonomi", 4)
    assert first.results[2024].value.kind == Kind.PERCENT
    assert first.results[2024].value.number == Decimal("0.9")
    assert first.results[2023].text == "2,1 %"
    assert first.results[2018].text == "1,2 %"
    # An empty Område/Perspektiv (a merged cell) repeats the one above.
    assert rows["Endring i vikarutgifter"].area == "Administrasjon"
    assert rows["Endring i vikarutgifter"].results[2024].value.number == -21
    assert rows["Innbyggertilfredshet"].perspective == "Tjenestekvalitet"
    assert rows["Innbyggertilfredshet"].targets[2024].text == "4,5"
    assert rows["Innbyggertilfredshet"].results[2023].value.kind == Kind.NOT_MEASURED
    assert rows["Energikostnad per m²"].area == "Eiendom"
    assert rows["Besøk på nettsidene"].results[2024].value.remark == "pga pandemi"
    assert rows["Besøk på nettsidene"].targets[2024].value.number == 500000
    assert rows["Merknader fra revisor"].results[2024].value.number == 0
    # Directions: stated, or inferred from a bound or a rank, otherwise higher is better.
    assert rows["Energikostnad per m²"].direction == "lower"
    assert "<205" in rows["Energikostnad per m²"].direction_inferred
    assert rows["Bookinger per uke"].direction == "higher"
    assert rows["Plassering i indeksen"].direction == "lower"
    assert rows["Innbyggertilfredshet"].direction == "higher"
    assert rows["Ventetid i telefonkø"].direction == "lower"
    assert rows["Ventetid i telefonkø"].direction_inferred == ""
    assert [row.name for row in parsed.inferred] == [
        "Netto driftsresultat",
        "Endring i vikarutgifter",
        "Innbyggertilfredshet",
        "Energikostnad per m²",
        "Areal per innbygger",
        "Bookinger per uke",
        "Plassering i indeksen",
        "Besøk på nettsidene",
    ]


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_else_is_returned_as_valid():
    content = xlsx(
        [
            HEADER,
            ["Adm", "Økonomi", "A", "", "", "4,5", "fire", "", ""],
            ["Adm", "Økonomi", "B", "", "sidelengs", "1", "2", "", ""],
            ["Adm", "Økonomi", "C", "", "", "1", "2", "3", "4 5"],
        ]
    )
    parsed = excel.read_scorecard_file(content, "f.xlsx")
    assert [(e.row, e.column) for e in parsed.problems] == [
        (2, "Resultat 2024"),
        (3, "Retning"),
        (4, "Resultat 2025"),
    ]
    assert "«fire» er ikke en verdi" in parsed.problems[0].message
    assert str(parsed.problems[0]).startswith("Rad 2, kolonne «Resultat 2024»: ")


def test_a_remark_alone_in_a_value_column_is_a_note_but_a_value_without_a_name_is_refused():
    rows = [["Indikator", "Mål 2019", "Resultat 2019"], ["Gjeldsgrad", "<60 %", "63 %"]]
    parsed = excel.read_scorecard_file(xlsx([*rows, [None, "Foreløpige, ureviderte tall"]]), "f.xlsx")
    assert parsed.problems == [] and parsed.rows[0].notes == ["Foreløpige, ureviderte tall"]
    parsed = excel.read_scorecard_file(xlsx([rows[0], [None, "Foreløpige tall", "63 %"]]), "f.xlsx")
    assert parsed.rows == [] and parsed.notes == []
    assert [(e.row, e.column, e.message) for e in parsed.problems] == [
        (2, "Indikator", "Raden har verdier, men ikke navn på indikatoren.")
    ]
    parsed = excel.read_scorecard_file(xlsx([*rows, [None, "4 5"]]), "f.xlsx")  # a mistyped value: refused
    assert [(e.row, e.column) for e in parsed.problems] == [(3, "Indikator")]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "tom.xlsx", "Filen er tom."),
        (b"dette er ikke excel", "feil.xlsx", "Filen er ikke en Excel-arbeidsbok (.xlsx)."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "gammel.xls", "gamle Excel-formatet (.xls)"),
        (xlsx([["Navn", "Verdi"], ["A", 1]]), "feil-overskrift.xlsx", "Fant ingen overskriftsrad"),
        (xlsx([["Område", "Perspektiv", "Indikator", "Kommentar"]]), "uten-år.xlsx", "«Mål YYYY»"),
        (xlsx([HEADER]), "bare-overskrift.xlsx", "ingen indikatorer"),
    ],
)
def test_empty_non_excel_and_wrong_header_files_get_a_clear_message(content, name, message):
    parsed = excel.read_scorecard_file(content, name)
    assert len(parsed.problems) == 1
    assert message in parsed.problems[0].message


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "LIMITS", dataclasses.replace(reading.LIMITS, max_bytes=100))
    parsed = excel.read_scorecard_file(xlsx([HEADER]), "stor.xlsx")
    assert "Filen er for stor" in parsed.problems[0].message


def test_the_scorecard_is_found_on_a_later_sheet_and_csv_with_semicolons_is_read():
    parsed = excel.read_scorecard_file(
        xlsx([HEADER, ["A", "B", "C", "", "", "1", "2", "", ""]], sheets_before=1)
    )
    assert parsed.problems == [] and parsed.rows[0].name == "C"
    csv = "Område;Perspektiv;Indikator;Mål 2025;Resultat 2025\r\nA;B;C;98 %;99,9 %\r\n".encode("utf-8-sig")
    parsed = excel.read_scorecard_file(csv, "målekort.csv")
    assert parsed.problems == []
    assert parsed.rows[0].results[2025].value.number == Decimal("99.9")


@pytest.mark.django_db
def test_import_is_all_or_nothing_and_a_second_identical_import_changes_nothing(role_user):
    owner = role_user("Kommunedirektør", username="eier")
    scorecard = ScorecardFactory(owner=owner)
    bad = excel.read_scorecard_file(
        xlsx([HEADER, ["A", "B", "C", "", "", "1", "2", "", ""], ["A", "B", "D", "", "", "x", "", "", ""]])
    )
    assert bad.problems
    with pytest.raises(ImportRefused):
        services.scorecard_import(scorecard=scorecard, parsed=bad, user=owner)
    assert not Indicator.objects.exists()

    good = excel.read_scorecard_file(xlsx([HEADER, ["A", "B", "C", "", "", "1", "2", "<5", "Ikke målt"]]))
    summary = services.scorecard_import(scorecard=scorecard, parsed=good, user=owner)
    assert (summary.created, summary.values_created) == (1, 2)
    history = IndicatorValue.history.count()
    again = services.scorecard_import(scorecard=scorecard, parsed=good, user=owner)
    assert not again.changed
    assert IndicatorValue.history.count() == history

    # An emptied cell removes that value; a year the file does not cover is left alone.
    changed = excel.read_scorecard_file(
        xlsx([["Område", "Perspektiv", "Indikator", "Mål 2025", "Resultat 2025"], ["a", "b", "c", "", "6"]])
    )
    summary = services.scorecard_import(scorecard=scorecard, parsed=changed, user=owner)
    assert (summary.unchanged, summary.values_updated) == (1, 1)
    value_2025 = IndicatorValue.objects.get(year=2025)
    assert (value_2025.target_text, value_2025.result_text) == ("", "6")
    assert IndicatorValue.objects.get(year=2024).result_text == "2"
    assert IndicatorValue.objects.get(year=2024).history.first().history_user == owner


@pytest.mark.django_db
def test_import_export_import_of_the_demo_scorecards_changes_nothing(tmp_path):
    seed_scorecards(seed_programme_structure(), Tally())
    for scorecard in Scorecard.objects.all():
        before = snapshot(scorecard)
        for suffix in ("xlsx", "csv"):
            history = IndicatorValue.history.count(), Indicator.history.count()
            path = tmp_path / f"{scorecard.pk}.{suffix}"
            call_command("export_scorecard", "--title", scorecard.title, str(path), stdout=io.StringIO())
            out = io.StringIO()
            call_command("import_scorecard", str(path), "--title", scorecard.title, stdout=out)
            assert "0 nye, 0 endrede" in out.getvalue()
            assert snapshot(scorecard) == before
            assert (IndicatorValue.history.count(), Indicator.history.count()) == history
            # Into a new scorecard, the export gives the same scorecard again.
            copy_title = f"Kopi {suffix} {scorecard.pk}"
            call_command("import_scorecard", str(path), "--title", copy_title, stdout=io.StringIO())
            assert snapshot(Scorecard.objects.get(title=copy_title)) == before


def snapshot(scorecard) -> list:
    return [
        (
            i.area,
            i.perspective,
            i.name,
            i.unit,
            i.direction,
            [(v.year, v.target_text, v.target, v.result_text, v.result) for v in i.values.order_by("year")],
        )
        for i in scorecard.indicators.order_by("position")
    ]


@pytest.mark.django_db
def test_import_command_refuses_a_bad_file_prints_every_error_and_exits_non_zero(tmp_path):
    path = tmp_path / "feil.xlsx"
    path.write_bytes(
        xlsx([HEADER, ["A", "B", "C", "", "", "x", "2", "", ""], ["A", "B", "D", "", "", "1", "", "", "y"]])
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_scorecard", str(path), "--title", "120: Test", stderr=err)
    assert "2 feil" in str(raised.value)
    assert "Rad 2, kolonne «Mål 2024»" in err.getvalue()
    assert "Rad 3, kolonne «Resultat 2025»" in err.getvalue()
    assert not Scorecard.objects.exists()


@pytest.mark.django_db
def test_import_command_creates_the_scorecard_and_reports_inferred_directions(tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(xlsx([HEADER, ["A", "B", "Energikostnad", "", "", "<205", "194", "", ""]]))
    out = io.StringIO()
    call_command("import_scorecard", str(path), "--title", "121/130: Eiendom", stdout=out)
    scorecard = Scorecard.objects.get()
    assert (scorecard.function_code, scorecard.first_year, scorecard.last_year) == ("121/130", 2024, 2025)
    assert "lavere er bedre" in out.getvalue()
    assert Indicator.objects.get().direction == "lower"


cell_texts = st.sampled_from(
    [
        "4,5",
        "98 %",
        "-21%",
        "<205",
        ">170",
        "1. plass",
        "15 min",
        "39 083",
        "610 000 (pga pandemi)",
        "Ikke målt",
        "0",
        "",
    ]
)


# No deadline: writing an .xlsx per example takes longer than 200 ms on a busy machine, which is not a defect.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(cell_texts, cell_texts), min_size=1, max_size=6))
def test_parse_step_keeps_every_cell_as_written_and_typed(cells):
    rows = [[*HEADER[:5], "Mål 2025", "Resultat 2025"]]
    rows += [["A", "B", f"Indikator {n}", "", "", target, result] for n, (target, result) in enumerate(cells)]
    parsed = excel.read_scorecard_file(xlsx(rows))
    assert parsed.problems == []
    for row, (target, result) in zip(parsed.rows, cells, strict=True):
        for cells_by_year, text in ((row.targets, target), (row.results, result)):
            if text:
                assert cells_by_year[2025].text == text
                assert format_value(cells_by_year[2025].value)
            else:
                assert 2025 not in cells_by_year


def test_a_two_row_header_with_years_over_mal_and_resultat_is_read():
    above = xlsx(
        [
            [None, None, None, 2024, None, "2025", None],
            ["Område", "Perspektiv", "Indikator", "Mål", "Resultat", "Mål", "Resultat"],
            ["A", "B", "C", "<205", "194", "<200", "188"],
        ],
        merge=("D1:E1", "F1:G1"),
    )
    below = xlsx(
        [
            ["Område", "Perspektiv", "Indikator", "2024", None, "2025", None],
            [None, None, None, "Mål", "Resultat", "Mål", "Resultat"],
            ["A", "B", "C", "<205", "194", "<200", "188"],
        ],
        merge=("D1:E1", "F1:G1"),
    )
    for content in (above, below):
        parsed = excel.read_scorecard_file(content)
        assert parsed.problems == []
        (row,) = parsed.rows
        assert ({y: c.text for y, c in row.targets.items()}, {y: c.text for y, c in row.results.items()}) == (
            {2024: "<205", 2025: "<200"},
            {2024: "194", 2025: "188"},
        )
        assert row.row == 3


def test_percent_sign_formats_without_scaling_give_percentages():
    workbook_bytes = xlsx([[*HEADER[:3], "Resultat 2025"], ["A", "B", "C", 98]])
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(workbook_bytes))
    workbook.active["D2"].number_format = '0" %"'
    buffer = io.BytesIO()
    workbook.save(buffer)
    (row,) = excel.read_scorecard_file(buffer.getvalue()).rows
    assert row.results[2025].value.kind == Kind.PERCENT
    assert row.results[2025].text == "98 %"
