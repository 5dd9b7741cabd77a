"""The project sheet in the PDF carries the benefit map (the same drawing as the page, as an image with its
alt text, and the map as text) and the status trend up to the report's period; read back from the PDF."""

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from benefits.models import ProjectChange
from portfolio.reports import selectors
from portfolio.reports.models import ReportStatus
from scorecards.models import Goal, ProjectGoal
from tests.factories import StatusReportFactory

from .conftest import normalise, pdf_text
from .test_report_rendering import order

pytestmark = pytest.mark.django_db(transaction=True)  # the report is made after the order commits


@pytest.fixture
def mapped(report_world):
    areas = report_world["projects"][2]
    goal = Goal.objects.create(programme=report_world["programme"], code="2", title="Bærekraftig økonomi")
    ProjectGoal.objects.create(project=areas, goal=goal)
    rent = areas.benefits.get(title="Lavere husleie")
    line = ProjectChange.objects.create(
        project=areas,
        deliverable="Aktivitetsbaserte kontorer",
        change="De ansatte deler arbeidsplasser",
    )
    line.benefits.add(rent)
    ProjectChange.objects.create(project=areas, deliverable="Opplæring", change="Nye vaner i kontoret")
    # 3. tertial 2025 reported green, 1. tertial 2026 not at all, 2. tertial 2026 red (the world's own).
    StatusReportFactory(project=areas, period_key="2025-T3", overall="green")
    return areas


def test_project_sheet_shows_the_map_as_text_and_the_trend_up_to_the_reports_period(
    report_world, mapped, media_root
):
    report = order(report_world, mapped)
    assert report.status == ReportStatus.DONE, report.error
    text = normalise(pdf_text(report.file.read()))
    assert "Gevinstkart" in text
    assert (
        "Leveransen «Aktivitetsbaserte kontorer» gir endringen «De ansatte deler arbeidsplasser» som gir "
        "gevinsten «Lavere husleie», som bidrar til målet «2 Bærekraftig økonomi» (prosjektets mål)."
    ) in text
    assert (
        "Leveransen «Opplæring» gir endringen «Nye vaner i kontoret» – ⚠ ufullstendig: endringen gir ingen gevinst ennå"
        in text
    )
    assert (
        "ingen endring gir gevinsten «Bedre inneklima», som bidrar til målet «2 Bærekraftig økonomi»" in text
    )
    assert "Status over tid" in text
    trend = text.split("Status over tid")[1]
    # Oldest first: 3. tertial 2025 green, 1. tertial 2026 no report, 2. tertial 2026 red; never 3. tertial 2026.
    assert "3. tertial 2025 1. tertial 2026 2. tertial 2026" in trend
    assert "Samlet status Grønn ingen rapport Rød" in trend
    assert "3. tertial 2026" not in trend


def test_the_pdf_carries_the_same_drawing_as_the_page_with_its_alt_text(
    report_world, mapped, media_root, client
):
    report = order(report_world, mapped)
    content = selectors.report_content(report=report)
    sheet = content.sheets[0]
    client.force_login(report_world["executive"])
    page = client.get(mapped.get_absolute_url()).content.decode()
    assert sheet.benefit_map.chart.svg in page
    # The image in the PDF keeps its alt text (tagged PDF): the structure tree holds it.
    reader = PdfReader(report.file)
    assert any(
        alt.startswith("Gevinstkart for Arealeffektivisering: 2 leveranser, 2 endringer")
        for alt in _alt_texts(reader)
    )
    assert any(
        alt.startswith("Statusutvikling fra 3. tertial 2025 til 2. tertial 2026")
        for alt in _alt_texts(reader)
    )


def _alt_texts(reader) -> list[str]:
    found = []

    def walk(node, depth=0):
        if depth > 60:
            return
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid, depth + 1)
        elif isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_sheet_with_the_map_renders_to_an_image(report_world, mapped, media_root, tmp_path):
    report = order(report_world, mapped)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report.file.read())
    pages = [
        number
        for number, page in enumerate(PdfReader(pdf).pages, start=1)
        if "Gevinstkart" in " ".join((page.extract_text() or "").split())
    ]
    assert pages
    out = tmp_path / "sheet"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", str(pages[-1] - 1), "-l", str(pages[-1]), str(pdf), str(out)],
        check=True,
    )
    images = sorted(tmp_path.glob("sheet*.png"))
    assert images and all(image.stat().st_size > 10_000 for image in images)
    from django.conf import settings

    artifacts = settings.BASE_DIR / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    for index, image in enumerate(images):
        shutil.copy(image, artifacts / f"benefit-map-pdf-sheet-{index + 1}.png")
