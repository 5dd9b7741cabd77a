"""A report is rendered (in-process here) into an archive-grade, tagged PDF with the programme's content."""

import io
import re

import pytest
from pypdf import PdfReader

from benefits import selectors as benefit_selectors
from core.periods import Period
from core.templatetags.formatting import nok
from portfolio.reports import services
from portfolio.reports.models import Report, ReportStatus

from .conftest import (
    PERIOD_KEY,
    PLANNED_TOTAL,
    REALISED_TOTAL,
    normalise,
    pdf_text,
    registered_before_the_period,
)

pytestmark = pytest.mark.django_db(transaction=True)


def order(world, scope_object=None):
    report, created = services.report_order(
        user=world["executive"],
        scope_object=scope_object or world["programme"],
        period=Period.from_key(PERIOD_KEY),
    )
    assert created
    report.refresh_from_db()
    return report


def test_programme_report_names_the_programme_every_sub_programme_and_the_gain_sums(report_world, media_root):
    report = order(report_world)
    assert report.status == ReportStatus.DONE, report.error
    text = pdf_text(report.file.read())
    assert "Utvikling og bærekraft" in text
    for sub in report_world["sub_programmes"]:
        assert sub.name in text
    for project in report_world["projects"]:
        assert project.name in text
    overview = benefit_selectors.gain_overview(programme_id=report_world["programme"].pk)
    assert (overview.planned_total, overview.realised_total) == (PLANNED_TOTAL, REALISED_TOTAL)
    assert normalise(nok(PLANNED_TOTAL)) in text
    assert normalise(nok(REALISED_TOTAL)) in text
    assert "2. tertial 2026" in text
    # Every page but the cover is numbered out of the whole.
    numbers = re.findall(r"Side (\d+) av (\d+)", text)
    assert numbers == [(str(n), str(report.page_count)) for n in range(2, report.page_count + 1)]


def test_pdf_declares_pdf_a_3b_is_tagged_and_carries_title_language_and_author(report_world, media_root):
    report = order(report_world)
    reader = PdfReader(io.BytesIO(report.file.read()))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert str(catalog["/Lang"]).lower().startswith("nb")
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and ">3<" in xmp.replace('"3"', ">3<")
    assert "B" in xmp.split("pdfaid:conformance")[1][:5]
    assert reader.metadata.title == report.title
    assert reader.metadata.author == "Eva Direktør"
    assert report.page_count == len(reader.pages)


def test_fonts_are_embedded(report_world, media_root):
    report = order(report_world)
    reader = PdfReader(io.BytesIO(report.file.read()))
    fonts = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts.append(any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts and all(fonts)


def test_status_of_a_later_period_is_left_out_of_the_report(report_world, media_root):
    report = order(report_world, report_world["projects"][0])
    text = pdf_text(report.file.read())
    assert "Status 2. tertial 2026" in text
    assert "3. tertial 2026" not in text


def test_sub_programme_report_has_only_its_projects(report_world, media_root):
    report = order(report_world, report_world["sub_programmes"][1])
    text = pdf_text(report.file.read())
    assert "Arealeffektivisering" in text
    assert "Digital innbyggerdialog" not in text
    assert "Godkjenne ny leieavtale" in text  # the decision needed, in the list of attention


def test_report_records_sha256_pages_and_size_of_its_file(report_world, media_root):
    import hashlib

    report = order(report_world)
    data = report.file.read()
    assert report.sha256 == hashlib.sha256(data).hexdigest()
    assert report.size == len(data)
    assert report.page_count >= 5
    assert report.progress == 100


def test_regenerating_makes_a_new_report_and_leaves_the_published_one_as_it_was(report_world, media_root):
    first = order(report_world)
    services.report_publish(user=report_world["executive"], report=first)
    first.refresh_from_db()
    second = order(report_world)
    assert second.pk != first.pk
    assert Report.objects.get(pk=first.pk).sha256 == first.sha256
    assert Report.objects.get(pk=first.pk).file.name == first.file.name


def test_programme_report_shows_capacity_and_only_the_decisions_of_the_period(report_world, media_root):
    import datetime
    from decimal import Decimal

    from portfolio.models import Capacity, Decision

    programme = report_world["programme"]
    Capacity.objects.create(programme=programme, year=2026, person_years=Decimal("12.5"), kroner=9_000_000)
    chat, _booking, areas = report_world["projects"]
    Decision.objects.create(
        project=chat,
        outcome="include",
        rationale="Stor gevinst og lav risiko.",
        decided_on=datetime.date(2026, 6, 10),
        decided_by=report_world["executive"],
    )
    Decision.objects.create(
        project=areas,
        outcome="wait",
        rationale="Vedtatt etter perioden.",
        decided_on=datetime.date(2026, 10, 1),
        decided_by=report_world["executive"],
    )
    text = pdf_text(order(report_world).file.read())
    assert "Kapasitet og beslutninger i perioden" in text
    assert "12,5" in text
    assert "Stor gevinst og lav risiko." in text
    assert "Vedtatt etter perioden." not in text


def test_project_without_a_status_report_for_the_period_is_flagged(report_world, media_root):
    from tests.factories import StatusReportFactory

    StatusReportFactory(project=report_world["projects"][1], period_key="2026-T1", overall="green")
    text = pdf_text(order(report_world, report_world["sub_programmes"][0]).file.read())
    assert "Ingen statusrapport for 2. tertial 2026; dette er den siste." in text
    assert "Ingen statusrapport for perioden" in text


def test_an_older_status_in_a_table_says_which_period_it_is_from(report_world, media_root):
    from tests.factories import StatusReportFactory

    project = report_world["projects"][1]
    project.status_reports.all().delete()
    StatusReportFactory(project=project, period_key="2026-T1", overall="green")
    text = normalise(pdf_text(order(report_world, report_world["sub_programmes"][0]).file.read()))
    assert "Grønn (fra 1. tertial 2026)" in text  # in the sub-programme table, not as this period's


def test_report_content_reads_a_fixed_number_of_queries_whatever_the_number_of_projects(report_world):
    """The sheets are read in batches, never with a query per project (a 200-project report once made
    thousands of queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portfolio.reports import selectors
    from tests.factories import MilestoneFactory, ProjectFactory, RiskFactory

    report = order(report_world)
    report.programme  # noqa: B018 - loaded once here, so both counts below leave it out

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            content = selectors.report_content(report=report)
        return len(captured), len(content.sheets)

    few, sheets_before = queries()
    for index in range(12):
        project = ProjectFactory(
            sub_programme=report_world["sub_programmes"][index % 2], name=f"Ekstra {index}"
        )
        MilestoneFactory(project=project)
        RiskFactory(project=project)
    registered_before_the_period()
    many, sheets_after = queries()
    assert sheets_after == sheets_before + 12
    assert many == few


def test_summary_shows_the_most_urgent_projects_and_the_full_list_follows_it(report_world, media_root):
    from portfolio.reports import selectors
    from tests.factories import ProjectFactory

    sub = report_world["sub_programmes"][1]
    for index in range(selectors.SUMMARY_ROWS + 2):  # under way, and no status report: attention
        ProjectFactory(sub_programme=sub, name=f"Avvik {index}", phase="execution")
    registered_before_the_period()
    report = order(report_world)
    from portfolio.reports import body, snapshot

    content = selectors.report_content(report=report)
    # Red first (Arealeffektivisering), then the rest in programme order; the summary takes the first rows.
    assert content.attention[0].project.name == "Arealeffektivisering"
    stored = snapshot.load(report.snapshot)
    assert [row["name"] for row in stored["summary"]["attention"]] == [
        sheet.project.name for sheet in content.attention
    ]
    cut = body.summary_cut(stored)
    assert cut.attention_on_summary == stored["summary"]["attention"][: selectors.SUMMARY_ROWS]
    assert cut.attention_cut and cut.lists_continue

    text = normalise(pdf_text(report.file.read()))
    total = len(content.attention)
    assert f"Alle {total} prosjektene står i de fullstendige listene" in text
    assert "Fullstendige lister: oppmerksomhet og beslutninger" in text
    assert "Avvik 6" in text.split("Fullstendige lister: oppmerksomhet og beslutninger")[-1]


def test_a_full_project_sheet_keeps_to_one_page(report_world, media_root):
    """Status with a comment on every dimension, eight milestones, five risks (three shown) and four
    benefits: the sheet still ends ("Mål prosjektet bidrar til") on the page where it starts."""
    from pypdf import PdfReader

    from benefits.models import Benefit
    from tests.factories import MilestoneFactory, RiskFactory, StatusReportFactory

    project = report_world["projects"][1]
    comment = (
        "Leverandøren er forsinket med integrasjonen, og tiltakene er ikke avklart med prosjekteier ennå."
    )
    StatusReportFactory(
        project=project,
        period_key=PERIOD_KEY,
        **dict.fromkeys(("overall", "schedule", "cost", "scope", "gains"), "yellow"),
        **{f"{name}_comment": comment for name in ("overall", "schedule", "cost", "scope", "gains")},
        achieved="Kartlagt dagens arbeidsprosesser og gjennomført pilot i to enheter med gode resultater.",
        next_steps="Breddeutrulling til resten av tjenesten, opplæring av superbrukere og gevinstmåling.",
        decisions_needed="Godkjenne utvidet tidsplan og en budsjettøkning på 400 000 kr for 2027.",
    )
    for index in range(8):
        MilestoneFactory(project=project, title=f"Milepæl {index + 1}: leveranse av delprosjektet")
    for index in range(5):
        RiskFactory(project=project, title=f"Risiko {index + 1}: forsinket leveranse fra leverandør")
    for index in range(3):
        Benefit.objects.create(project=project, title=f"Gevinst {index + 1}", kind="reduced_cost")

    report = order(report_world, project)
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(report.file).pages]
    starts = [number for number, text in enumerate(pages) if "Milepæl 8: leveranse" in text]
    assert len(starts) == 1
    assert "Mål prosjektet bidrar til" in pages[starts[0]]
    assert project.name in pages[starts[0]]


def test_capacity_table_counts_a_proposals_estimate_and_says_how_much_is_estimated(report_world, media_root):
    """Issue 13, defect 4: the portfolio's expected gain per year includes a proposal's estimate (one
    selector, programmes.gains), and the report says which part is an estimate."""
    from decimal import Decimal

    from portfolio.models import Capacity
    from tests.factories import ProjectFactory

    programme = report_world["programme"]
    Capacity.objects.create(programme=programme, year=2026, person_years=Decimal("50"), kroner=10**9)
    ProjectFactory(
        sub_programme=report_world["sub_programmes"][0],
        name="Forslag med anslag",
        start_date=None,
        end_date=None,
        estimated_annual_gain=400_000,
    )
    text = normalise(pdf_text(order(report_world).file.read()))
    assert "(herav anslag 400 000 kr)" in text
