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
    assert not parsed.errors, parsed.errors
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
