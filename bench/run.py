"""Times the system's pages against a throwaway database filled by bench.generate and writes results.json.

Run with `make bench` (SQLite) or `DATABASE_URL=postgres://… make bench` (PostgreSQL). Each benchmark in
BENCHMARKS is run at each of its sizes: the data is generated in a transaction that is rolled back
afterwards, a signed-in test client warms the page up and then requests it repeatedly, and for every
request the total time in the server and the time spent in its SQL queries are recorded.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_PATH = ROOT / "bench" / "results.json"

if TYPE_CHECKING:
    from bench.generate import GeneratedPortfolio


@dataclass(frozen=True)
class Benchmark:
    """One page to time: its name, how to build its URL from the generated data, and the sizes to try.

    The targets are the ones agreed for every page: the median page time is at most `max_sql_ratio` times
    the median time of its SQL (the Python side must not dominate), and at `budget_size` projects on
    `budget_vendor` the median page time is under `budget_ms`.
    """

    name: str
    description: str
    url: Callable[[GeneratedPortfolio], str]
    sizes: tuple[int, ...]
    max_sql_ratio: float | None = 3.0
    budget_ms: float | None = 100.0
    budget_size: int = 2_000
    budget_vendor: str = "postgresql"
    # Optional: more data on top of the generated portfolio, another request than a GET (returns the
    # response), the status that counts as success, and a number of requests for a slow operation. A
    # request that times only part of its work (a service call after an untimed setup) gives its response
    # a `timed` dict of page_ms, sql_ms and queries, which replace the times measured around the call.
    # `details()`, called after the timed requests, adds what else the benchmark measured (peak memory …)
    # to its result.
    prepare: Callable[[GeneratedPortfolio], None] | None = None
    request: Callable[[Any, str], Any] | None = None
    expect_status: int = 200
    requests: int | None = None
    details: Callable[[], dict] | None = None


def _later(name: str) -> Callable[..., Any]:
    """The function `name` ("module.function") of a bench module, imported when it is first called: the
    bench modules import the apps' models, which load only once setup_django has run."""
    module, function = name.split(".")

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f"bench.{module}"), function)(*args, **kwargs)

    return call


def register_url(query: str = "") -> str:
    from django.urls import reverse

    return reverse("programmes:project_list") + query


# Add a page by adding an entry.
BENCHMARKS: list[Benchmark] = [
    Benchmark(
        name="programme_page",
        description="The programme with its sub-programmes and every project (programmes:programme_detail)",
        url=lambda data: data.programme.get_absolute_url(),
        sizes=(100, 2_000),
    ),
    Benchmark(
        name="project_register",
        description="The project register's first page of 25, sorted by name (programmes:project_list)",
        url=lambda data: register_url(),
        sizes=(100, 2_000),
    ),
    Benchmark(
        name="register_filter",
        description="The project register searched, filtered by phase and sorted by status, worst first",
        url=lambda data: register_url("?q=digital&phase=execution&sort=status"),
        sizes=(100, 2_000),
    ),
    Benchmark(
        name="gain_overview",
        description="The programme's gain overview, 3 benefits x 4 plan years per project (benefits:programme_overview)",
        url=_later("benefits.overview_url"),
        sizes=(100, 2_000),
        prepare=_later("benefits.generate_benefits"),
    ),
    Benchmark(
        name="gain_ledger",
        description="The programme's gains ledger with its range, 3 financial gains x 10 plan years per project, "
        "the standing cached (benefits:ledger; bench/benefits.py)",
        url=_later("benefits.ledger_url"),
        sizes=(100, 2_000),
        prepare=_later("benefits.generate_ledger"),
        budget_ms=150.0,
    ),
    Benchmark(
        name="gain_overview_ledger",
        description="The gain overview (benefits:programme_overview) on the ledger's data: 3 financial gains x 10 "
        "plan years per project, of which the overview sums the economic plan's 4",
        url=_later("benefits.overview_url"),
        sizes=(2_000,),
        prepare=_later("benefits.generate_ledger"),
        budget_ms=150.0,
    ),
    Benchmark(
        name="gain_ledger_cold",
        description="The same ledger page as the first request after a change to the gains: the ledger and the "
        "range (a 10,000-draw Monte Carlo) computed again (bench/benefits.py)",
        url=_later("benefits.ledger_url"),
        sizes=(2_000,),
        prepare=_later("benefits.generate_ledger"),
        request=_later("benefits.get_after_a_change"),
        requests=5,
        max_sql_ratio=None,
        budget_ms=None,
    ),
    Benchmark(
        name="gain_import",
        description="Importing a 5,000-row benefit plan file (benefits:benefit_import), rolled back after each run",
        url=_later("benefits.import_url"),
        sizes=(2_000,),
        prepare=partial(_later("benefits.prepare_import"), rows=5_000),
        request=_later("benefits.post_import"),
        expect_status=302,
        requests=5,
        max_sql_ratio=None,
        budget_ms=None,
    ),
    Benchmark(
        name="gain_upload_preview",
        description="A 5,000-row budget savings table (title rows, «Tall i 1000 kr», heading and sum rows, "
        "negative savings) from upload to preview: gains_upload, gains_upload_columns, gains_upload_map, "
        "gains_upload_read (bench/gains_upload.py); also its peak memory, and a 50 MB file and a 2 GB zip "
        "bomb refused",
        url=_later("gains_upload.url"),
        sizes=(5_000,),
        prepare=_later("gains_upload.prepare"),
        request=_later("gains_upload.preview_request"),
        requests=3,
        details=_later("gains_upload.preview_details"),
        max_sql_ratio=None,
        budget_ms=3_000.0,
        budget_size=5_000,
    ),
    Benchmark(
        name="gain_upload_confirm",
        description="The same file, mapped, from confirm to stored: gains_upload_confirm writing its 4,500 "
        "linked rows at once (INLINE_MAX_WORK raised for the benchmark), the rows checked as stored",
        url=_later("gains_upload.url"),
        sizes=(5_000,),
        prepare=_later("gains_upload.prepare"),
        request=_later("gains_upload.confirm_request"),
        requests=3,
        details=_later("gains_upload.confirm_details"),
        max_sql_ratio=None,
        budget_ms=5_000.0,
        budget_size=5_000,
    ),
    Benchmark(
        name="gain_upload_worker",
        description="The same confirmation as in production, where a file this size goes to a worker: "
        "gains_upload_confirm reads it and queues the job, PLAN_FILE.run reads it again and writes it "
        "(no target: the issue's is gain_upload_confirm's)",
        url=_later("gains_upload.url"),
        sizes=(5_000,),
        prepare=_later("gains_upload.prepare"),
        request=_later("gains_upload.worker_request"),
        requests=3,
        details=_later("gains_upload.worker_details"),
        max_sql_ratio=None,
        budget_ms=None,
    ),
    Benchmark(
        name="portfolio_board",
        description="The ranked portfolio board with scores, gains, capacity line and move buttons (portfolio:board)",
        url=_later("portfolio.board_url"),
        sizes=(100, 2_000),
        prepare=_later("portfolio.generate_portfolio"),
    ),
    Benchmark(
        name="portfolio_overview",
        description="The portfolio overview with counts, gains and the bubble chart (portfolio:overview)",
        url=_later("portfolio.overview_url"),
        sizes=(100, 2_000),
        prepare=_later("portfolio.generate_portfolio"),
    ),
    Benchmark(
        name="front_page",
        description="The kommunedirektør's front page: status counts and reds, missing reports, gains against "
        "the target, capacity use, decisions waiting, the latest report (home; bench/front.py)",
        url=_later("front.front_url"),
        sizes=(100, 2_000),
        prepare=_later("front.prepare"),
    ),
    Benchmark(
        name="front_page_after_change",
        description="The same front page as the first request after a change to the portfolio or the gains, "
        "when its cached standing is computed again (bench/front.py)",
        url=_later("front.front_url"),
        sizes=(2_000,),
        prepare=_later("front.prepare"),
        request=_later("front.get_after_a_change"),
        requests=10,
        max_sql_ratio=None,
        budget_ms=None,
    ),
    Benchmark(
        name="portfolio_optimiser",
        description="Suggest a portfolio: the MILP optimiser over every candidate, saved as a scenario",
        url=_later("portfolio.suggest_url"),
        sizes=(2_000,),
        prepare=_later("portfolio.generate_portfolio"),
        request=_later("portfolio.post_suggest"),
        expect_status=302,
        requests=5,
        max_sql_ratio=None,
        budget_ms=2_000.0,
    ),
    Benchmark(
        name="scorecard_page",
        description="A 40-indicator x 5-year scorecard as in an annual report, seen by its owner "
        "(scorecards:scorecard_detail; bench/scorecards.py)",
        url=_later("scorecards.page_url"),
        sizes=(100,),
        prepare=_later("scorecards.prepare_page"),
        budget_size=100,
    ),
    Benchmark(
        name="scorecard_import",
        description="Importing a 40-indicator x 5-year scorecard from Excel (scorecards:scorecard_import), "
        "rolled back after each run",
        url=_later("scorecards.import_url"),
        sizes=(100,),
        prepare=_later("scorecards.prepare_import"),
        request=_later("scorecards.post_import"),
        expect_status=302,
        requests=10,
        max_sql_ratio=None,
        budget_ms=1_000.0,
        budget_size=100,
    ),
    Benchmark(
        name="scorecard_import_hostile",
        description="Hostile files (sparse far cell, declared-dimension bomb, zip bomb, giant shared string, "
        "giant integer) through the scorecard import page, each in a forked process; prints each one's time "
        "and peak memory (bench/hostile.py)",
        url=_later("scorecards.import_url"),
        sizes=(100,),
        prepare=_later("scorecards.prepare_import"),
        request=_later("hostile.post_hostile"),
        requests=1,
        max_sql_ratio=None,
        budget_ms=5_000.0,
        budget_size=100,
    ),
    Benchmark(
        name="scorecard_export_page",
        description="Asking for the Excel export of a legal-size scorecard (4,990 indicators x 20 years): the "
        "web process only counts the rows and offers to make the file in a worker (bench/scorecards.py)",
        url=_later("scorecards.export_url"),
        sizes=(100,),
        prepare=_later("scorecards.prepare_export"),
        requests=10,
        max_sql_ratio=None,
        budget_size=100,
    ),
    Benchmark(
        name="scorecard_export_file",
        description="Making that Excel file (99,800 rows) as the worker does, in a forked process "
        "(prints its peak memory; bench/scorecards.py)",
        url=_later("scorecards.export_url"),
        sizes=(100,),
        prepare=_later("scorecards.prepare_export"),
        request=_later("scorecards.export_request"),
        requests=1,
        max_sql_ratio=None,
        budget_ms=20_000.0,
        budget_size=100,
    ),
    Benchmark(
        name="report_pdf",
        description="The whole programme's PDF status report, rendered in a forked process as a worker does "
        "(bench/reports.py; prints its peak memory; `python -m bench.reports` adds the demo data)",
        url=_later("reports.report_url"),
        sizes=(200,),
        prepare=_later("reports.prepare"),
        request=_later("reports.render_request"),
        requests=3,
        max_sql_ratio=None,
        budget_ms=25_000.0,
        budget_size=200,
        details=_later("reports.details"),
    ),
]


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Like the test suite (pytest-env `D:DEBUG=1`): a default so the settings load without a SECRET_KEY.
    # setup_test_environment(debug=False) below then runs the pages with DEBUG off, as in production.
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile with linear interpolation (statistics.quantiles' inclusive method)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return connection.Database.sqlite_version
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return cursor.fetchone()[0]
    return ""


def time_requests(client, url: str, count: int, benchmark: Benchmark | None = None) -> list[dict[str, float]]:
    """Requests `url` `count` times; per request the page time, the SQL time (ms) and the query count."""
    from django.db import connection

    samples = []
    for _ in range(count):
        sql_ns = 0
        queries = 0

        def timed(execute, sql, params, many, context):
            nonlocal sql_ns, queries
            started = time.perf_counter_ns()
            try:
                return execute(sql, params, many, context)
            finally:
                sql_ns += time.perf_counter_ns() - started
                queries += 1

        with connection.execute_wrapper(timed):
            started = time.perf_counter_ns()
            response = benchmark.request(client, url) if benchmark and benchmark.request else client.get(url)
            page_ns = time.perf_counter_ns() - started
        expected = benchmark.expect_status if benchmark else 200
        if response.status_code != expected:
            raise RuntimeError(f"{url} answered {response.status_code}, not {expected}")
        if timed := getattr(response, "timed", None):
            page_ns, sql_ns, queries = timed["page_ms"] * 1e6, timed["sql_ms"] * 1e6, timed["queries"]
        samples.append(
            {
                "page_ms": page_ns / 1e6,
                "sql_ms": sql_ns / 1e6,
                "queries": queries,
                "bytes": len(response.content),
            }
        )
    return samples


def run_benchmark(benchmark: Benchmark, n_projects: int, *, warmup: int, requests: int, seed: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.test import Client

    from bench.generate import generate
    from core import roles

    with transaction.atomic():
        started = time.perf_counter()
        data = generate(n_projects, seed=seed)
        if benchmark.prepare:
            benchmark.prepare(data)
        generate_s = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as autovacuum would have them in a real database. ANALYZE inside
            # the transaction sees its own uncommitted rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        viewer = get_user_model().objects.create(
            username="bench-viewer", first_name="Eva", last_name="Direktør", password="!bench"
        )
        viewer.groups.add(Group.objects.get(name=roles.EXECUTIVE))
        client = Client()
        client.force_login(viewer, backend="accounts.backends.LocalPasswordBackend")
        url = benchmark.url(data)

        requests = benchmark.requests or requests
        time_requests(client, url, 1 if benchmark.requests else warmup, benchmark)
        gc.collect()
        samples = time_requests(client, url, requests, benchmark)
        details = benchmark.details() if benchmark.details else None
        transaction.set_rollback(True)

    page = [sample["page_ms"] for sample in samples]
    sql = [sample["sql_ms"] for sample in samples]
    query_counts = sorted({sample["queries"] for sample in samples})
    page_median = statistics.median(page)
    sql_median = statistics.median(sql)
    ratio = page_median / sql_median if sql_median else None

    targets: dict[str, dict[str, Any]] = {}
    if benchmark.max_sql_ratio is not None:
        targets["page_under_sql_ratio"] = {
            "limit": benchmark.max_sql_ratio,
            "value": round(ratio, 2) if ratio is not None else None,
            "met": ratio is not None and ratio < benchmark.max_sql_ratio,
        }
    if benchmark.budget_ms is not None:
        applies = connection.vendor == benchmark.budget_vendor and n_projects >= benchmark.budget_size
        targets["page_under_budget_ms"] = {
            "limit": benchmark.budget_ms,
            "applies_to": f"{benchmark.budget_vendor}, {benchmark.budget_size} projects or more",
            "value": round(page_median, 2),
            # None where the target does not apply (another database or a smaller size).
            "met": page_median < benchmark.budget_ms if applies else None,
        }

    return {
        "benchmark": benchmark.name,
        "description": benchmark.description,
        "n_projects": n_projects,
        "url": url,
        "generate_s": round(generate_s, 3),
        "requests": requests,
        "warmup_requests": warmup,
        "response_bytes": samples[-1]["bytes"],
        "queries": query_counts[0] if len(query_counts) == 1 else query_counts,
        "page_ms": {
            "median": round(page_median, 2),
            "p90": round(percentile(page, 0.9), 2),
            "min": round(min(page), 2),
            "max": round(max(page), 2),
        },
        "sql_ms": {"median": round(sql_median, 2), "p90": round(percentile(sql, 0.9), 2)},
        "python_ms_median": round(statistics.median(p - s for p, s in zip(page, sql, strict=True)), 2),
        "page_to_sql_ratio": round(ratio, 2) if ratio is not None else None,
        "targets": targets,
        "targets_met": all(target["met"] is not False for target in targets.values()),
        **({"details": details} if details is not None else {}),
    }


def yes_no(met: bool | None) -> str:
    return "n/a" if met is None else ("yes" if met else "NO")


def print_table(report: dict) -> None:
    database = report["database"]
    print(
        f"\n{database['vendor']} {database['version']} · Python {report['python']} · "
        f"Django {report['django']} · {report['cpu_count']} CPUs · median of {report['requests']} requests "
        f"after {report['warmup_requests']} warm-up\n"
    )
    header = (
        f"{'benchmark':<16} {'N':>6} {'page med':>9} {'page p90':>9} {'SQL med':>8} "
        f"{'queries':>7} {'page/SQL':>8}  {'ratio ok':>8} {'time ok':>7}"
    )
    print(header)
    print("-" * len(header))
    legends = {}
    for result in report["results"]:
        targets = result["targets"]
        ratio = result["page_to_sql_ratio"]
        ratio_target = targets.get("page_under_sql_ratio", {})
        time_target = targets.get("page_under_budget_ms", {})
        print(
            f"{result['benchmark']:<16} {result['n_projects']:>6} "
            f"{result['page_ms']['median']:>6.1f} ms {result['page_ms']['p90']:>6.1f} ms "
            f"{result['sql_ms']['median']:>5.1f} ms {result['queries']!s:>7} "
            f"{(f'{ratio:.1f}×' if ratio is not None else '–'):>8}  "
            f"{yes_no(ratio_target.get('met')):>8} {yes_no(time_target.get('met')):>7}"
        )
        if ratio_target:
            legends["ratio ok"] = f"median page time < {ratio_target['limit']:g} × median SQL time"
        if time_target:
            legends["time ok"] = (
                f"median page time < {time_target['limit']:g} ms ({time_target['applies_to']}; n/a otherwise)"
            )
    print()
    for column, legend in legends.items():
        print(f"{column}: {legend}")
    print(f"Wrote {report['output']}")


def merged(older: dict, results: list[dict]) -> list[dict]:
    """The results of an earlier run with those of this run in their place (same benchmark and size) and
    the new ones after them; each older result keeps the date of its run."""
    new = {(result["benchmark"], result["n_projects"]): result for result in results}
    kept = []
    for result in older.get("results", []):
        key = (result["benchmark"], result["n_projects"])
        if key in new:
            kept.append(new.pop(key))
        else:
            kept.append({**result, "date": result.get("date", older.get("date"))})
    return kept + list(new.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page and size")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first")
    parser.add_argument("--seed", type=int, default=0, help="seed of the data generator")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only these benchmarks")
    parser.add_argument("--output", type=Path, default=RESULTS_PATH, help="where to write the JSON")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the other benchmarks' results already in the output (each result records its run's date)",
    )
    args = parser.parse_args(argv)

    setup_django()
    import django
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    benchmarks = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    if not benchmarks:
        parser.error(f"no benchmark named {args.only}; known: {', '.join(b.name for b in BENCHMARKS)}")

    # A database of its own, apart from the real one and from the test suite's test_<name>; SQLite
    # uses an in-memory database.
    if connection.vendor != "sqlite":
        connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    setup_test_environment(debug=False)
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(f"Created the benchmark database in {time.perf_counter() - started:.1f} s", flush=True)
        results = []
        for benchmark in benchmarks:
            for n_projects in benchmark.sizes:
                print(f"  {benchmark.name} at {n_projects} projects …", flush=True)
                results.append(
                    run_benchmark(
                        benchmark, n_projects, warmup=args.warmup, requests=args.requests, seed=args.seed
                    )
                )
        version = database_version()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()

    date = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    for result in results:
        result["date"] = date
    if args.merge and args.output.exists():
        older = json.loads(args.output.read_text(encoding="utf-8"))
        if older.get("database", {}).get("vendor") != connection.vendor:
            parser.error(
                f"{args.output} holds a run on another database; --merge keeps one database's results"
            )
        results = merged(older, results)
    report = {
        "date": date,
        "database": {"vendor": connection.vendor, "version": version},
        "python": platform.python_version(),
        "django": django.get_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "debug": False,
        "seed": args.seed,
        "requests": args.requests,
        "warmup_requests": args.warmup,
        "all_targets_met": all(result["targets_met"] for result in results),
        "results": results,
    }
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report["output"] = str(args.output)
    print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
