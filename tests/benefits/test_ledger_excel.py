"""The gains ledger in and out of Excel (issue 18, point 6): the export writes every figure of every ledger
year with numbers, not text; the product's own layout round-trips with them; a file in a layout of its own
maps its withdrawal, operating-cost, low and high columns through the columns page and the preview, with the
same unit and sign handling and the model's own rules as problems on their cells; years after the ledger's
horizon are refused; a mapped file imported by a worker stores what its preview showed."""

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from benefits import excel, reading
from benefits.ledger_rows import ledger_plan
from benefits.models import (
    Benefit,
    BenefitImportMapping,
    BenefitPlanImport,
    BenefitPlanYear,
    BenefitUpload,
    EconomicPlan,
)
from benefits.services import gains_files
from tests.factories import BenefitFactory, BenefitPlanYearFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

FIGURES = ("Plan", "Lav", "Høy", "Driftskostnad", "Netto", "Uttak", "Realisert")


@pytest.fixture
def ledger(programme, project, people):
    """A programme that follows its gains for six years (2026–2031, two past its economic plan), with a
    financial gain that has every figure and a non-financial one."""
    EconomicPlan.objects.filter(programme=programme).update(horizon_years=6)
    saving = BenefitFactory(
        project=project,
        title="Færre nattilsyn",
        kind="reduced_cost",
        owner=people["owner"],
        unit="Hjemmetjenesten",
        range_low_percent=70,
        range_high_percent=120,
    )
    BenefitPlanYearFactory(
        benefit=saving,
        year=2026,
        planned=Decimal(1_000_000),
        low=Decimal(800_000),
        high=Decimal(1_100_000),
        operating_cost=Decimal(150_000),
        withdrawal=Decimal(500_000),
        realised=None,
    )
    BenefitPlanYearFactory(
        benefit=saving, year=2031, planned=Decimal(2_000_000), operating_cost=Decimal(100_000), realised=None
    )
    quality = BenefitFactory(project=project, title="Bedre søvn", kind="quality", unit_of_measure="poeng")
    BenefitPlanYearFactory(
        benefit=quality, year=2027, planned=Decimal("4.5"), low=Decimal("4.25"), realised=None
    )
    return saving, quality


def snapshot():
    return (
        sorted(
            Benefit.objects.values_list(
                "pk",
                "title",
                "kind",
                "owner_id",
                "unit",
                "range_low_percent",
                "range_high_percent",
                "version",
            )
        ),
        sorted(
            BenefitPlanYear.objects.values_list(
                "benefit_id", "year", "planned", "low", "high", "operating_cost", "withdrawal", "realised"
            )
        ),
    )


def workbook_bytes(rows, *, merged=(), sheet_title="Ark1") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, programme, data: bytes, name="gevinster.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("benefits:benefit_import", args=[programme.pk]), {"file": file})


def row_html(page: str, row: int) -> str:
    return re.search(rf'<tr id="row-{row}".*?</tr>', page, re.S).group(0)


# --- Out --------------------------------------------------------------------------------------------------


def test_the_export_writes_every_ledger_figure_per_year_as_numbers(client, programme, ledger, people):
    client.force_login(people["executive"])
    response = client.get(reverse("benefits:benefit_export", args=[programme.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Gevinstplan"]
    header = [cell.value for cell in sheet[1]]
    # The ledger's six years, not only the economic plan's four.
    assert header == [
        "Prosjekt",
        "Gevinst",
        "Type",
        "Gevinsteier",
        "Ansvarlig enhet",
        "Lav (% av forventet)",
        "Høy (% av forventet)",
        *[f"{figure} {year}" for year in range(2026, 2032) for figure in FIGURES],
    ]
    rows = {
        row[1].value: {header[i]: cell for i, cell in enumerate(row)} for row in sheet.iter_rows(min_row=2)
    }
    saving = rows["Færre nattilsyn"]
    assert [saving[name].value for name in header[:7]] == [
        "Digitalt tilsyn",
        "Færre nattilsyn",
        "Redusert kostnad",
        "Randi Kristiansen",
        "Hjemmetjenesten",
        70,
        120,
    ]
    assert [saving[f"{figure} 2026"].value for figure in FIGURES] == [
        1_000_000,
        800_000,
        1_100_000,
        150_000,
        850_000,  # net: planned less the operating cost (selectors.counting.net_gain)
        500_000,
        None,
    ]
    assert saving["Netto 2031"].value == 1_900_000 and saving["Plan 2031"].value == 2_000_000
    # Numbers with a number format, never text.
    assert saving["Uttak 2026"].data_type == "n" and saving["Uttak 2026"].number_format == "#,##0"
    assert saving["Lav (% av forventet)"].number_format == '0" %"'
    quality = rows["Bedre søvn"]
    assert quality["Plan 2027"].value == 4.5 and quality["Lav 2027"].value == 4.25
    assert quality["Netto 2027"].value is None  # a net gain in kroner only for a financial gain
    assert sheet.auto_filter.ref  # an adviser filters by project, owner or unit
    assert workbook.sheetnames == ["Gevinstplan"]


def test_the_net_gain_in_the_export_is_the_counting_rule():
    from benefits.selectors.counting import net_gain

    year = excel.LedgerYear(planned=Decimal(900), operating_cost=Decimal(1_000))
    assert year.figure(excel.NET, True) == net_gain(Decimal(900), Decimal(1_000)) == -100
    assert excel.LedgerYear(operating_cost=Decimal(5)).figure(excel.NET, True) is None


# --- The product's own layout, back in -----------------------------------------------------------------


def test_the_export_imports_back_unchanged_and_a_changed_withdrawal_is_stored(
    client, programme, ledger, people
):
    client.force_login(people["admin"])
    before = snapshot()
    exported = client.get(reverse("benefits:benefit_export", args=[programme.pk])).content
    response = upload(client, programme, exported)
    assert response.status_code == 302
    assert snapshot() == before

    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook["Gevinstplan"]
    header = [cell.value for cell in sheet[1]]
    saving_row = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "Færre nattilsyn")
    saving_row[header.index("Uttak 2027")].value = "400 000"
    saving_row[header.index("Driftskostnad 2027")].value = 120_000
    saving_row[header.index("Plan 2027")].value = "1,2 mill."
    saving_row[header.index("Lav (% av forventet)")].value = 60
    saving_row[header.index("Ansvarlig enhet")].value = "Helse og omsorg"
    saving_row[header.index("Netto 2027")].value = 42  # computed, never read
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, programme, buffer.getvalue())
    assert response.status_code == 302
    saving = Benefit.objects.get(title="Færre nattilsyn")
    assert (saving.unit, saving.range_low_percent, saving.range_high_percent) == ("Helse og omsorg", 60, 120)
    year = saving.plan_years.get(year=2027)
    assert (year.planned, year.operating_cost, year.withdrawal) == (1_200_000, 120_000, 400_000)
    assert saving.plan_years.get(year=2026).withdrawal == 500_000


def own_layout(rows, extra=()) -> bytes:
    return workbook_bytes(
        [["Prosjekt", "Gevinst", "Type", "Gevinsteier", *extra], *rows],
    )


def test_the_own_layout_refuses_each_year_by_the_models_rules_and_names_the_cell(
    client, programme, ledger, people
):
    client.force_login(people["admin"])
    data = own_layout(
        [
            ["Digitalt tilsyn", "A", "Redusert kostnad", "", 100, 200, None, None, None, None],
            ["Digitalt tilsyn", "B", "Kvalitet", "", 5, None, None, 10, 10, None],
            ["Digitalt tilsyn", "C", "Redusert kostnad", "", 100, None, 50, None, None, 150],
            ["Digitalt tilsyn", "D", "Redusert kostnad", "", 100, None, None, -5, None, None],
        ],
        extra=["Plan 2026", "Lav 2026", "Høy 2026", "Driftskostnad 2026", "Uttak 2026", "Plan 2040"],
    )
    response = upload(client, programme, data)
    assert response.status_code == 200
    problems = [(e.row, e.column, e.message) for e in response.context["problems"]]
    assert problems == [
        (2, "Lav 2026", "Det lave tallet kan ikke være større enn det planlagte (forventede) tallet."),
        (3, "Driftskostnad 2026", "Bare økonomiske gevinster har driftskostnader og uttak i budsjett."),
        (3, "Uttak 2026", "Bare økonomiske gevinster har driftskostnader og uttak i budsjett."),
        (4, "Høy 2026", "Det høye tallet kan ikke være mindre enn det planlagte (forventede) tallet."),
        (5, "Driftskostnad 2026", "En gevinst kan ikke være negativ."),
        (
            1,
            "Plan 2040",
            "2040 er etter 2031, det siste året programmet følger gevinstene sine. Fjern tallene for 2040, "
            "eller utvid årene gevinstene følges i økonomiplanen.",
        ),
    ]
    assert not Benefit.objects.filter(title__in="ABCD").exists()


def test_a_figure_that_does_not_fit_what_is_stored_is_refused_in_the_write_step(
    client, programme, ledger, people
):
    """The file gives only the low figure of 2026; with the planned figure stored (1 000 000), 1 200 000 is
    larger than expected: refused with the model's message on the file's column, nothing written."""
    client.force_login(people["admin"])
    before = snapshot()
    data = own_layout(
        [["Digitalt tilsyn", "Færre nattilsyn", "Redusert kostnad", "Randi Kristiansen", 1_200_000]],
        extra=["Lav 2026"],
    )
    response = upload(client, programme, data)
    assert [(e.row, e.column, e.message) for e in response.context["problems"]] == [
        (2, "Lav 2026", "Det lave tallet kan ikke være større enn det planlagte (forventede) tallet.")
    ]
    assert snapshot() == before


def test_a_range_percentage_out_of_bounds_is_refused_with_the_fields_own_message(programme, project):
    result = excel.parse_workbook(
        own_layout(
            [
                ["Digitalt tilsyn", "A", "Redusert kostnad", "", 120, "90 %"],
                ["Digitalt tilsyn", "B", "Kvalitet", "", "mye", None],
            ],
            extra=["Lav (% av forventet)", "Høy (% av forventet)"],
        ),
        projects=excel.ProjectLookup.build(
            [{"pk": project.pk, "name": project.name, "sub_programme__name": "V"}]
        ),
        people={},
    )
    assert [(e.row, e.column, e.message) for e in result.problems] == [
        (2, "Lav (% av forventet)", "Verdien må være mindre enn eller lik 100."),
        (2, "Høy (% av forventet)", "Verdien må være større enn eller lik 100."),
        (3, "Lav (% av forventet)", "«mye» er ikke en hel prosent; skriv f.eks. 70 eller 120."),
    ]


# --- A file of its own layout, through the columns page and the preview ------------------------------


def pasted_file() -> bytes:
    """As a finance adviser pastes a gains table into Excel: a merged title, the unit in a line of its own,
    a blank row, the header in row 4 (withdrawal and operating cost beside the savings), savings printed with
    a minus in millions, amounts as text with spaces and non-breaking spaces as thousands separators."""
    return workbook_bytes(
        [
            ["Gevinstrealiseringsplan 2026–2029, Helse og omsorg", None, None, None, None, None],
            ["Beløp i mill. kr", None, None, None, None, None],
            [],
            ["Tiltak", "Enhet", "2026", "2027", "Uttak 2026", "Driftskostnad 2026", "Lav 2026", "Netto 2026"],
            ["Digitalt tilsyn", "Hjemmetjenesten", "-1,5", -2, "-1,2", "0,1", "-1", "-1,4"],
            ["Ny turnus", "Sykehjem", "-0,25", None, None, None, None, None],
        ],
        merged=["A1:F1", "A2:F2"],
    )


@pytest.fixture
def signed_in(client, people):
    client.force_login(people["executive"])
    return client


def selected(page: str, name: str) -> str:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    found = re.search(r'<option value="([^"]*)" selected>', select)
    return found.group(1) if found else ""


def test_a_pasted_table_maps_withdrawal_and_operating_cost_and_the_preview_shows_them(
    signed_in, programme, project, people
):
    client = signed_in
    response = upload(client, programme, pasted_file())
    upload_ = BenefitUpload.objects.get()
    page = client.get(response["Location"]).content.decode()
    # Proposed from the headers: the new yearly roles, the responsible unit, and the net gain left out.
    assert [selected(page, f"column_{i}") for i in range(8)] == [
        "measure",
        "unit",
        "planned:2026",
        "planned:2027",
        "withdrawal:2026",
        "operating_cost:2026",
        "low:2026",
        "ignore",
    ]
    columns = {"rad": "4"} | {
        f"column_{i}": value
        for i, value in enumerate(
            [
                "measure",
                "unit",
                "planned:2026",
                "planned:2027",
                "withdrawal:2026",
                "operating_cost:2026",
                "low:2026",
                "ignore",
            ]
        )
    }
    response = client.post(response["Location"], columns)
    preview_url = reverse("benefits:upload_preview", args=[programme.pk, upload_.pk])
    assert response["Location"] == preview_url
    page = client.get(preview_url).content.decode()
    assert "Filen sier «Beløp i mill. kr» (rad 2)." in page
    assert "Uttak i budsjett 2026" in page and "Driftskostnad 2026" in page and "Lavt anslag 2026" in page
    first = row_html(page, 5)
    # The withdrawal follows the gains' sign (a budget cut printed with a minus), the operating cost does not.
    assert "1\xa0200\xa0000 kr" in first and "«-1,2»" in first
    assert "100\xa0000 kr" in first and "«0,1»" in first
    assert "1\xa0500\xa0000 kr" in first and "1\xa0000\xa0000 kr" in first
    response = client.post(
        preview_url,
        {"scale": "1000000", "sign": "negative", "unmatched": "skip", "kind": "reduced_cost", "confirm": "1"},
    )
    assert response.status_code == 302, response.context and response.context["settle"]
    saving = Benefit.objects.get(title="Digitalt tilsyn")
    assert saving.unit == "Hjemmetjenesten"
    year = saving.plan_years.get(year=2026)
    assert (year.planned, year.low, year.operating_cost, year.withdrawal) == (
        1_500_000,
        1_000_000,
        100_000,
        1_200_000,
    )
    # The mapping remembered for next year's file has the new roles.
    remembered = BenefitImportMapping.objects.get(programme=programme).columns
    assert remembered["uttak ####"] == "withdrawal:*"
    assert remembered["driftskostnad ####"] == "operating_cost:*"
    assert remembered["enhet"] == "unit"


def test_the_preview_shows_the_models_problems_on_their_cells_and_nothing_is_stored(
    signed_in, programme, project
):
    data = workbook_bytes(
        [
            ["Tall i hele kroner"],
            ["Tiltak", "Type", "Plan 2026", "Lav 2026", "Driftskostnad 2026", "Uttak 2026", "Uttak 2035"],
            ["Digitalt tilsyn", "Redusert kostnad", "1 000", "2 000", "-50", None, "10"],
            ["Bedre søvn", "Kvalitet", "4,5", None, "3", None, None],
        ]
    )
    response = upload(signed_in, programme, data)
    upload_ = BenefitUpload.objects.get()
    response = signed_in.post(
        response["Location"],
        {
            "rad": "2",
            "column_0": "measure",
            "column_1": "kind",
            "column_2": "planned:2026",
            "column_3": "low:2026",
            "column_4": "operating_cost:2026",
            "column_5": "withdrawal:2026",
            "column_6": "withdrawal:2035",
        },
    )
    preview_url = reverse("benefits:upload_preview", args=[programme.pk, upload_.pk])
    response = signed_in.post(
        preview_url,
        {
            "scale": "1",
            "unmatched": "skip",
            "kind": "reduced_cost",
            "row_4": f"link:{project.pk}",
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    settle = [item.text for item in response.context["settle"]]
    assert settle == [
        "Rad 2, kolonne «Uttak 2035»: 2035 er etter 2029, det siste året programmet følger gevinstene sine. "
        "Fjern tallene for 2035, eller utvid årene gevinstene følges i økonomiplanen.",
        "Rad 3, kolonne «Driftskostnad 2026»: «-50» er negativt; en driftskostnad skrives som et positivt tall, "
        "uansett hvilket fortegn gevinstene har.",
        "Rad 3, kolonne «Lav 2026»: Det lave tallet kan ikke være større enn det planlagte (forventede) tallet.",
        "Rad 4, kolonne «Driftskostnad 2026»: Bare økonomiske gevinster har driftskostnader og uttak i budsjett.",
    ]
    page = response.content.decode()
    assert "Det lave tallet kan ikke være større" in row_html(page, 3)
    assert not Benefit.objects.exists()


def test_the_old_yes_no_withdrawal_column_is_asked_about_until_it_is_not_imported(
    signed_in, programme, project
):
    data = workbook_bytes(
        [
            ["Prosjekt", "Gevinst", "Type", "Gevinsteier", "Uttak i budsjett", "Plan 2026", "Realisert 2026"],
            ["Digitalt tilsyn", "Færre nattilsyn", "Redusert kostnad", "", "Ja", 100_000, None],
        ]
    )
    response = upload(signed_in, programme, data)
    # Not the product's layout any more: the columns page, with the question on that column.
    upload_ = BenefitUpload.objects.get()
    page = signed_in.get(response["Location"]).content.decode()
    assert selected(page, "column_4") == "withdrawal:"
    assert "«Uttak i budsjett» ser ut som ja/nei-kolonnen i gevinstplanens gamle oppsett." in page
    columns = {
        "rad": "1",
        "column_0": "project",
        "column_1": "measure",
        "column_2": "kind",
        "column_3": "owner",
        "column_4": "withdrawal:",
        "column_5": "planned:2026",
        "column_6": "realised:2026",
    }
    response = signed_in.post(response["Location"], columns)
    assert response.status_code == 200
    assert "velg «Importeres ikke» for denne kolonnen" in response.content.decode()
    response = signed_in.post(
        reverse("benefits:upload_columns", args=[programme.pk, upload_.pk]), columns | {"column_4": "ignore"}
    )
    assert response["Location"] == reverse("benefits:upload_preview", args=[programme.pk, upload_.pk])


def test_reading_keeps_the_operating_cost_out_of_the_sign_question(programme, project):
    """Savings printed with a minus and operating costs as positive numbers: the sign's default is taken
    from the gains alone, and a positive operating cost is no «increase»."""
    data = workbook_bytes(
        [
            ["Tall i 1000 kr"],
            ["Tiltak", "2026", "Driftskostnad 2026", "Uttak 2026"],
            ["Digitalt tilsyn", -100, 300, -50],
        ]
    )
    gains = gains_files.read_upload(content=data, file_name="x.xlsx", programme=programme, user=None)
    assert gains.has_negative and gains.sign_default is True
    shown = reading.with_sign(gains, True)
    amounts = {key: amount.kroner for key, amount in shown.rows[0].amounts.items()}
    assert amounts == {
        ("planned", 2026): 100_000,
        ("operating_cost", 2026): 300_000,
        ("withdrawal", 2026): 50_000,
    }
    assert shown.rows[0].problems == []


# --- The worker -------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("eager", "imports_to_worker")
def test_the_worker_stores_the_ledger_figures_the_preview_showed(
    signed_in, programme, project, django_capture_on_commit_callbacks
):
    response = upload(signed_in, programme, pasted_file())
    upload_ = BenefitUpload.objects.get()
    signed_in.post(
        response["Location"],
        {
            "rad": "4",
            "column_0": "measure",
            "column_1": "unit",
            "column_2": "planned:2026",
            "column_3": "planned:2027",
            "column_4": "withdrawal:2026",
            "column_5": "operating_cost:2026",
            "column_6": "low:2026",
            "column_7": "ignore",
        },
    )
    preview_url = reverse("benefits:upload_preview", args=[programme.pk, upload_.pk])
    choices = {"scale": "1000000", "sign": "negative", "unmatched": "skip", "kind": "reduced_cost"}
    shown = signed_in.post(preview_url, choices | {"update": "1"}, follow=True).content.decode()
    assert "1\xa0200\xa0000 kr" in row_html(shown, 5)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(preview_url, choices | {"confirm": "1"})
    job = BenefitPlanImport.objects.get()
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "done", job.failure
    year = Benefit.objects.get(title="Digitalt tilsyn").plan_years.get(year=2026)
    assert (year.planned, year.low, year.operating_cost, year.withdrawal) == (
        1_500_000,
        1_000_000,
        100_000,
        1_200_000,
    )


def test_ledger_plan_reads_in_a_fixed_number_of_queries(programme, ledger, django_assert_num_queries):
    with django_assert_num_queries(4):
        years, rows = ledger_plan(programme_id=programme.pk)
    assert years == list(range(2026, 2032)) and len(rows) == 2


def test_thousands_separators_as_spaces_and_non_breaking_spaces_are_read_in_every_ledger_column(
    programme, project
):
    """Kroner pasted from a report: a merged title over the table, the header in row 3, thousands written
    with a space, a non-breaking space or a narrow one, in the withdrawal and operating-cost columns too."""
    data = workbook_bytes(
        [
            ["Gevinster i hele kroner", None, None, None, None],
            [],
            ["Tiltak", "Plan 2026", "Høy 2026", "Driftskostnad 2026", "Uttak 2026"],
            ["Digitalt tilsyn", "1 250 000", "1\u00a0500\u00a0000", "75\u202f000", "1 000 000 kr"],
        ],
        merged=["A1:E1"],
    )
    gains = gains_files.read_upload(content=data, file_name="x.xlsx", programme=programme, user=None)
    assert gains.header.row_numbers == "3" and gains.scale == 1 and gains.problems == []
    [row] = gains.rows
    assert {key: amount.kroner for key, amount in row.amounts.items()} == {
        ("planned", 2026): 1_250_000,
        ("high", 2026): 1_500_000,
        ("operating_cost", 2026): 75_000,
        ("withdrawal", 2026): 1_000_000,
    }
    [stored], _proposals = reading.gain_rows_to_import(gains)
    assert (stored.project_id, stored.withdrawal, stored.operating_cost) == (
        project.pk,
        {2026: 1_000_000},
        {2026: 75_000},
    )
