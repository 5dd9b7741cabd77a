"""Importing the benefit plan from Excel: good files, bad cells, wrong header, empty, not Excel, too large."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from benefits import excel
from benefits.models import Benefit, BenefitPlanYear
from tests.factories import ProjectFactory, SubProgrammeFactory

from .conftest import add_benefit

pytestmark = pytest.mark.django_db

HEADER = [
    "Prosjekt",
    "Gevinst",
    "Type",
    "Gevinsteier",
    "Plan 2026",
    "Realisert 2026",
    "Plan 2027",
    "Realisert 2027",
]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if header is not None:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, programme, data: bytes, name="gevinster.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("benefits:benefit_import", args=[programme.pk]), {"file": file})


def errors_of(response) -> list[tuple]:
    return [(e.row, e.column, e.message) for e in response.context["problems"]]


def test_good_file_creates_and_updates_benefits_with_norwegian_amounts(client, programme, project, people):
    add_benefit(project, title="Færre nattilsyn", planned=[1_000_000, 1_000_000])
    client.force_login(people["programme_leader"])
    data = xlsx(
        [
            [
                "Digitalt tilsyn",
                "færre nattilsyn",
                "Redusert kostnad",
                "Randi Kristiansen",
                "1 250 000",
                900000,
                "1,5 mill.",
                None,
                "1 000 000",
                50_000,
            ],
            ["digitalt tilsyn ", "Bedre søvn", "Kvalitet", "eier", "85,5", "80", 90, None, None, None],
        ],
        header=[*HEADER, "Uttak 2026", "Driftskostnad 2026"],
    )
    response = upload(client, programme, data)
    assert response.status_code == 302, errors_of(response)
    updated = Benefit.objects.get(title="Færre nattilsyn")
    assert updated.owner == people["owner"]
    plan = {
        py.year: (py.planned, py.realised, py.withdrawal, py.operating_cost)
        for py in updated.plan_years.all()
    }
    assert plan == {
        2026: (Decimal(1_250_000), Decimal(900_000), Decimal(1_000_000), Decimal(50_000)),
        2027: (Decimal(1_500_000), None, None, None),
    }
    quality = Benefit.objects.get(title="Bedre søvn")
    assert quality.kind == "quality"
    assert quality.plan_years.get(year=2026).planned == Decimal("85.5")
    assert updated.history.first().history_user == people["programme_leader"]


def test_file_with_bad_cells_in_several_rows_imports_nothing_and_lists_every_error(
    client, programme, project, people
):
    client.force_login(people["admin"])
    data = xlsx(
        [
            ["Digitalt tilsyn", "God rad", "Redusert kostnad", "", 100, None, None, None],
            ["Digitalt tilsyn", "Øre", "Redusert kostnad", "", "1 250,50", None, None, None],
            ["Ukjent prosjekt", "Noe", "Gevinst", "Ola Nordmann", "mye", None, None, None],
            ["Digitalt tilsyn", "", "Kvalitet", "", None, None, -5, None],
        ]
    )
    response = upload(client, programme, data)
    assert response.status_code == 200
    assert Benefit.objects.count() == 0
    assert errors_of(response) == [
        (
            3,
            "Plan 2026",
            "«1 250,50» er ikke et beløp i hele kroner; skriv f.eks. 1 250 000 eller 1,25 mill.",
        ),
        (
            4,
            "Prosjekt",
            "Ukjent prosjekt «Ukjent prosjekt». En import oppretter aldri prosjekter; sjekk navnet.",
        ),
        (
            4,
            "Type",
            "Ukjent type «Gevinst». Bruk en av: Redusert kostnad, Unngått kostnad, Økte inntekter, Kvalitet, Spart tid, Miljø, Annet.",
        ),
        (4, "Gevinsteier", "Ingen bruker heter «Ola Nordmann». Skriv fullt navn eller brukernavn."),
        (4, "Plan 2026", "«mye» er ikke et beløp i hele kroner; skriv f.eks. 1 250 000 eller 1,25 mill."),
        (5, "Gevinst", "Gevinstens navn mangler."),
    ]
    assert "Filen ble ikke importert: 6 feil" in response.content.decode()


def test_wrong_header_row_is_refused(programme, project):
    result = excel.parse_workbook(
        xlsx([["Digitalt tilsyn", "X", "Kvalitet"]], header=["Project", "Benefit", "Kind"]),
        projects=excel.ProjectLookup.build([]),
        people={},
    )
    assert [(e.row, e.column) for e in result.problems] == [(1, "")]
    assert "Overskriftsraden" in result.problems[0].message
    unknown_year = excel.parse_workbook(
        xlsx([], header=[*HEADER[:4], "Plan 2026", "Budsjett 2026"]),
        projects=excel.ProjectLookup.build([]),
        people={},
    )
    assert [(e.row, e.column) for e in unknown_year.problems] == [(1, "F")]
    assert "Årskolonnene heter Plan, Lav, Høy, Driftskostnad, Netto, Uttak eller Realisert" in (
        unknown_year.problems[0].message
    )


def test_the_old_yes_no_withdrawal_column_is_refused_with_the_reason(programme, project):
    """The layout before the gains ledger had «Uttak i budsjett» as Ja/Nei; a yes cannot become the amounts
    per year that a withdrawal is now, so the file is refused with the reason, not read without the column."""
    old = excel.parse_workbook(
        xlsx(
            [["Digitalt tilsyn", "X", "Redusert kostnad", "", "Ja", 100, None]],
            header=[*HEADER[:4], "Uttak i budsjett", "Plan 2026", "Realisert 2026"],
        ),
        projects=excel.ProjectLookup.build([]),
        people={},
    )
    assert [(e.row, e.column, e.message) for e in old.problems] == [
        (
            1,
            "Uttak i budsjett",
            "Kolonnen «Uttak i budsjett» (ja eller nei) leses ikke lenger: et uttak i budsjett er nå et beløp "
            "for hvert år, i kolonnene «Uttak ÅÅÅÅ». Fjern kolonnen, og skriv inn det som tas ut av budsjettet "
            "hvert år; last ned en ny mal for å se kolonnene.",
        )
    ]


def test_empty_file_and_file_without_rows_are_refused_with_a_message(client, programme, project, people):
    client.force_login(people["executive"])
    response = upload(client, programme, b"")
    assert response.status_code == 200
    assert errors_of(response) == [(None, "", "Filen er tom.")]
    assert (
        excel.parse_workbook(b"", projects=excel.ProjectLookup.build([]), people={}).problems[0].message
        == "Filen er tom."
    )
    no_rows = excel.parse_workbook(xlsx([], header=None), projects=excel.ProjectLookup.build([]), people={})
    assert no_rows.problems[0].message == "Filen har ingen rader. Ta utgangspunkt i malen."
    header_only = excel.parse_workbook(xlsx([]), projects=excel.ProjectLookup.build([]), people={})
    assert header_only.problems[0].message == "Filen har overskrifter, men ingen gevinstrader."


def test_non_excel_file_renamed_xlsx_is_refused(client, programme, project, people):
    client.force_login(people["admin"])
    response = upload(client, programme, b"Prosjekt;Gevinst\nDigitalt tilsyn;X\n", name="gevinster.xlsx")
    assert errors_of(response) == [
        (None, "", "Filen er ikke en Excel-arbeidsbok (.xlsx). Lagre den som Excel-arbeidsbok og prøv igjen.")
    ]


def test_file_over_the_size_limit_is_refused_whole(client, programme, project, people):
    client.force_login(people["admin"])
    response = upload(client, programme, b"x" * (excel.MAX_BYTES + 1))
    assert errors_of(response) == [
        (
            None,
            "",
            "Filen er for stor (5,0 MB). Grensen er 5 MB; del opp filen og importer delene hver for seg.",
        )
    ]
    assert Benefit.objects.count() == 0


def test_file_over_the_row_limit_is_refused_whole(monkeypatch, programme, project):
    monkeypatch.setattr(excel, "MAX_ROWS", 3)
    rows = [["Digitalt tilsyn", f"Gevinst {n}", "Kvalitet", "", 1, None, None, None] for n in range(4)]
    result = excel.parse_workbook(
        xlsx(rows),
        projects=excel.ProjectLookup.build(
            [{"pk": project.pk, "name": project.name, "sub_programme__name": "V"}]
        ),
        people={},
    )
    assert result.rows == []
    assert [e.message for e in result.problems] == [
        "Filen har mer enn 3 gevinstrader. Del den opp og importer delene hver for seg."
    ]


def test_programme_leader_may_not_import_for_another_sub_programme(client, programme, project, people):
    other = ProjectFactory(sub_programme=SubProgrammeFactory(programme=programme), name="Skolestruktur")
    client.force_login(people["programme_leader"])
    response = upload(
        client, programme, xlsx([[other.name, "X", "Redusert kostnad", "", 1, None, None, None]])
    )
    assert errors_of(response) == [
        (2, "Prosjekt", "Du har ikke lov til å importere gevinster for prosjektet «Skolestruktur».")
    ]


def test_same_project_name_in_two_sub_programmes_must_be_qualified(programme, project):
    twin = ProjectFactory(
        sub_programme=SubProgrammeFactory(programme=programme, name="Ansattløftet"), name="Digitalt tilsyn"
    )
    projects = excel.ProjectLookup.build(
        [
            {"pk": project.pk, "name": project.name, "sub_programme__name": "Velferd og teknologi"},
            {"pk": twin.pk, "name": twin.name, "sub_programme__name": "Ansattløftet"},
        ]
    )
    result = excel.parse_workbook(
        xlsx(
            [
                ["Digitalt tilsyn", "A", "Kvalitet", "", None, None, None, None],
                ["Ansattløftet / Digitalt tilsyn", "A", "Kvalitet", "", None, None, None, None],
            ]
        ),
        projects=projects,
        people={},
    )
    assert [(e.row, e.column) for e in result.problems] == [(2, "Prosjekt")]
    assert [r.project_id for r in result.rows] == [twin.pk]


def test_import_command_prints_every_error_and_exits_non_zero(tmp_path, programme, project, capsys):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(
        xlsx(
            [
                ["Ukjent", "X", "Kvalitet", "", None, None, None, None],
                ["Digitalt tilsyn", "Y", "Feil", "", None, None, None, None],
            ]
        )
    )
    with pytest.raises(CommandError):
        call_command("import_benefits", str(path))
    err = capsys.readouterr().err
    assert "Rad 2, kolonne «Prosjekt»: Ukjent prosjekt «Ukjent»" in err
    assert "Rad 3, kolonne «Type»: Ukjent type «Feil»" in err
    assert Benefit.objects.count() == 0


def test_export_command_then_import_command_changes_nothing(tmp_path, programme, project):
    add_benefit(
        project, title="Færre nattilsyn", planned=[1_000_000, 1_500_000, None, 2_000_000], realised=[800_000]
    )
    add_benefit(project, title="Bedre søvn", kind="quality", planned=["85.5"], realised=["80.25"])
    path = tmp_path / "plan.xlsx"
    before = list(BenefitPlanYear.objects.order_by("pk").values())
    history_before = BenefitPlanYear.history.count() + Benefit.history.count()
    call_command("export_benefits", str(path))
    call_command("import_benefits", str(path))
    assert list(BenefitPlanYear.objects.order_by("pk").values()) == before
    assert BenefitPlanYear.history.count() + Benefit.history.count() == history_before


def test_a_benefit_that_becomes_financial_with_ore_left_in_a_year_not_in_the_file_is_refused(
    client, programme, project, people
):
    add_benefit(project, title="Score", kind="quality", planned=["4.5", "4.75", "4.25"])
    client.force_login(people["admin"])
    response = upload(
        client,
        programme,
        xlsx([["Digitalt tilsyn", "Score", "Redusert kostnad", "", 5, None, None, None]]),
    )
    assert errors_of(response) == [
        (
            2,
            "Type",
            "Gevinstens nye type passer ikke med det som er lagret for 2028: Skriv et beløp i hele kroner, "
            "for eksempel 1 250 000 eller 1,25 mill. Ta med året i filen med tall som passer, eller rett det først.",
        )
    ]
    assert Benefit.objects.get(title="Score").kind == "quality"


def test_template_has_the_plan_header_and_a_guide_naming_projects_and_owners(
    client, programme, project, people
):
    from openpyxl import load_workbook

    client.force_login(people["politician"])
    response = client.get(reverse("benefits:benefit_template", args=[programme.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in workbook["Gevinstplan"][1]]
    figures = ("Plan", "Lav", "Høy", "Driftskostnad", "Netto", "Uttak", "Realisert")
    assert header == [
        *HEADER[:4],
        "Ansvarlig enhet",
        "Lav (% av forventet)",
        "Høy (% av forventet)",
        *[f"{figure} {year}" for year in range(2026, 2030) for figure in figures],
    ]
    guide = [row[0] for row in workbook["Veiledning"].iter_rows(values_only=True)]
    assert "Digitalt tilsyn" in guide
    assert "Randi Kristiansen" in guide
