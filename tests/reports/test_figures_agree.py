"""Every figure that is both on a page and in an export or the PDF agrees, for the demo and a generated
programme. The figures are read from the page, the export and the PDF text and compared with each other,
never with numbers written here, so the test stays valid when a selector changes how a figure is made."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from core import roles
from portfolio.reports import services
from portfolio.reports.models import ReportStatus
from programmes.models import Project
from programmes.selectors import due_period

from .conftest import pdf_text, registered_before_the_period

pytestmark = pytest.mark.django_db(transaction=True)


def text_of(response) -> str:
    """A page's visible text with tags removed and runs of whitespace (incl. no-break spaces) as one space."""
    html = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def figure(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found in: {text[:3000]}"
    return match.group(1)


@pytest.fixture
def generated(role_user):
    from bench.generate import generate

    generated = generate(60, seed=3)
    registered_before_the_period()
    return generated.programme


@pytest.fixture(params=["demo", "generated"])
def programme(request):
    return request.getfixturevalue(request.param)


def test_page_export_and_pdf_show_the_same_figures(programme, client, media_root):
    executive = get_user_model().objects.filter(groups__name=roles.EXECUTIVE).first()
    if executive is None:
        from tests.factories import UserFactory

        executive = UserFactory(username="direktor-test")
        from django.contrib.auth.models import Group

        executive.groups.add(Group.objects.get_or_create(name=roles.EXECUTIVE)[0])
    client.force_login(executive)
    period = due_period(programme, timezone.localdate())
    report, _created = services.report_order(user=executive, scope_object=programme, period=period)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    pdf = pdf_text(report.file.read())

    # Missing status reports: the programme page, the register's export filtered on them, and the PDF.
    page = text_of(client.get(reverse("programmes:programme_detail", args=[programme.pk])))
    assert f"Statusrapporter for {period.label}" in page
    on_page = figure(r"Statusrapport mangler ?: (\d+)", page)
    in_pdf = figure(r"Statusrapport mangler (\d+)", pdf)
    export = client.get(reverse("programmes:project_export") + "?status=missing")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    in_export = sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if any(row))
    assert int(on_page) == int(in_pdf) == in_export
    not_reporting_page = figure(
        r"Rapporterer ikke \(idé, konsept, avsluttet eller ikke startet\) ?: (\d+)", page
    )
    not_reporting_pdf = figure(r"Rapporterer ikke \(idé, konsept, avsluttet eller ikke startet\) (\d+)", pdf)
    assert not_reporting_page == not_reporting_pdf

    # Planned and realised gains: the gain overview page and the PDF summary.
    gains = text_of(client.get(reverse("benefits:programme_overview", args=[programme.pk])))
    for label in ("Planlagt", "Realisert"):
        amount = r"([\d ]+ kr)"
        assert figure(rf"{label} {amount}", gains) == figure(rf"{label} {amount}", pdf), label


def cells(row_html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", c).split())
        for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, re.S)
    ]


def test_expected_gain_and_capacity_agree_between_pages_export_and_pdf(programme, client, media_root):
    executive = get_user_model().objects.filter(groups__name=roles.EXECUTIVE).first()
    if executive is None:
        from django.contrib.auth.models import Group

        from tests.factories import UserFactory

        executive = UserFactory(username="direktor-test")
        executive.groups.add(Group.objects.get_or_create(name=roles.EXECUTIVE)[0])
    client.force_login(executive)

    # A project's expected gain: its page and the register's Excel export (every project of the programme).
    export = client.get(reverse("programmes:project_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h or "") for h in rows[0]]
    name_col = next(i for i, h in enumerate(header) if h in ("Navn", "Prosjekt"))
    gain_col = next(i for i, h in enumerate(header) if h.startswith("Forventet gevinst"))
    in_export = {row[name_col]: row[gain_col] for row in rows[1:] if row[name_col]}
    projects = list(Project.objects.filter(sub_programme__programme=programme).order_by("pk"))
    assert projects
    for project in projects[:12]:
        page = text_of(client.get(project.get_absolute_url()))
        shown = figure(r"Forventet gevinst \d{4}–\d{4} (ikke anslått|[\d ]+ kr)", page)
        expected = None if shown == "ikke anslått" else int(shown.replace(" ", "").removesuffix("kr"))
        assert in_export[project.name] == expected, project.name

    # Capacity per year: the board's table and the PDF's (same selector, same rows).
    board = client.get(reverse("portfolio:board")).content.decode()
    period = due_period(programme, timezone.localdate())
    report, _created = services.report_order(user=executive, scope_object=programme, period=period)
    report.refresh_from_db()
    pdf = " ".join(pdf_text(report.file.read()).split())
    if "Ingen kapasitet er satt for dette programmet" in board:
        # No capacity: the board draws no line, and the PDF's table shows no capacity for any year.
        assert "Ingen kapasitet er satt for økonomiplanperioden." in pdf or re.search(
            r"Kapasitet per år mot prosjektene innenfor kapasiteten .*?\d{4} – ", pdf
        )
        return
    table = board[board.index("<tbody>", board.index("Kapasitet per år")) :]
    table = table[: table.index("</tbody>")]
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        year, capacity, within, _kroner, _within_kroner, gain, demand = cells(row)
        capacity = "–" if capacity == "ikke satt" else capacity
        assert f"{year} {capacity} {within} {demand} {gain}" in pdf, (year, capacity, within, demand, gain)
