"""Every hostile file (tests/hostile.py) through every upload path: the scorecard import page and
`import_scorecard`, the gains import page and `import_benefits`. Each gets a Norwegian message saying what is
wrong with the file, never a 500, and nothing is written; the process that reads it stays under 300 MB and
5 seconds (measured in a subprocess of its own per file, which runs both imports' parse steps)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from benefits.models import Benefit, EconomicPlan
from config.celery import app as celery_app
from core import roles
from scorecards.models import Indicator, IndicatorValue, Scorecard
from tests import hostile
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory
from tests.scorecards.factories import ScorecardFactory

ROOT = Path(__file__).resolve().parents[2]
PEAK_MB = 300
SECONDS = 5.0
HOSTILE = {item.kind: item for item in hostile.HOSTILE}
CSV_KINDS = {item.kind for item in hostile.HOSTILE if item.name.endswith(".csv")}


def says_for_benefits(item: hostile.Hostile) -> str:
    # The plan's own layout (benefits.excel.parse_workbook) takes only .xlsx: a CSV, hostile or not, is refused
    # as not a workbook.
    return "ikke en Excel-arbeidsbok" if item.kind in CSV_KINDS else item.says


def says_for_gains_table(item: hostile.Hostile) -> str:
    # The page and the command read CSV as the gains reading does (benefits.reading): it is refused for what it
    # is, and the giant number's CSV, whose header is a scorecard's, is no gains table at all (a giant amount
    # in a gains table is a problem on its cell in the preview: tests/benefits/test_gains_pages.py).
    return "Fant ingen overskriftsrad" if item.kind == "giant_number_csv" else item.says


def nothing_written() -> tuple[int, ...]:
    return (
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
        Indicator.history.count(),
        Benefit.objects.count(),
        Benefit.history.count(),
    )


@pytest.fixture
def setting(db, role_user):
    """A scorecard its owner may import into, and a programme whose gains an administrator may import."""
    owner = role_user(roles.EXECUTIVE, username="eier")
    admin = role_user(roles.ADMINISTRATOR, username="admin")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    ProjectFactory(sub_programme=sub, name="Digitalt tilsyn")
    return {
        "owner": owner,
        "admin": admin,
        "scorecard": ScorecardFactory(owner=owner),
        "programme": programme,
    }


def post_file(client, url: str, content: bytes, name: str):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(url, {"file": upload})


@pytest.fixture
def import_page(client, settings, tmp_path, django_capture_on_commit_callbacks):
    """Posts a file to an import page and answers what the user then sees: the page itself, or, when the
    file is large enough to be left to a worker (run here in-process), the job's page once it has run."""
    settings.MEDIA_ROOT = tmp_path / "media"
    old_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True

    def post(url: str, content: bytes, name: str):
        with django_capture_on_commit_callbacks(execute=True):
            response = post_file(client, url, content, name)
        if response.status_code == 302 and "/import/" in response["Location"]:
            return client.get(response["Location"])
        return response

    yield post
    celery_app.conf.task_always_eager = old_eager


@pytest.mark.parametrize("kind", HOSTILE)
def test_the_scorecard_import_page_refuses_every_hostile_file_in_norwegian(
    client, setting, import_page, kind
):
    item = HOSTILE[kind]
    client.force_login(setting["owner"])
    before = nothing_written()
    response = import_page(
        reverse("scorecards:scorecard_import", args=[setting["scorecard"].pk]),
        hostile.content(kind, "scorecard"),
        item.name,
    )
    assert response.status_code == 200
    assert item.says in response.content.decode()
    assert response.context["problems"]
    assert nothing_written() == before


@pytest.mark.parametrize("kind", HOSTILE)
def test_the_gains_import_page_refuses_every_hostile_file_in_norwegian(client, setting, import_page, kind):
    item = HOSTILE[kind]
    client.force_login(setting["admin"])
    before = nothing_written()
    response = import_page(
        reverse("benefits:benefit_import", args=[setting["programme"].pk]),
        hostile.content(kind, "benefits"),
        item.name,
    )
    assert response.status_code == 200
    assert says_for_gains_table(item) in response.content.decode()
    assert nothing_written() == before


@pytest.mark.parametrize("kind", HOSTILE)
def test_both_import_commands_refuse_every_hostile_file_in_norwegian(setting, tmp_path, kind):
    item = HOSTILE[kind]
    before = nothing_written()
    scorecards_before = Scorecard.objects.count()
    for command, target, says, extra in (
        ("import_scorecard", "scorecard", item.says, ["--title", "120: Fiendtlig"]),
        ("import_benefits", "benefits", says_for_gains_table(item), []),
    ):
        path = tmp_path / item.name
        path.write_bytes(hostile.content(kind, target))
        err = io.StringIO()
        with pytest.raises(CommandError) as refused:
            call_command(command, str(path), *extra, stdout=io.StringIO(), stderr=err)
        assert "ble ikke importert" in str(refused.value)
        assert says in err.getvalue(), (command, err.getvalue())
    assert nothing_written() == before
    assert Scorecard.objects.count() == scorecards_before


PROBE = """
import json, os, resource, sys, time
import django
django.setup()
from django.utils import translation
from benefits import excel as benefits_excel
from scorecards import excel as scorecards_excel
from tests import hostile
translation.activate("nb")
kind, name = sys.argv[1], sys.argv[2]
scorecard_file, benefit_file = hostile.content(kind, "scorecard"), hostile.content(kind, "benefits")
start = time.perf_counter()
parsed = scorecards_excel.read_scorecard_file(scorecard_file, name)
scorecard_seconds = time.perf_counter() - start
start = time.perf_counter()
result = benefits_excel.parse_workbook(
    benefit_file, projects=benefits_excel.ProjectLookup.build([]), people={}
)
benefit_seconds = time.perf_counter() - start
# The peak of this process's own memory since exec (VmHWM). The kernel's ru_maxrss of a child started from a
# big parent (pytest after many tests) also counts the parent's image it was forked from before exec.
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({
    "peak_kb": peak_kb,
    "scorecard": [str(e) for e in parsed.problems], "scorecard_seconds": scorecard_seconds,
    "benefits": [e.message for e in result.problems], "benefit_seconds": benefit_seconds,
}))
"""


@pytest.mark.parametrize("kind", HOSTILE)
def test_reading_a_hostile_file_stays_under_300_mb_and_5_seconds(kind):
    """The parse steps both pages and both commands call, in a process of their own, whose peak resident
    memory (generating the file included) is read by the process itself (VmHWM) before it ends."""
    item = HOSTILE[kind]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}
    env.setdefault("SECRET_KEY", "hostile-files-test")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", PROBE, kind, item.name], cwd=ROOT, env=env, stdout=out, stderr=err
        )
        process.wait()
        out.seek(0), err.seek(0)
        assert process.returncode == 0, err.read().decode()[-2000:]
        report = json.loads(out.read().decode().strip().splitlines()[-1])
    peak_mb = report["peak_kb"] / 1024
    assert report["scorecard"] and item.says in report["scorecard"][0], report
    assert report["benefits"] and says_for_benefits(item) in report["benefits"][0], report
    assert report["scorecard_seconds"] < SECONDS and report["benefit_seconds"] < SECONDS, report
    assert peak_mb < PEAK_MB, f"{kind}: {peak_mb:.0f} MB ({time.monotonic() - started:.1f} s in all)"


def test_a_file_over_the_limit_is_not_kept_by_the_upload_handler(client, setting, settings):
    """Past MAX_UPLOAD_BYTES the rest of the body is read and dropped: the form sees the size, not the bytes."""
    settings.MAX_UPLOAD_BYTES = 64 * 1024
    client.force_login(setting["owner"])
    response = post_file(
        client,
        reverse("scorecards:scorecard_import", args=[setting["scorecard"].pk]),
        b"x" * (6 * 1024 * 1024),
        "stor.xlsx",
    )
    assert response.status_code == 200
    assert "for stor (6,0 MB)" in response.content.decode()


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml

    from core import intake

    assert openpyxl.xml.DEFUSEDXML
    with translation.override("nb"), pytest.raises(intake.FileRefused, match="DTD"):
        list(intake.xlsx_sheets(hostile.content("billion_laughs"), intake.Limits()))
