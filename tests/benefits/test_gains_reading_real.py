"""The gains reading (benefits.reading) on four published budget savings tables, checked against what each
source prints: the header and unit found, the sign asked about, sum rows (named or not) skipped and checked with
the source's own slips as warnings, an amount of the wrong sign a problem on its cell, and a CSV saved by
Norwegian Excel read as its workbook is. Pure: no database."""

import io
from decimal import Decimal

from openpyxl import Workbook

from benefits import excel, reading

from .real_savings import ELVERUM, KULTUR, OPPVEKST, OPPVEKST_CSV, SANDNES

NO_PROJECTS = excel.ProjectLookup.build([])


def read(path, **answers) -> reading.GainsReading:
    """The file read as proposed, then again with the answers over the proposed mapping."""
    content = path.read_bytes()
    gains = reading.read_gains(content, path.name, projects=NO_PROJECTS)
    if not answers:
        return gains
    mapping = gains.mapping.replace(**answers)
    return reading.read_gains(content, path.name, projects=NO_PROJECTS, mapping=mapping)


def by_row(gains: reading.GainsReading) -> dict[int, reading.GainRow]:
    return {row.row: row for row in gains.rows}


def planned_kroner(row: reading.GainRow) -> dict[int, Decimal | None]:
    return {year: amount.kroner for (which, year), amount in row.amounts.items() if which == reading.PLANNED}


def totals(gains: reading.GainsReading) -> dict[int, Decimal]:
    """The kroner of gain per year over the rows that will be imported."""
    found: dict[int, Decimal] = {}
    for row in gains.imported:
        for year, kroner in planned_kroner(row).items():
            found[year] = found.get(year, Decimal(0)) + (kroner or 0)
    return found


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_kristiansand_kultur_four_measures_in_1000_kr_sum_to_what_the_source_prints():
    gains = read(KULTUR)
    assert gains.header.row_numbers == "6"
    assert [(u.scale, u.text, u.row) for u in gains.units] == [(1000, "Tall i 1000kr i 2018 kr", 5)]
    assert (gains.scale, gains.scale_source) == (1000, "file")
    assert [q.about for q in gains.questions] == ["sign"]
    assert gains.sign_default is True  # every amount is negative: a saving printed with a minus

    gains = read(KULTUR, negative_gains=True, unmatched=reading.CREATE)
    assert gains.problems == [] and gains.warnings == []
    assert [row.row for row in gains.imported] == [7, 8, 9, 10]
    total = by_row(gains)[11]
    assert total.is_sum and total.decision == reading.SKIP and total.sum_of == (7, 8, 9, 10)
    assert [(c.year, c.printed, c.computed) for c in total.sum_checks] == [
        (2018, -1090, -1090),
        (2019, -1520, -1520),
        (2020, -1950, -1950),
        (2021, -2380, -2380),
    ]
    assert totals(gains) == {2018: 1_090_000, 2019: 1_520_000, 2020: 1_950_000, 2021: 2_380_000}
    # «-1290» is written without a thousands separator, the sums with one: both are read.
    assert by_row(gains)[10].amount(reading.PLANNED, 2020).original == "-1290"
    assert planned_kroner(by_row(gains)[10]) == {
        2018: 430_000,
        2019: 860_000,
        2020: 1_290_000,
        2021: 1_720_000,
    }


def test_kristiansand_oppvekst_slips_are_warnings_naming_both_figures_and_the_missing_minus_a_problem():
    gains = read(OPPVEKST)
    assert gains.header.row_numbers == "5"
    assert [(u.scale, u.text) for u in gains.units] == [
        (1000, "Tall i 1000 kr")
    ]  # «I 2018- kroner»: price level
    assert gains.sign_default is True

    gains = read(OPPVEKST, negative_gains=True, unmatched=reading.CREATE)
    total = by_row(gains)[13]
    assert total.is_sum and total.decision == reading.SKIP and total.sum_of == (8, 9, 10, 11)
    assert [(w.row, w.column) for w in gains.warnings] == [(13, "2018"), (13, "2020")]
    assert "-1 330" in gains.warnings[0].message.replace("\xa0", " ")
    assert "-1 350" in gains.warnings[0].message.replace("\xa0", " ")
    assert "-9 160" in gains.warnings[1].message.replace("\xa0", " ")
    assert "-6 760" in gains.warnings[1].message.replace("\xa0", " ")
    # «1 200» for Barn og familie in 2020 lacks its minus: an increase, never turned into a gain.
    assert [(p.row, p.column) for p in gains.problems] == [(9, "2020")]
    assert "«1 200»" in gains.problems[0].message
    assert by_row(gains)[9].amount(reading.PLANNED, 2020).kroner is None

    gains = read(OPPVEKST, negative_gains=True, unmatched=reading.CREATE, rows={9: reading.SKIP})
    assert gains.problems == []
    assert [row.row for row in gains.imported] == [8, 10, 11]
    assert planned_kroner(by_row(gains)[11]) == {2020: 5_130_000, 2021: 10_250_000}
    # The printed sums less the skipped row (-400, -800, -1 200 as the source meant it, -1 590) and, in 2018,
    # less the source's slip (it prints -1 330 where its rows add up to -1 350).
    assert totals(gains) == {2018: 950_000, 2019: 1_880_000, 2020: 7_960_000, 2021: 13_980_000}
    assert "Rådmannen foreslår at ca. 30 %" in by_row(gains)[11].notes[0]


def test_a_csv_saved_by_norwegian_excel_reads_as_its_workbook():
    assert b";" in OPPVEKST_CSV.read_bytes() and b"\xa0" in OPPVEKST_CSV.read_bytes()  # Windows-1252
    answers = {"negative_gains": True, "unmatched": reading.CREATE, "rows": {9: reading.SKIP}}
    from_csv, from_xlsx = read(OPPVEKST_CSV, **answers), read(OPPVEKST, **answers)
    assert from_csv.header.row_numbers == from_xlsx.header.row_numbers == "5"
    assert from_csv.scale == from_xlsx.scale == 1000
    assert [(r.row, r.title, r.decision, r.amounts) for r in from_csv.rows] == [
        (r.row, r.title, r.decision, r.amounts) for r in from_xlsx.rows
    ]
    assert from_csv.warnings == from_xlsx.warnings
    assert totals(from_csv) == totals(from_xlsx)


def test_sandnes_states_no_unit_and_is_asked_about_it():
    gains = read(SANDNES)
    assert gains.header.row_numbers == "3"
    assert gains.units == [] and gains.scale is None
    assert [q.about for q in gains.questions] == ["scale", "sign"]
    assert gains.mapping.columns[1] == reading.ColumnRole(reading.MEASURE)
    assert 0 not in gains.mapping.columns  # «NR» (F1, F2, P10 …) is not imported

    gains = read(SANDNES, scale=1000, negative_gains=True, unmatched=reading.CREATE, rows={12: reading.SKIP})
    assert gains.problems == [] and gains.scale_source == "chosen"
    assert [(row.row, row.heading) for row in gains.imported] == [
        (5, "Rådmannens staber"),
        (7, "Rådmannens staber"),
        (9, "Rådmannens staber"),
        (11, "Kommunen felles"),
    ]
    # «kr 6,3 millioner» in the source's text is row 7's −6326 in 1000 kr.
    assert planned_kroner(by_row(gains)[7]) == dict.fromkeys((2021, 2022, 2023, 2024), 6_326_000)
    assert totals(gains) == dict.fromkeys((2021, 2022, 2023, 2024), 8_756_000)


def test_sandnes_mixed_sign_row_is_a_problem_on_its_first_year():
    gains = read(SANDNES, scale=1000, negative_gains=True, unmatched=reading.CREATE)
    assert [(p.row, p.column) for p in gains.problems] == [(12, "2021")]
    assert planned_kroner(by_row(gains)[12]) == {2021: None, 2022: 610_000, 2023: 640_000, 2024: 640_000}


def test_elverum_unnamed_subtotals_are_found_skipped_and_checked():
    gains = read(ELVERUM)
    assert gains.header.row_numbers == "3"
    assert [(u.scale, u.text) for u in gains.units] == [(1000, "Tiltak (i 1000 kroner)")]
    rows = by_row(gains)
    for number, adds_up in ((7, (4, 5, 6)), (19, tuple(range(8, 19))), (20, (7, 19))):
        assert rows[number].is_sum and rows[number].decision == reading.SKIP, number
        assert rows[number].sum_of == adds_up
    assert [rows[n].title for n in (7, 19, 20)] == ["Driftsinntekt", "Driftsutgift", "Økonomistaben"]
    assert not any(rows[n].is_sum for n in rows if n not in (7, 19, 20))
    # The source rounds: Driftsutgift prints 19 968 where its rows add up to 19 967, in every year.
    assert [(w.row, w.column) for w in gains.warnings] == [
        (19, "2016"),
        (19, "2017"),
        (19, "2018"),
        (19, "2019"),
    ]
    assert all(check.matches for check in rows[20].sum_checks)


def test_elverum_savings_are_its_negative_rows_and_the_increases_are_problems_until_skipped():
    increases = [8, 9, 10, 15, 16, 17, 18]
    gains = read(ELVERUM, negative_gains=True, unmatched=reading.CREATE)
    assert sorted({p.row for p in gains.problems}) == increases
    gains = read(
        ELVERUM,
        negative_gains=True,
        unmatched=reading.CREATE,
        rows={**dict.fromkeys(increases, reading.SKIP), 4: reading.SKIP},
    )
    assert gains.problems == []
    assert [row.title for row in gains.imported] == [
        "Prisøkning salgsinntekter",
        "KS 48/15 Revidert økonomiplan 15-18",
        "Erkjentlighetsgaver ansatte, samles på personal",
        "Nedbemanning, jfr økoplan 15-18",
        "Innsparing kontinuerlig forbedring, jfr økoplan 15-18",
        "Statsbudsjettet: Uttrekk skatteoppkreving",
    ]
    assert totals(gains) == dict.fromkeys((2016, 2017, 2018, 2019), 3_643_000)


def test_a_sum_warning_names_the_column_as_the_file_names_it():
    gains = reading.read_gains(
        xlsx(
            [
                ["Tall i 1000 kr"],
                ["Tiltak", "HP 2025", "HP 2026"],
                ["Færre lisenser", -100, -200],
                ["Felles innkjøp", -50, -50],
                ["Sum", -150, -260],
            ]
        ),
        projects=NO_PROJECTS,
    )
    assert [(w.row, w.column) for w in gains.warnings] == [(5, "HP 2026")]


def test_a_row_matched_to_no_project_is_a_problem_in_its_name_column():
    gains = read(KULTUR, negative_gains=True)
    [problem] = by_row(gains)[7].problems
    assert (problem.row, problem.column) == (7, "Tiltak")
    assert "«Øke innsatsen for å få eksterne prosjekttilskudd.»" in problem.message
