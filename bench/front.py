"""Data for the benchmark of the kommunedirektør's front page (the `front_page` entry of bench/run.py).

On top of the generated portfolio (bench.portfolio: gain plans, assessments, decisions and capacity): a
status report for the period now due on about 85 % of the projects under way and one for the period before
on all of them (so the counts, the reds and the missing reports have something to find), and a finished,
published report of the whole programme (the front page shows the latest).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.generate import GeneratedPortfolio


def prepare(data: GeneratedPortfolio, *, seed: int = 0) -> None:
    from django.utils import timezone

    from bench.portfolio import generate_portfolio
    from portfolio.reports.models import Report, ReportStatus
    from portfolio.reports.services import report_title, scope_key_of
    from programmes.models import Phase, Project, StatusReport
    from programmes.selectors import due_period

    generate_portfolio(data, seed=seed)
    rng = random.Random(seed)
    today = timezone.localdate()
    period = due_period(data.programme, today)
    ratings = ("green", "green", "green", "yellow", "red")
    author = data.users[0]
    reports = []
    for pk, phase in (
        Project.objects.filter(sub_programme__programme=data.programme)
        .order_by("pk")
        .values_list("pk", "phase")
    ):
        if phase not in (Phase.PLANNING, Phase.EXECUTION, Phase.REALISATION):
            continue
        for key in (period.previous().key, period.key):
            if key == period.key and rng.random() >= 0.85:
                continue
            values = {name: rng.choice(ratings) for name in ("overall", "schedule", "cost", "scope", "gains")}
            reports.append(StatusReport(project_id=pk, period_key=key, submitted_by=author, **values))
    StatusReport.objects.bulk_create(reports, batch_size=1_000)
    now = timezone.now()
    Report.objects.create(
        scope="programme",
        programme=data.programme,
        scope_key=scope_key_of(data.programme),
        period_key=period.key,
        period_label=str(period.label),
        title=report_title(scope_object=data.programme, period=period),
        status=ReportStatus.DONE,
        finished_at=now,
        published_at=now,
        published_by=author,
    )


def front_url(data: GeneratedPortfolio) -> str:
    from django.urls import reverse

    return reverse("home")


def get_after_a_change(client, url: str):
    """The front page as the first request after a change to the portfolio or the gains: the cached
    standing is gone (as a new fingerprint would make it), so it is computed again."""
    from django.core.cache import cache

    cache.clear()
    return client.get(url)
