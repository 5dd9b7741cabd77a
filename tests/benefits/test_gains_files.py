"""A published budget savings table through the gains upload flow (benefits.services.gains_files): stored,
read with the unit and sign settled and each row decided, confirmed, and written all or nothing."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook

from benefits import reading
from benefits.models import Benefit, BenefitPlanYear, BenefitUpload
from benefits.services import gains_files
from programmes.models import Phase, Project
from tests.factories import ProjectFactory, SubProgrammeFactory

from .real_savings import ELVERUM, OPPVEKST, OPPVEKST_CSV

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


@pytest.mark.parametrize("name", [OPPVEKST.name, OPPVEKST_CSV.name], ids=["xlsx", "csv"])
def test_oppvekst_is_refused_at_confirmation_until_its_increase_is_skipped_then_stores_the_printed_sums(
    programme, people, media_root, name
):
    sub = SubProgrammeFactory(programme=programme, name="Oppvekst")
    user = people["admin"]
    upload = gains_files.gains_upload(
        programme=programme, user=user, content=(REAL / name).read_bytes(), file_name=name
    )
    assert isinstance(upload, BenefitUpload)
    gains = gains_files.gains_upload_columns(upload=upload)
    assert (gains.header.row_numbers, gains.scale) == ("5", 1000)
    assert [(w.row, w.column) for w in gains.warnings] == [(13, "2018"), (13, "2020")]

    mapping = gains.mapping.replace(negative_gains=True, unmatched=reading.CREATE, sub_programme=sub.pk)
    gains_files.gains_upload_map(upload=upload, mapping=mapping)
    summary = gains_files.gains_upload_confirm(upload=upload, user=user)
    assert [(p.row, p.column) for p in summary.problems] == [(9, "2020")]
    assert not Benefit.objects.exists() and BenefitUpload.objects.filter(pk=upload.pk).exists()

    gains_files.gains_upload_map(upload=upload, mapping=mapping.replace(rows={9: reading.SKIP}))
    summary = gains_files.gains_upload_confirm(upload=upload, user=user)
    assert not summary.refused, summary.problems
    totals = BenefitPlanYear.objects.values("year").annotate(total=Sum("planned")).order_by("year")
    assert {row["year"]: row["total"] for row in totals} == {
        2018: 950_000,
        2019: 1_880_000,
        2020: 7_960_000,
        2021: 13_980_000,
    }
    assert sorted(Project.objects.filter(sub_programme=sub).values_list("name", flat=True)) == [
        "Barnehage:",
        "Innsparing for å dekke inn bemanningsnorm i barnehage",
        "Skole:",
    ]


def test_elverum_subtotals_are_never_stored_and_its_savings_are(programme, people, media_root):
    sub = SubProgrammeFactory(programme=programme, name="Økonomistaben")
    user = people["admin"]
    upload = gains_files.gains_upload(
        programme=programme, user=user, content=ELVERUM.read_bytes(), file_name=ELVERUM.name
    )
    gains = gains_files.gains_upload_columns(upload=upload)
    increases = (4, 8, 9, 10, 15, 16, 17, 18)
    gains_files.gains_upload_map(
        upload=upload,
        mapping=gains.mapping.replace(
            negative_gains=True,
            unmatched=reading.CREATE,
            sub_programme=sub.pk,
            rows=dict.fromkeys(increases, reading.SKIP),
        ),
    )
    preview = gains_files.gains_upload_read(upload=upload)
    assert [row.row for row in preview.rows if row.is_sum] == [7, 19, 20]
    summary = gains_files.gains_upload_confirm(upload=upload, user=user)
    assert not summary.refused, summary.problems
    assert Benefit.objects.count() == 6
    assert set(BenefitPlanYear.objects.values_list("year", "planned").distinct()) >= {(2016, 2_435_000)}
    totals = BenefitPlanYear.objects.values("year").annotate(total=Sum("planned"))
    assert {row["year"]: row["total"] for row in totals} == dict.fromkeys(range(2016, 2020), 3_643_000)


def test_two_imports_into_one_programme_are_written_one_after_the_other(programme, people, kultur):
    """The write step locks the programme's row first, so that a second import waits for the first and finds
    its gains instead of failing on the names it has just taken."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        gains_files.gains_write(programme=programme, user=people["admin"], parsed=gains_files.GainsParsed())
    first = queries.captured_queries[0]["sql"]
    assert "programmes_programme" in first and "FOR UPDATE" in first


def test_a_file_stating_two_units_is_asked_about_naming_both_in_norwegian():
    book = Workbook()
    for row in (["Tall i 1000 kr"], ["Beløp i mill. kr"], ["Tiltak", "2025"], ["Færre lisenser", -1]):
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    with translation.override("nb"):
        gains = reading.read_gains(stream.getvalue(), projects=reading.excel.ProjectLookup.build([]))
        [question] = [q for q in gains.questions if q.about == "scale"]
        assert gains.scale is None
        assert "«Tall i 1000 kr» (rad 1); «Beløp i mill. kr» (rad 2)" in question.problem.message
