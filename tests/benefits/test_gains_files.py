"""A published budget savings table through the gains upload flow (benefits.services.gains_files): stored,
read with the unit and sign settled and each row decided, confirmed, and written all or nothing."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from benefits import reading
from benefits.models import Benefit, BenefitUpload
from benefits.services import gains_files
from programmes.models import Phase, Project
from tests.factories import ProjectFactory, SubProgrammeFactory

REAL = Path(__file__).parent.parent / "data" / "real"
KULTUR = "savings_kristiansand_kultur_2018-2021.xlsx"

pytestmark = pytest.mark.django_db


@pytest.fixture
def kultur(programme, people):
    sub = SubProgrammeFactory(programme=programme, name="Kultur", leader=people["programme_leader"])
    project = ProjectFactory(
        sub_programme=sub,
        name="Organisasjonsendring og naturlig avgang i kulturdirektørens stab",
        leader=people["leader"],
        owner=people["owner"],
    )
    return sub, project


def test_a_savings_table_is_stored_then_read_with_its_unit_and_imported_as_chosen(
    programme, people, kultur, media_root
):
    sub, project = kultur
    user = people["admin"]
    upload = gains_files.gains_upload(
        programme=programme, user=user, content=(REAL / KULTUR).read_bytes(), file_name=KULTUR
    )
    assert isinstance(upload, BenefitUpload)
    assert not Benefit.objects.exists()

    gains = gains_files.gains_upload_columns(upload=upload)
    assert gains.header.row_numbers == "6"
    assert gains.scale == 1000 and gains.scale_source == "file"
    assert [q.about for q in gains.questions] == ["sign"]
    assert gains.sign_default is True

    mapping = gains.mapping.replace(
        negative_gains=True, unmatched=reading.SKIP, rows={7: reading.CREATE}, sub_programme=sub.pk
    )
    gains_files.gains_upload_map(upload=upload, mapping=mapping)
    preview = gains_files.gains_upload_read(upload=upload)
    assert preview.problems == []
    by_row = {row.row: row for row in preview.rows}
    assert by_row[9].decision == reading.LINK and by_row[9].project_id == project.pk
    assert by_row[9].amount(reading.PLANNED, 2018).kroner == Decimal(440_000)
    assert by_row[11].is_sum and by_row[11].decision == reading.SKIP
    assert all(check.matches for check in by_row[11].sum_checks)
    assert by_row[8].decision == reading.SKIP and by_row[8].decided_by == "unmatched"

    summary = gains_files.gains_upload_confirm(upload=upload, user=user)
    assert not summary.refused, summary.problems
    linked = Benefit.objects.get(project=project)
    assert {py.year: py.planned for py in linked.plan_years.all()} == {
        2018: 440_000,
        2019: 440_000,
        2020: 440_000,
        2021: 440_000,
    }
    proposal = Project.objects.get(name="Øke innsatsen for å få eksterne prosjekttilskudd.")
    assert proposal.phase == Phase.IDEA and proposal.sub_programme == sub
    assert proposal.benefits.get().plan_years.get(year=2021).planned == 110_000
    assert Benefit.objects.count() == 2
    assert not BenefitUpload.objects.exists()


def test_a_header_repeated_inside_the_table_is_no_gain():
    book = Workbook()
    sheet = book.active
    for row in (
        ["Tall i 1000 kr"],
        ["Tiltak", "2025", "2026"],
        ["Kultur:"],
        ["Færre lisenser", 100, 100],
        ["Tiltak", "2025", "2026"],
        ["Helse:"],
        ["Digitalt tilsyn", 200, 300],
    ):
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    gains = reading.read_gains(stream.getvalue(), projects=reading.excel.ProjectLookup.build([]))
    assert [row.title for row in gains.rows] == ["Færre lisenser", "Digitalt tilsyn"]
    assert gains.scale == 1000
