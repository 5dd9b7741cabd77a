"""With Redis unreachable for real (no mock): ordering records the report and says so, quickly."""

import os
import subprocess
import sys
import time

import pytest

from portfolio.reports.models import Report, ReportStatus
from tests.workers import ROOT, database_url

pytestmark = pytest.mark.django_db(transaction=True)


def test_make_report_with_the_broker_down_records_the_order_and_fails_with_the_reason(report_world, tmp_path):
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens here
        "MEDIA_ROOT": str(tmp_path),
        "DEBUG": "1",
    }
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "make_report",
            "--period",
            "2. tertial 2026",
            "--output",
            str(tmp_path / "r.pdf"),
            "--subprogramme",
            "Innbyggerløftet",
            "--timeout",
            "1",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Køen er ikke tilgjengelig; bestillingen er registrert" in result.stderr
    assert "Ingen rapport etter 1 s" in result.stderr
    assert time.monotonic() - started < 30  # no long hang on the dead broker
    report = Report.objects.get()
    assert (report.status, report.sent_at) == (ReportStatus.QUEUED, None)
