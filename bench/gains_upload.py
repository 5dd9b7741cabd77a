"""Benchmark of the gains upload flow (benefits.services.gains_files) with a 5,000-row budget savings table:
from upload to preview, and from confirm to stored, at the service level (the pages call these services).

The file is laid out as a budget document prints its savings: two title rows, «Tall i 1000 kr», the header
«Tiltak | HP 2025 | HP 2026 | HP 2027 | HP 2028», then 50 service areas, each a heading row («100:
Tjenesteområde 1»), 100 measures with their savings printed as negative numbers (some years empty or a
dash, some with a decimal) and a `Sum` row; a grand total and a source note at the end. 4,500 of the 5,000
measures are named after a project of the generated portfolio, so they link; the other 500 name no project
and are skipped by the mapping's choice for unmatched rows.

- `gain_upload_preview`: `gains_upload` (stores the file, reading only its head), `gains_upload_columns` (the
  column page), `gains_upload_map` (the person says negative numbers are gains and unmatched rows are
  skipped; the unit is the one the file states) and `gains_upload_read` (the whole file read for the
  preview), checked: no problems, 4,500 rows linked, 500 skipped, every sum row matching.
- `gain_upload_confirm`: `gains_upload_confirm` of an upload stored and mapped beforehand (not timed), with
  `core.import_jobs.INLINE_MAX_WORK` raised for the benchmark, so that the call writes the rows it has just
  read (core.import_jobs.import_content) instead of queueing the file for a worker, which would read it
  once more; then checked: 4,500 benefits and their plan years stored with the file's amounts in whole
  kroner.

Each run is rolled back. Besides the median of the timed runs, each entry runs its work again in forked
children (bench/child.py) for its memory: the peak resident size, with the high-water mark reset at the
start of the work (`/proc/self/clear_refs`), and tracemalloc's peak of the memory Python allocated. And
`gain_upload_preview` records how a 50 MB workbook and a zip bomb whose sheet unpacks to 2 GB
(tests/hostile.py) are refused by `gains_upload`, with the same measures.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from django.db import connection, transaction
from django.test.utils import override_settings
from openpyxl import Workbook

from bench.child import measure_in_child
from bench.generate import GeneratedPortfolio

YEARS = (2025, 2026, 2027, 2028)
MEASURES = 5_000
UNMATCHED = 500
SECTIONS = 50
UNMATCHED_TEXT = "Redusert innkjøp av rekvisita og tjenester, enhet {number}"
_state: dict = {}


def _amounts(rng: random.Random) -> list[int | float | str | None]:
    """A measure's four years in thousands of kroner as a budget prints them: savings negative, growing or
    level, a year not yet started empty or a dash, some with a decimal."""
    base = -rng.choice((25, 50, 75, 100, 150, 200, 250, 400, 500, 750, 1000, 1500, 2500))
    start = rng.choice((0, 0, 0, 0, 1, 2))
    row: list[int | float | str | None] = []
    for offset in range(len(YEARS)):
        if offset < start:
            row.append(rng.choice((None, "-", 0)))
        elif rng.random() < 0.1:
            row.append(base * (offset + 1) / 2 - 0.5)
        else:
            row.append(base if rng.random() < 0.5 else base * (offset - start + 1))
    return row


def _number(value) -> Decimal:
    return Decimal(str(value)) if isinstance(value, int | float) else Decimal(0)


def gains_file(names: list[str], *, seed: int = 0) -> tuple[bytes, dict]:
    """The budget savings table with `MEASURES` measures, `names` first (in order), then unnamed measures;
    and what a correct import stores: {measure name: {year: whole kroner}} of the named ones."""
    rng = random.Random(seed)
    measures = list(names[: MEASURES - UNMATCHED]) + [
        UNMATCHED_TEXT.format(number=number + 1) for number in range(UNMATCHED)
    ]
    rng.shuffle(measures)
    expected: dict[str, dict[int, int]] = {}
    named = set(names)
    # Not openpyxl's write-only mode: like Excel, the normal mode writes the sheet's <dimension>, without which
    # openpyxl's read-only mode parses the whole sheet once more to find its size (about 0.4 s here).
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Innsparingstiltak"
    sheet.append(["Handlingsprogram 2025–2028 med økonomiplan"])
    sheet.append(["Vedlegg 3: Innsparings- og effektiviseringstiltak per tjenesteområde"])
    sheet.append(["Tall i 1000 kr"])
    sheet.append([])
    sheet.append(["Tiltak", *(f"HP {year}" for year in YEARS)])
    per_section = MEASURES // SECTIONS
    grand = [Decimal(0)] * len(YEARS)
    for section in range(SECTIONS):
        sheet.append([f"{100 + section * 10}: Tjenesteområde {section + 1}"])
        totals = [Decimal(0)] * len(YEARS)
        for name in measures[section * per_section : (section + 1) * per_section]:
            amounts = _amounts(rng)
            sheet.append([name, *amounts])
            for index, value in enumerate(amounts):
                totals[index] += _number(value)
            if name in named:
                expected[name] = {
                    year: int(-_number(value) * 1000)
                    for year, value in zip(YEARS, amounts, strict=True)
                    if isinstance(value, int | float)
                }
        sheet.append([f"Sum tjenesteområde {section + 1}", *totals])
        grand = [g + t for g, t in zip(grand, totals, strict=True)]
    sheet.append(["Sum innsparingstiltak", *grand])
    sheet.append([])
    sheet.append(["Kilde: kommunedirektørens forslag til handlingsprogram, vedtatt i kommunestyret."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), expected


# --- Preparing ------------------------------------------------------------------------------------------


def prepare(data: GeneratedPortfolio) -> None:
    """An administrator to upload as, and the file, its measures named after projects named once in the
    programme."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from benefits.models import EconomicPlan
    from benefits.selectors import programme_projects
    from core import roles

    EconomicPlan.objects.get_or_create(programme=data.programme, defaults={"start_year": 2025, "years": 4})
    user = get_user_model().objects.create(
        username="bench-admin", first_name="Anne", last_name="Admin", password="!bench"
    )
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    projects = programme_projects(programme_id=data.programme.pk)
    counts: dict[str, int] = {}
    for project in projects:
        key = " ".join(project["name"].split()).casefold()
        counts[key] = counts.get(key, 0) + 1
    names = [p["name"] for p in projects if counts[" ".join(p["name"].split()).casefold()] == 1]
    if len(names) < MEASURES - UNMATCHED:
        raise RuntimeError(
            f"Only {len(names)} projects are named once; the file needs {MEASURES - UNMATCHED}."
        )
    names = random.Random(1).sample(names, MEASURES - UNMATCHED)
    content, expected = gains_file(names)
    _state.update(
        programme=data.programme,
        user=user,
        content=content,
        expected=expected,
        media=tempfile.TemporaryDirectory(prefix="bench-gains-"),
        runs=[],
    )


def url(data: GeneratedPortfolio) -> str:
    return "benefits.services.gains_files (service level)"


# --- The work ---------------------------------------------------------------------------------------------


class Timer:
    """Wall time, SQL time and query count of the steps run inside it, and the CPU time of this process: on
    the shared machine the wall time also holds the time other work had the CPU; the CPU time does not (nor
    the database's own)."""

    def __init__(self):
        self.steps: dict[str, float] = {}
        self.cpu_ns = 0
        self.sql_ns = 0
        self.queries = 0

    def _wrapper(self, execute, sql, params, many, context):
        started = time.perf_counter_ns()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_ns += time.perf_counter_ns() - started
            self.queries += 1

    def step(self, name: str, work):
        with connection.execute_wrapper(self._wrapper):
            started, cpu = time.perf_counter_ns(), time.process_time_ns()
            result = work()
            self.steps[name] = (time.perf_counter_ns() - started) / 1e6
            self.cpu_ns += time.process_time_ns() - cpu
        return result

    def response(self) -> SimpleNamespace:
        timed = {
            "page_ms": sum(self.steps.values()),
            "sql_ms": self.sql_ns / 1e6,
            "queries": self.queries,
            "cpu_ms": round(self.cpu_ns / 1e6, 1),
            "steps_ms": {name: round(ms, 1) for name, ms in self.steps.items()},
        }
        _state["runs"].append(timed)
        return SimpleNamespace(status_code=200, content=b"", timed=timed)


def _mapped(upload, gains) -> None:
    from benefits import reading
    from benefits.services import gains_files

    mapping = gains.mapping.replace(negative_gains=True, unmatched=reading.SKIP)
    gains_files.gains_upload_map(upload=upload, mapping=mapping)


def _upload_to_preview(timer: Timer):
    from benefits.models import BenefitUpload
    from benefits.services import gains_files

    upload = timer.step(
        "gains_upload",
        lambda: gains_files.gains_upload(
            programme=_state["programme"],
            user=_state["user"],
            content=_state["content"],
            file_name="innsparingstiltak.xlsx",
        ),
    )
    assert isinstance(upload, BenefitUpload), upload
    columns = timer.step("gains_upload_columns", lambda: gains_files.gains_upload_columns(upload=upload))
    assert columns.scale == 1000 and columns.scale_source == "file", (columns.scale, columns.units)
    assert [question.about for question in columns.questions] == ["sign"], columns.questions
    timer.step("gains_upload_map", lambda: _mapped(upload, columns))
    preview = timer.step("gains_upload_read", lambda: gains_files.gains_upload_read(upload=upload))
    return upload, preview


def _check_preview(preview) -> None:
    from benefits import reading

    assert preview.problems == [], preview.problems[:5]
    decisions: dict[tuple[str, str], int] = {}
    for row in preview.rows:
        decisions[(row.decision, row.decided_by)] = decisions.get((row.decision, row.decided_by), 0) + 1
    linked = MEASURES - UNMATCHED
    assert decisions == {
        (reading.LINK, "found"): linked,
        (reading.SKIP, "unmatched"): UNMATCHED,
        (reading.SKIP, "sum"): SECTIONS + 1,
    }, decisions
    assert not preview.warnings, preview.warnings[:5]
    assert sum(len(row.sum_checks) for row in preview.rows) == (SECTIONS + 1) * len(YEARS)


def preview_request(client, url: str):
    """Upload to preview, timed step by step; rolled back."""
    with override_settings(MEDIA_ROOT=_state["media"].name), transaction.atomic():
        timer = Timer()
        _upload, preview = _upload_to_preview(timer)
        _check_preview(preview)
        transaction.set_rollback(True)
    return timer.response()


def _stored_upload():
    from benefits.services import gains_files

    upload = gains_files.gains_upload(
        programme=_state["programme"],
        user=_state["user"],
        content=_state["content"],
        file_name="innsparingstiltak.xlsx",
    )
    _mapped(upload, gains_files.gains_upload_columns(upload=upload))
    return upload


def _confirm(upload):
    from benefits.services import gains_files
    from core import import_jobs

    inline = import_jobs.INLINE_MAX_WORK
    import_jobs.INLINE_MAX_WORK = 1 << 30  # written inside the call, as the worker writes it
    try:
        return gains_files.gains_upload_confirm(upload=upload, user=_state["user"])
    finally:
        import_jobs.INLINE_MAX_WORK = inline


def _check_stored(summary, *, counted: bool = True) -> None:
    """Every gain stored as the file has it; `counted`: the summary says how many were created (a job's
    summary keeps only its lines)."""
    from benefits.models import Benefit, BenefitPlanYear, BenefitUpload
    from core.import_problems import ImportSummary

    assert isinstance(summary, ImportSummary) and not summary.refused, summary
    expected = _state["expected"]
    assert not counted or summary.created == len(expected), summary.created
    stored: dict[str, dict[int, int]] = {name: {} for name in expected}
    for title, project, year, planned in BenefitPlanYear.objects.filter(
        benefit__project__sub_programme__programme=_state["programme"]
    ).values_list("benefit__title", "benefit__project__name", "year", "planned"):
        assert title == project, (title, project)
        stored[title][year] = int(planned)
    assert stored == expected
    assert Benefit.objects.filter(project__sub_programme__programme=_state["programme"]).count() == len(
        expected
    )
    assert Benefit.history.count() >= len(expected)
    assert not BenefitUpload.objects.exists()


def confirm_request(client, url: str):
    """An upload stored and mapped (not timed), confirmed (timed) and its rows checked as stored; rolled
    back."""
    with override_settings(MEDIA_ROOT=_state["media"].name), transaction.atomic():
        upload = _stored_upload()
        timer = Timer()
        summary = timer.step("gains_upload_confirm", lambda: _confirm(upload))
        _check_stored(summary)
        transaction.set_rollback(True)
    return timer.response()


def worker_request(client, url: str):
    """The same confirmation as it runs in production, where the file's sheet (1 MB of XML) is over what a
    request reads: `gains_upload_confirm` reads the file, finds no problem and queues a job (not committed,
    so no task is sent), then the worker's `PLAN_FILE.run` reads it again and writes it; both timed, rolled
    back."""
    from benefits.models import BenefitPlanImport
    from benefits.services import gains_files

    with override_settings(MEDIA_ROOT=_state["media"].name), transaction.atomic():
        upload = _stored_upload()
        timer = Timer()
        job = timer.step(
            "gains_upload_confirm",
            lambda: gains_files.gains_upload_confirm(upload=upload, user=_state["user"]),
        )
        assert isinstance(job, BenefitPlanImport), job
        job = timer.step("PLAN_FILE.run", lambda: gains_files.PLAN_FILE.run(job_id=job.pk))
        assert job.status == "done", (job.status, job.error)
        _check_stored(job.import_summary, counted=False)
        transaction.set_rollback(True)
    return timer.response()


def worker_details() -> dict:
    return _with_runs({})


# --- Memory -----------------------------------------------------------------------------------------------


def _peak_of(work) -> dict:
    """`work()` run twice in forked children: once with the resident memory's high-water mark reset first
    (its time, the resident size it started from, the peak it reached and the difference), once under
    tracemalloc (the peak of the memory Python allocated, which also counts what reuses memory the parent
    had freed, where the resident size does not grow); and what `work` returns."""

    def resident() -> dict:
        Path("/proc/self/clear_refs").write_text("5")
        start = _status_kb("VmRSS")
        result = work() or {}
        peak = _status_kb("VmHWM")
        return {
            "start_rss_mb": round(start / 1024, 1),
            "peak_rss_mb": round(peak / 1024, 1),  # replaces measure_in_child's ru_maxrss (the parent's peak)
            "added_rss_mb": round((peak - start) / 1024, 1),
            **result,
        }

    def traced() -> dict:
        tracemalloc.start()
        work()
        return {"tracemalloc_peak_mb": round(tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1)}

    with override_settings(MEDIA_ROOT=_state["media"].name):
        result = measure_in_child(resident)
        python = measure_in_child(traced)
    for outcome in (result, python):
        if "error" in outcome:
            raise RuntimeError(f"The measured work failed: {outcome['error']}")
    return {**result, "tracemalloc_peak_mb": python["tracemalloc_peak_mb"]}


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"No {field} in /proc/self/status")


def _refusal(content: bytes, file_name: str) -> dict:
    """`gains_upload` of a hostile file: refused, with nothing stored; its message."""
    from benefits.models import BenefitUpload
    from benefits.services import gains_files
    from core.import_problems import ImportSummary

    with transaction.atomic():
        outcome = gains_files.gains_upload(
            programme=_state["programme"], user=_state["user"], content=content, file_name=file_name
        )
        assert isinstance(outcome, ImportSummary) and outcome.refused, outcome
        assert not BenefitUpload.objects.exists()
        transaction.set_rollback(True)
    return {"message": outcome.problems[0].message}


def preview_details() -> dict:
    """Upload to preview once more in a child for its memory; and the two hostile files refused."""
    from tests import hostile

    def preview() -> dict:
        with transaction.atomic():
            _check_preview(_upload_to_preview(Timer())[1])
            transaction.set_rollback(True)
        return {}

    details = {"file_bytes": len(_state["content"]), "memory": _peak_of(preview), "refused": {}}
    for name, content in (
        ("50_mb_workbook", hostile.large_workbook(50)),
        ("zip_bomb_2_gb", hostile.gigabyte_zip_bomb(2)),
    ):
        unpacked = sum(part.file_size for part in zipfile.ZipFile(io.BytesIO(content)).infolist())
        result = _peak_of(lambda content=content, name=name: _refusal(content, f"{name}.xlsx"))
        details["refused"][name] = {"bytes": len(content), "unpacked_bytes": unpacked, **result}
    return _with_runs(details)


def confirm_details() -> dict:
    """Confirm to stored once more in a child, for its memory."""
    with transaction.atomic():
        upload = _stored_upload()

        def confirm() -> dict:
            with transaction.atomic():  # each child's writes undone: the next child confirms the same upload
                _check_stored(_confirm(upload))
                transaction.set_rollback(True)
            return {}

        details = {"memory": _peak_of(confirm)}
        transaction.set_rollback(True)
    return _with_runs(details)


def _with_runs(details: dict) -> dict:
    """The details with each timed run's steps (the first run, bench/run.py's warm-up, left out), printed."""
    details["runs"] = list(_state["runs"][1:])
    details["cpu_ms_median"] = statistics.median(run["cpu_ms"] for run in details["runs"])
    details["load_average"] = [round(load, 2) for load in os.getloadavg()]  # the machine is shared
    _state["runs"].clear()
    for run in details["runs"]:
        steps = ", ".join(f"{name} {ms:.0f}" for name, ms in run["steps_ms"].items())
        print(
            f"    {run['page_ms']:.0f} ms (CPU {run['cpu_ms']:.0f}, SQL {run['sql_ms']:.0f}): {steps}",
            flush=True,
        )
    memories = [("the work", details["memory"])] if "memory" in details else []
    for name, memory in [*memories, *details.get("refused", {}).items()]:
        print(
            f"    {name}: {memory['seconds']} s, tracemalloc peak {memory['tracemalloc_peak_mb']} MB, resident "
            f"{memory['start_rss_mb']} -> {memory['peak_rss_mb']} MB"
            + (f"; {memory['message'][:60]}…" if "message" in memory else ""),
            flush=True,
        )
    return details
