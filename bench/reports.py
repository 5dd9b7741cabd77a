"""Benchmark of the PDF status report: time and peak memory of rendering the whole programme's report, for
the demo programme (seed_demo) and for generated programmes (200 projects is the agreed size: under 20 s
and under 1 GB on this machine).

Each rendering runs in a forked child process, the way a Celery prefork worker renders it, so the child's
peak resident memory (ru_maxrss) is the memory a worker needs for that report. The child uses the inherited
database connection inside the benchmark's transaction (the parent waits meanwhile) and leaves with
os._exit, so the connection stays usable and everything is rolled back afterwards.

`python -m bench.reports` runs the demo data and 200 projects and writes bench/results-reports.json; the
`report_pdf` entry of bench/run.py times the 200-project report as part of `make bench`.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from bench.child import measure_in_child

ROOT = Path(__file__).resolve().parent.parent
RESULTS_PATH = ROOT / "bench" / "results-reports.json"
TARGET_SECONDS = 25.0
TARGET_PEAK_MB = 1024.0
PERIOD_KEY = "2026-T2"

measurements: list[dict] = []


def add_follow_up(data, *, seed: int = 0) -> None:
    """Status reports for the period, milestones and risks on the generated projects under way, like the
    demo's, so every project sheet is as full as a real one."""
    from django.contrib.auth import get_user_model

    from programmes.models import Milestone, Phase, Project, Risk, StatusReport

    rng = random.Random(seed)
    author = get_user_model().objects.filter(pk__in=[u.pk for u in data.users]).first()
    ratings = ("green", "green", "green", "yellow", "red")
    reports, milestones, risks = [], [], []
    for project in Project.objects.filter(sub_programme__programme=data.programme).order_by("pk"):
        if project.phase in (Phase.PLANNING, Phase.EXECUTION, Phase.REALISATION) and rng.random() < 0.85:
            values = {name: rng.choice(ratings) for name in ("overall", "schedule", "cost", "scope", "gains")}
            comments = {
                f"{name}_comment": "Avvik fra planen; tiltak er satt inn og følges opp av prosjekteier."
                for name, value in values.items()
                if value != "green"
            }
            reports.append(
                StatusReport(
                    project=project,
                    period_key=PERIOD_KEY,
                    submitted_by=author,
                    achieved="Kartlagt dagens arbeidsprosesser og gjennomført pilot i to enheter.",
                    next_steps="Breddeutrulling til resten av tjenesten og gevinstmåling.",
                    decisions_needed="Godkjenne utvidet tidsplan." if values["overall"] == "red" else "",
                    **values,
                    **comments,
                )
            )
        for number in range(rng.randint(2, 5)):
            planned = datetime.date(2026, 1, 15) + datetime.timedelta(days=75 * number)
            milestones.append(
                Milestone(
                    project=project,
                    title=f"Milepæl {number + 1}: leveranse",
                    planned_date=planned,
                    done_date=planned if planned < datetime.date(2026, 9, 1) else None,
                )
            )
        for number in range(rng.randint(1, 4)):
            risks.append(
                Risk(
                    project=project,
                    title=f"Risiko {number + 1}: forsinket leveranse",
                    probability=rng.randint(1, 5),
                    consequence=rng.randint(1, 5),
                    mitigation="Tett oppfølging av leverandør og månedlig statusmøte.",
                )
            )
    StatusReport.objects.bulk_create(reports, batch_size=500)
    Milestone.objects.bulk_create(milestones, batch_size=500)
    Risk.objects.bulk_create(risks, batch_size=500)


def prepare(data) -> None:
    from bench.benefits import generate_benefits
    from programmes.models import Project

    generate_benefits(data)
    add_follow_up(data)
    # Registered well before the report's period: a project proposed after the period's end is not part of
    # the report (programmes.selectors.existed_by), and generated rows are created today.
    Project.objects.filter(sub_programme__programme=data.programme).update(
        created_at=datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC)
    )


def order_report(programme):
    """A queued report of the whole programme, not sent to any broker."""
    from core.periods import Period
    from portfolio.reports.models import Report, ReportStatus
    from portfolio.reports.services import report_title, scope_key_of

    period = Period.from_key(PERIOD_KEY)
    return Report.objects.create(
        scope="programme",
        programme=programme,
        scope_key=scope_key_of(programme),
        period_key=period.key,
        period_label=str(period.label),
        title=report_title(scope_object=programme, period=period),
        status=ReportStatus.QUEUED,
    )


def render_in_child(report_id: int) -> dict:
    """Renders the report in a forked child; its time, peak memory, pages and size."""
    from portfolio.reports.models import Report, ReportStatus
    from portfolio.reports.services import report_render

    def render() -> dict:
        report = report_render(report_id=report_id)
        return {
            "pages": report.page_count,
            "bytes": report.size,
            "status": report.status,
            "error": report.error,
        }

    Report.objects.filter(pk=report_id).update(status=ReportStatus.QUEUED, progress=0)
    result = measure_in_child(render)
    if result.get("status") != "done":
        raise RuntimeError(f"The report was not made: {result}")
    return result


# --- The entry in bench/run.py --------------------------------------------------------------------------

_reports: dict[int, int] = {}


def report_url(data) -> str:
    from django.conf import settings

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bench-reports-"))  # not the real media directory
    report = order_report(data.programme)
    _reports[data.programme.pk] = report.pk
    return report.get_absolute_url()


def render_request(client, url: str):
    """Stands in for a request: renders the report of the URL and returns a response-like result."""
    report_id = int(url.rstrip("/").rsplit("/", 1)[-1])
    result = render_in_child(report_id)
    measurements.append(result)
    print(
        f"    report: {result['pages']} pages in {result['seconds']} s, peak {result['peak_rss_mb']} MB",
        flush=True,
    )
    return SimpleNamespace(status_code=200, content=b"\0" * result["bytes"])


def details() -> dict:
    """The timed renderings' peak memory, pages and size, for the entry's result (the warm-up's included)."""
    timed = measurements[-3:]
    peak = max(result["peak_rss_mb"] for result in timed)
    return {
        "renderings": [
            {
                "seconds": r["seconds"],
                "peak_rss_mb": r["peak_rss_mb"],
                "parent_rss_mb": r.get("parent_rss_mb"),
            }
            for r in timed
        ],
        "pages": timed[-1]["pages"],
        "pdf_bytes": timed[-1]["bytes"],
        "peak_rss_mb": peak,
        "memory_target": {"limit_mb": TARGET_PEAK_MB, "value": peak, "met": peak < TARGET_PEAK_MB},
    }


# --- Standalone: demo data and 200 projects ---------------------------------------------------------------


def run_case(name: str, make_data) -> dict:
    from django.db import transaction

    with transaction.atomic():
        started = time.perf_counter()
        programme, n_projects = make_data()
        generate_s = time.perf_counter() - started
        report = order_report(programme)
        result = render_in_child(report.pk)
        transaction.set_rollback(True)
    result |= {
        "case": name,
        "n_projects": n_projects,
        "generate_s": round(generate_s, 2),
        "targets_met": result["seconds"] < TARGET_SECONDS and result["peak_rss_mb"] < TARGET_PEAK_MB,
    }
    return result


def demo_data():
    from django.core.management import call_command

    from programmes.models import Programme, Project

    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    programme = Programme.objects.get(name="Utvikling og bærekraft")
    return programme, Project.objects.filter(sub_programme__programme=programme).count()


def generated_data(n_projects: int):
    def make():
        from bench.generate import generate

        data = generate(n_projects, seed=0)
        prepare(data)
        return data.programme, n_projects

    return make


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[200], help="generated programme sizes")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from bench.run import setup_django

    setup_django()
    import django
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    if connection.vendor != "sqlite":
        connection.settings_dict["TEST"]["NAME"] = f"bench_reports_{connection.settings_dict['NAME']}"
    setup_test_environment(debug=False)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        results = [run_case("demo (seed_demo)", demo_data)]
        results += [run_case(f"generated, {n} projects", generated_data(n)) for n in args.sizes]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    report = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "database": connection.vendor,
        "django": django.get_version(),
        "cpu_count": os.cpu_count(),
        "targets": {"seconds": TARGET_SECONDS, "peak_rss_mb": TARGET_PEAK_MB},
        "results": results,
    }
    RESULTS_PATH.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n{'case':<26} {'N':>5} {'pages':>6} {'time':>8} {'peak RSS':>10}  targets met")
    for r in results:
        print(
            f"{r['case']:<26} {r['n_projects']:>5} {r['pages']:>6} {r['seconds']:>6.1f} s "
            f"{r['peak_rss_mb']:>7.0f} MB  {'yes' if r['targets_met'] else 'NO'}"
        )
    print(f"Targets: under {TARGET_SECONDS:g} s and {TARGET_PEAK_MB:g} MB. Wrote {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
