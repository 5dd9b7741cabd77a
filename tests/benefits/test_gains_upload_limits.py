"""A gains file too big to read is refused by the upload (benefits.services.gains_files.gains_upload) before
it is read: a 50 MB file by its size, a zip bomb whose sheet unpacks to 2 GB by the zip's directory. Nothing
is unpacked, parsed or stored, and the refusal takes almost no memory and time (what `make bench` measures
as `gain_upload_preview`'s refusals)."""

import time
import tracemalloc

import pytest

from benefits.models import BenefitPlanImport, BenefitUpload
from benefits.services import gains_files
from core.import_problems import ImportSummary
from tests import hostile

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def refused_with_peak(programme, user, content: bytes, file_name: str) -> tuple[ImportSummary, int, float]:
    """The outcome of uploading the file, the peak of the memory Python allocated meanwhile, and the time."""
    tracemalloc.start()
    try:
        started = time.perf_counter()
        outcome = gains_files.gains_upload(
            programme=programme, user=user, content=content, file_name=file_name
        )
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return outcome, peak, seconds


def nothing_kept(media_root) -> bool:
    stored = [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []
    return not stored and not BenefitUpload.objects.exists() and not BenefitPlanImport.objects.exists()


def fifty_mb_csv() -> bytes:
    row = "Effektivisering av innkjøp;-250;-500;-500;-500\r\n".encode()
    header = b"Tiltak;HP 2025;HP 2026;HP 2027;HP 2028\r\n"
    return header + row * (50 * MB // len(row))


@pytest.mark.parametrize(
    ("file_name", "make"),
    [("innsparing.xlsx", lambda: hostile.large_workbook(50)), ("innsparing.csv", fifty_mb_csv)],
)
def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(
    programme, people, media_root, file_name, make
):
    content = make()
    assert len(content) >= 50 * MB

    outcome, peak, _seconds = refused_with_peak(programme, people["admin"], content, file_name)

    assert isinstance(outcome, ImportSummary) and outcome.refused
    message = outcome.problems[0].message
    assert "Filen er for stor (50,0 MB)" in message and "Grensen er 5 MB" in message
    assert peak < MB  # the file was neither copied nor unpacked nor parsed
    assert nothing_kept(media_root)


def test_a_zip_bomb_unpacking_to_2_gb_is_refused_from_its_directory_before_anything_is_unpacked(
    programme, people, media_root
):
    content = hostile.gigabyte_zip_bomb(2)
    assert len(content) < 3 * MB

    outcome, peak, seconds = refused_with_peak(programme, people["admin"], content, "innsparing.xlsx")

    assert isinstance(outcome, ImportSummary) and outcome.refused
    message = outcome.problems[0].message
    assert "«xl/worksheets/sheet1.xml» er 2\u00a0048,0 MB når den er pakket ut" in message
    assert peak < MB
    # Unpacking the sheet alone, with nothing kept of it, takes several seconds on this machine.
    assert seconds < 2
    assert nothing_kept(media_root)


def test_the_same_tables_within_the_limits_are_kept_for_their_columns_to_be_chosen(
    programme, people, media_root
):
    """The refusals above are the files', not the layout's: the template's rows in a small workbook are stored."""
    upload = gains_files.gains_upload(
        programme=programme,
        user=people["admin"],
        content=hostile.template_xlsx(
            [["Tiltak", "HP 2025", "HP 2026"], ["Effektivisering av innkjøp", -250, -500], ["Tall i 1000 kr"]]
        ),
        file_name="innsparing.xlsx",
    )
    assert isinstance(upload, BenefitUpload)
