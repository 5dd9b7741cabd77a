"""Benchmark data and requests for scorecards: a 40-indicator × 5-year scorecard with values in every form
municipalities write, its page, and the import of the same scorecard from an Excel file in the annual-report
layout. Used by the `scorecard_page` and `scorecard_import` entries of bench/run.py.

Deterministic: the same seed gives the same indicators and values.
"""

from __future__ import annotations

import io
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from openpyxl import Workbook

from bench.child import measure_in_child
from bench.generate import GeneratedPortfolio

INDICATORS = 40
YEARS = tuple(range(2021, 2026))
AREAS = ("Administrasjon", "Servicetorget", "Eiendom", "Hjemmetjenesten")
PERSPECTIVES = ("Tjenestekvalitet", "Økonomi", "Medarbeider", "Samfunn")
TITLE = "120: Økonomi og administrasjon (benchmark)"
_files: dict[str, bytes] = {}


def _value_pair(rng: random.Random, number: int) -> tuple[str, str | float]:
    """A target and a result in one of the forms of DOMAIN.md, chosen by the indicator's number."""
    form = number % 8
    if form == 0:
        return "4,5", f"{rng.uniform(3.8, 5.2):.2f}".replace(".", ",")
    if form == 1:
        return "98 %", rng.choice([f"{rng.randint(90, 100)} %", rng.randint(90, 100) / 100])
    if form == 2:
        return "<205", str(rng.randint(180, 230))
    if form == 3:
        return ">170", str(rng.randint(140, 200))
    if form == 4:
        return "1. plass", f"{rng.randint(1, 12)}. plass"
    if form == 5:
        return "15 min", f"{rng.randint(8, 25)} min"
    if form == 6:
        return "40 000", rng.choice(
            [f"{rng.randint(30, 45)} {rng.randint(0, 999):03d}", "610 000 (pga pandemi)"]
        )
    return "0", rng.choice(["0", "1", "Ikke målt", "-21%"])


def scorecard_file(*, indicators: int = INDICATORS, seed: int = 0) -> bytes:
    """An .xlsx scorecard in the annual-report layout with `indicators` rows and five years."""
    rng = random.Random(seed)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    sheet.append(
        ["Område", "Perspektiv", "Indikator", "Enhet", "Retning"]
        + [f"{what} {year}" for year in YEARS for what in ("Mål", "Resultat")]
    )
    for number in range(indicators):
        row = [AREAS[number % len(AREAS)], PERSPECTIVES[number // len(AREAS) % len(PERSPECTIVES)]]
        row += [f"Indikator {number + 1}", "", ""]
        for _year in YEARS:
            target, result = _value_pair(rng, number)
            row += [target, result]
        sheet.append(row)
        if isinstance(row[-1], float):
            sheet.cell(row=sheet.max_row, column=len(row)).number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bench_owner():
    """The benchmark's signed-in user (bench/run.py makes it before asking for the URL) owns the scorecard."""
    return get_user_model().objects.get(username="bench-viewer")


def prepare_page(data: GeneratedPortfolio) -> None:
    from scorecards import excel, services
    from scorecards.models import Scorecard

    scorecard = Scorecard.objects.create(
        title=TITLE, function_code="120", first_year=YEARS[0], last_year=YEARS[-1]
    )
    parsed = excel.read_scorecard_file(scorecard_file())
    assert not parsed.problems, parsed.problems
    services.scorecard_import(scorecard=scorecard, parsed=parsed, user=None)


def page_url(data: GeneratedPortfolio) -> str:
    from scorecards.models import Scorecard

    scorecard = Scorecard.objects.get(title=TITLE)
    scorecard.owner = _bench_owner()
    scorecard.save(update_fields=["owner"])
    return scorecard.get_absolute_url()


def prepare_import(data: GeneratedPortfolio) -> None:
    from scorecards.models import Scorecard

    Scorecard.objects.create(title=TITLE, function_code="120")
    _files["import"] = scorecard_file()


def import_url(data: GeneratedPortfolio) -> str:
    from scorecards.models import Scorecard

    scorecard = Scorecard.objects.get(title=TITLE)
    scorecard.owner = _bench_owner()
    scorecard.save(update_fields=["owner"])
    return reverse("scorecards:scorecard_import", args=[scorecard.pk])


def post_import(client, url: str):
    """Uploads the prepared file; rolled back so that every run imports the same 40 new indicators."""
    upload = io.BytesIO(_files["import"])
    upload.name = "malekort.xlsx"
    with transaction.atomic():
        response = client.post(url, {"file": upload})
        transaction.set_rollback(True)
    return response


# --- The legal-size scorecard export (issue 14, defect 7) -----------------------------------------------

LEGAL_INDICATORS = 4_990  # just under the import's 5,000-row limit
LEGAL_YEARS = tuple(range(2006, 2026))
LEGAL_TITLE = "Alle indikatorer (benchmark)"


def create_legal_size_scorecard(*, indicators: int = LEGAL_INDICATORS, seed: int = 0):
    """A scorecard of `indicators` indicators with a target and a result in each of 20 years (bulk-made)."""
    from scorecards import values
    from scorecards.models import Indicator, IndicatorValue, Scorecard

    rng = random.Random(seed)
    scorecard = Scorecard.objects.create(
        title=LEGAL_TITLE, function_code="100", first_year=LEGAL_YEARS[0], last_year=LEGAL_YEARS[-1]
    )
    made = Indicator.objects.bulk_create(
        Indicator(
            scorecard=scorecard,
            area=AREAS[number % len(AREAS)],
            perspective=PERSPECTIVES[number // len(AREAS) % len(PERSPECTIVES)],
            name=f"Indikator {number + 1}",
            direction="lower" if number % 8 == 2 else "higher",
            direction_source="user",
            position=number,
        )
        for number in range(indicators)
    )
    parsed: dict[str, values.Value | None] = {}

    def value_of(text):
        text = str(text) if not isinstance(text, float) else f"{round(text * 100)} %"
        if text not in parsed:
            parsed[text] = values.parse_value(text)
        return text, parsed[text]

    batch = []
    for number, indicator in enumerate(made):
        for year in LEGAL_YEARS:
            target, result = _value_pair(rng, number)
            value = IndicatorValue(indicator=indicator, year=year)
            value.set_value("target", *value_of(target))
            value.set_value("result", *value_of(result))
            batch.append(value)
        if len(batch) >= 10_000:
            IndicatorValue.objects.bulk_create(batch)
            batch.clear()
    IndicatorValue.objects.bulk_create(batch)
    return scorecard


def prepare_export(data: GeneratedPortfolio) -> None:
    create_legal_size_scorecard()


def export_url(data: GeneratedPortfolio) -> str:
    from scorecards.models import Scorecard

    return reverse("scorecards:scorecard_export", args=[Scorecard.objects.get(title=LEGAL_TITLE).pk])


export_measurements: list[dict] = []


def export_in_child(export_id: int) -> dict:
    """Makes the export file in a forked child, as a worker does; its time, peak memory and size."""
    from scorecards.services import scorecard_export_make

    def make() -> dict:
        export = scorecard_export_make(export_id=export_id)
        result = {"rows": export.rows, "bytes": export.file.size, "status": export.status}
        export.file.delete(save=False)
        return result

    result = measure_in_child(make)
    if result.get("status") != "done":
        raise RuntimeError(f"The export was not made: {result}")
    return result


def export_request(client, url: str):
    """Stands in for the worker: orders the legal-size export (a POST) and makes its file in a child."""
    from types import SimpleNamespace

    from scorecards.models import ScorecardExport

    response = client.post(url, {"format": "xlsx"})  # not committed, so no task is queued
    export = ScorecardExport.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
    result = export_in_child(export.pk)
    export.delete()
    export_measurements.append(result)
    print(
        f"    export: {result['rows']} rows, {result['bytes']} bytes in {result['seconds']} s, "
        f"peak {result['peak_rss_mb']} MB",
        flush=True,
    )
    return SimpleNamespace(status_code=200, content=b"\0" * result["bytes"])
