"""Published scorecards of Løten and Sandnes, pasted into Excel as an adviser would (tests/data/real, each file's
.md cites its source): the header is found below the title rows, the columns are proposed right, heading rows
become areas or perspectives, footnotes stay with the indicators they explain, and the values and statuses come
out as the source prints and says them."""

from decimal import Decimal

import pytest

from core.tables import ColumnRole
from scorecards import excel, values
from scorecards.values import Bound, Direction, Kind, Status

from .real_files import ADOLFSEN, BERGET, BERGET_CSV, LUND, SANDNES


def read(path, **kwargs) -> excel.ScorecardReading:
    return excel.read_scorecard(path.read_bytes(), path.name, **kwargs)


def by_name(reading) -> dict[str, excel.IndicatorRow]:
    return {row.name: row for row in reading.parsed.rows}


def statuses(reading) -> dict[tuple[str, int], Status]:
    return {
        (row.indicator.name, year.year): year.status
        for row in excel.build_preview(reading).rows
        for year in row.years
        if any(year.covered)
    }


ASSESSED = {Status.MET, Status.MISSED}


def confirmed_statuses(path, reading) -> dict[tuple[str, int], Status]:
    """The statuses once a person has accepted every inferred direction in the preview. Before that, no
    inferred direction gives Nådd or Ikke nådd."""
    assert not ASSESSED & {
        status
        for (name, _year), status in statuses(reading).items()
        if by_name(reading)[name].direction_inferred
    }
    chosen = {
        row.row: row.direction
        for row in reading.parsed.rows
        if row.direction_inferred and row.direction in (Direction.HIGHER, Direction.LOWER)
    }
    return statuses(read(path, mapping=reading.mapping.replace(directions=chosen)))


def test_lund_barnehage_two_label_columns_merged_areas_and_footnotes():
    reading = read(LUND)
    assert reading.source == "proposed" and reading.questions == [] and reading.parsed.problems == []
    assert reading.header.row_numbers == "3"
    assert reading.mapping.columns == {
        0: ColumnRole("area"),
        1: ColumnRole("indicator"),
        2: ColumnRole("result", 2013),
        3: ColumnRole("target", 2014),
        4: ColumnRole("result", 2014),  # «Resultat ⏎2014»: a line break inside the header cell
        5: ColumnRole("target", 2015),
    }
    # The area column is taken, so «Felles indikatorer:» becomes the perspective of the rows under it.
    assert reading.mapping.headings == "perspective"
    rows = by_name(reading)
    assert len(rows) == 14
    sick_leave = rows["Sykefravær - egenmeldt"]
    assert (sick_leave.area, sick_leave.perspective, sick_leave.row) == (
        "Arbeidsmiljø",
        "Felles indikatorer",
        7,
    )
    assert rows["Barnets trivsel**"].perspective == "Virksomhetens egne indikatorer"
    assert rows["Barnets trivsel**"].area == "Tjeneste -produksjon"  # the merged A11:A17
    assert rows["Barnets trivsel**"].notes == [
        "**Resultat fra brukerundersøkelsen. Skala fra 1 til 6, der 6 er beste resultat"
    ]
    assert rows["Brukertilfredshet*"].notes == ["*Skala fra 1 til 6, der 6 er beste resultat"]
    assert reading.parsed.notes == ["Kilde: https://www.loten.kommune.no/article37540-16965.html"]
    satisfaction = rows["Brukertilfredshet*"]
    assert satisfaction.results[2013].value.kind == Kind.NOT_MEASURED
    assert satisfaction.targets[2014].value == values.Value(Kind.NUMBER, Decimal("5.3"), Bound.GT)
    assert sick_leave.results[2014].value == values.Value(Kind.PERCENT, Decimal("1.76"))
    found = confirmed_statuses(LUND, reading)
    # The source: user satisfaction 5,0 «ble litt under det målet vi hadde satt oss» (>5,3).
    assert found[("Brukertilfredshet*", 2014)] == Status.MISSED
    # Sick leave: self-certified 1,76 % against <1,3 %, certified 7,18 % against <12 %.
    assert found[("Sykefravær - egenmeldt", 2014)] == Status.MISSED
    assert found[("Sykefravær – sykemeldt", 2014)] == Status.MET
    assert found[("Medarbeidertilfredshet*", 2014)] == Status.NOT_MEASURED
    assert found[("Brukertilfredshet*", 2015)] == Status.NOT_MEASURED  # a target, no result yet


def test_adolfsen_one_label_column_with_headings_dashes_and_limits():
    reading = read(ADOLFSEN)
    assert reading.questions == [] and reading.parsed.problems == []
    assert reading.header.row_numbers == "4"
    assert reading.mapping.columns == {
        0: ColumnRole("indicator"),  # «Område / Måleindikator»
        1: ColumnRole("result", 2014),  # «2014» alone
        2: ColumnRole("target", 2015),
        3: ColumnRole("result", 2015),
    }
    assert reading.mapping.headings == "area"
    rows = by_name(reading)
    assert len(rows) == 17
    assert rows["Sykefravær - egenmeldt"].area == "Felles indikatorer: Arbeidsmiljø"
    assert rows["Etter/videreutdanning, studiepoenggivende utdanning"].area == (
        "Virksomhetens egne indikatorer: Arbeidsmiljø"
    )
    satisfaction = rows["Brukertilfredshet*"]
    assert satisfaction.targets == {} and set(satisfaction.results) == {2014}  # «-» is no value
    assert satisfaction.notes[0].startswith("* Samlet resultat fra brukerundersøkelsen")
    economy = rows["Økonomisk resultat"].results[2015]
    assert (economy.original, economy.value) == (
        "101,7%**",
        values.Value(Kind.PERCENT, Decimal("101.7"), remark="**"),
    )
    assert rows["Klage på mangler ved arbeidet"].targets[2015].value.bound == Bound.LE  # «=< 2»
    assert rows["Sykefravær - egenmeldt"].results[2014].value == values.Value(Kind.PERCENT, Decimal("0.3"))
    # The file says no direction: each one is inferred and shown as such, never taken as stated.
    preview = excel.build_preview(reading)
    assert {row.direction_source for row in preview.rows} == {"inferred"}
    assert all(row.indicator.direction_inferred for row in preview.rows)


def test_adolfsen_maintenance_deviations_are_missed_once_lower_is_chosen_as_better():
    """«Avvik i forhold til vedlikeholdsplan»: target 0, result 3. Whatever is inferred, a person who says
    lower is better gets «Ikke nådd», and the preview says the direction was chosen."""
    proposed = read(ADOLFSEN)
    inferred = {row.row: row.direction for row in proposed.parsed.rows if row.direction_inferred}
    chosen = proposed.mapping.replace(directions={**inferred, 21: Direction.LOWER, 23: Direction.LOWER})
    reading = read(ADOLFSEN, mapping=chosen)
    found = statuses(reading)
    # Before anyone chose, the guess gives no Nådd/Ikke nådd.
    assert statuses(proposed)[("Avvik i forhold til vedlikeholdsplan", 2015)] == Status.NO_DIRECTION
    assert found[("Avvik i forhold til vedlikeholdsplan", 2015)] == Status.MISSED
    assert found[("Avvik fra strategiplan", 2015)] == Status.MISSED
    row = next(r for r in excel.build_preview(reading).rows if r.indicator.row == 21)
    assert (row.direction_source, row.indicator.direction_inferred) == ("chosen", "")
    # Bounds decide by themselves: «< 25» is met by 7 and «<2,0%» by 0,7 %.
    assert found[("Avvik fra forskrift/ lov eller skriftlige rutiner", 2015)] == Status.MET
    assert found[("Sykefravær - egenmeldt", 2015)] == Status.MET


@pytest.mark.parametrize("path", [BERGET, BERGET_CSV], ids=["xlsx", "csv"])
def test_berget_as_excel_and_as_semicolon_csv_give_the_same_values(path):
    reading = read(path)
    assert reading.questions == [] and reading.header.row_numbers == "4"
    assert list(reading.mapping.columns.values()) == [
        ColumnRole("indicator"),
        ColumnRole("result", 2014),
        ColumnRole("target", 2015),
        ColumnRole("result", 2015),
    ]
    rows = by_name(reading)
    assert rows["Sykefravær - egenmeldt"].area == "Felles indikatorer:Arbeidsmiljø"  # as the source spells it
    assert rows["Sykefravær – sykemeldt"].results[2015].value == values.Value(Kind.PERCENT, Decimal("9.0"))
    assert rows["Ventetid på langtidsopphold"].targets[2015].value == values.Value(
        Kind.DURATION, Decimal(3), Bound.LT, "uker"
    )
    assert rows["Brukertilfredshet*"].results[2015].value.kind == Kind.NOT_MEASURED
    found = confirmed_statuses(path, reading)
    assert found[("Sykefravær – sykemeldt", 2015)] == Status.MISSED  # 9,0 % is not below 9,0 %
    assert found[("Antall fall med bruddskader", 2015)] == Status.MET  # 2 against <5
    # «38/62»: a ratio is read as scorecards.values reads it; what it cannot read is a problem at its cell.
    ratio_row = rows["Andel høgskoleutdannede ansatte i forhold til helsefagarbeidere og ufaglærte i pleie"]
    for column, year, text in (("2014", 2014, "38/62"), ("Mål 2015", 2015, "50/50"), ("2015", 2015, "39/61")):
        try:
            expected = values.parse_value(text)
        except values.ValueParseError:
            assert any(
                (p.row, p.column) == (20, column) and f"«{text}»" in p.message
                for p in reading.parsed.problems
            )
        else:
            cells = ratio_row.targets if column.startswith("Mål") else ratio_row.results
            assert cells[year].value == expected


def test_berget_csv_keeps_the_text_as_written_with_its_decimal_commas():
    rows = by_name(read(BERGET_CSV))
    cell = rows["Sykefravær - egenmeldt"].results[2014]
    assert (cell.text, cell.original, cell.value.number) == ("2,0%", "2,0%", Decimal("2.0"))
    assert "Antall liggedøgn for utskrivningsklare pasienter det må betales for" in rows  # Windows-1252


def test_sandnes_result_without_a_year_is_asked_about_and_text_rows_explain_the_indicator_above():
    reading = read(SANDNES)
    assert reading.header.row_numbers == "4"
    assert reading.mapping.columns == {
        0: ColumnRole("indicator"),  # «Utvalgte styringsparametere»
        1: ColumnRole("result"),  # «Resultat ved sist måling»: a result, but of which year?
        2: ColumnRole("target", 2017),
    }
    (question,) = reading.questions
    assert (question.column, question.problem.row, question.problem.column) == (
        1,
        4,
        "Resultat ved sist måling",
    )
    assert "Kolonnen har resultater, men overskriften sier ikke hvilket år" in question.problem.message
    assert reading.parsed.rows == []  # nothing is read until it is answered

    answered = read(
        SANDNES,
        mapping=reading.mapping.replace(columns={**reading.mapping.columns, 1: ColumnRole("result", 2015)}),
    )
    assert answered.problems == []
    rows = by_name(answered)
    assert list(rows) == [
        "Netto driftsresultat i prosent av brutto driftsinntekter",
        "Medarbeidertilfredshet",
        "Ledelse",
        "Sykefravær",
    ]
    result = rows["Netto driftsresultat i prosent av brutto driftsinntekter"]
    assert result.area == "Økonomi" and rows["Ledelse"].area == "Menneskelige ressurser"
    assert result.results[2015].value == values.Value(Kind.PERCENT, Decimal("3.1"))
    assert result.targets[2017].value == values.Value(Kind.PERCENT, Decimal(0))
    assert result.notes[0].startswith("Netto driftsresultat viser hvor mye som kan disponeres")
    assert rows["Ledelse"].notes[0].startswith("I medarbeiderundersøkelsen 2015 hadde ledelsesindeksen")
    assert rows["Sykefravær"].notes == []
