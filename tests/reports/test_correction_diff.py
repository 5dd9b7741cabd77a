"""The difference list of a corrected report (correction_diff.differences), on hand-made snapshots: every
shown value that differs, with its place in the report in Norwegian, and nothing for what is not content."""

import copy

import pytest
from django.utils import translation

from portfolio.reports.correction_diff import differences
from tests.reports.conftest import normalise


@pytest.fixture(autouse=True)
def norwegian():
    with translation.override("nb"):
        yield


def sheet(project_id: int, name: str, *, cost: str = "green", planned: int = 1_000_000) -> dict:
    return {
        "project": {
            "id": project_id,
            "name": name,
            "sub_programme_id": 1,
            "sub_programme": "Innbyggerløftet",
        },
        "status": {
            "id": 10 + project_id,
            "period_key": "2026-T2",
            "period_label": "2. tertial 2026",
            "overall": "green",
            "ratings": [
                {"dimension": "overall", "label": "Samlet", "rating": "green", "comment": ""},
                {"dimension": "cost", "label": "Kostnad", "rating": cost, "comment": ""},
            ],
        },
        "milestones": [
            {
                "id": 7,
                "title": "Pilot i drift",
                "planned_date": "2026-05-01",
                "done_date": None,
                "is_late": False,
            }
        ],
        "risks": [],
        "gains": {
            "years": [2026, 2027],
            "planned_total": planned,
            "realised_total": 0,
            "rows": [
                {
                    "id": 3,
                    "title": "Mindre manuell booking",
                    "kind": "avoided_cost",
                    "kind_label": "Unngått kostnad",
                    "planned_total": planned,
                    "by_year": [{"year": 2027, "planned": planned, "realised": None}],
                }
            ],
        },
        "trend": None,
    }


def snapshot(*sheets, planned_total: int = 4_750_000) -> dict:
    return {
        "$schema": "https://omstilling.kommune.no/schemas/report-snapshot/1",
        "schema_version": 1,
        "report": {
            "id": 1,
            "title": "Statusrapport 2. tertial 2026: Utvikling og bærekraft",
            "made_on": "2026-09-01",
            "made_at": "2026-09-01T10:00:00+02:00",
            "ordered_by": "Eva Direktør",
        },
        "summary": {
            "project_count": len(sheets),
            "status_count": {"period_label": "2. tertial 2026", "rows": [{"value": "green", "count": 2}]},
            "gains": {"planned_total": planned_total, "realised_total": 1_350_000},
            "gain_chart": {"alt": "Planlagt 4,75 mill. kr", "svg": "<svg>1</svg>"},
            "attention": [],
        },
        "sections": [{"sub_programme": {"id": 1, "name": "Innbyggerløftet"}, "projects": list(sheets)}],
        "scorecard_results": [
            {"indicator_id": 5, "name": "Sykefravær", "status": "on_track", "status_label": "I rute"}
        ],
        "changes": None,
    }


def texts(found: list[dict]) -> list[str]:
    return [normalise(item["text"]) for item in found]


def test_a_changed_figure_is_listed_with_its_place_and_both_values_in_kroner():
    old = snapshot(sheet(1, "Digital booking"))
    new = snapshot(sheet(1, "Digital booking"), planned_total=4_500_000)
    assert texts(differences(old, new)) == [
        "Sammendrag › Økonomiske gevinster › Planlagt: 4 750 000 kr → 4 500 000 kr"
    ]
    [item] = differences(old, new)
    assert (normalise(item["before"]), normalise(item["after"]), item["kind"]) == (
        "4 750 000 kr",
        "4 500 000 kr",
        "changed",
    )


def test_a_changed_status_is_listed_by_project_and_dimension_in_words():
    old = snapshot(sheet(1, "Digital booking", cost="yellow"))
    new = snapshot(sheet(1, "Digital booking", cost="red"))
    assert texts(differences(old, new)) == ["Prosjekt Digital booking › Status › Kostnad: Gul → Rød"]


def test_a_changed_gain_of_a_project_is_listed_at_every_place_the_report_shows_it():
    old = snapshot(sheet(1, "Digital booking", planned=1_500_000))
    new = snapshot(sheet(1, "Digital booking", planned=1_250_000))
    assert texts(differences(old, new)) == [
        "Prosjekt Digital booking › Gevinster › Planlagt: 1 500 000 kr → 1 250 000 kr",
        "Prosjekt Digital booking › Gevinster › Mindre manuell booking › Planlagt: 1 500 000 kr → 1 250 000 kr",
        "Prosjekt Digital booking › Gevinster › Mindre manuell booking › 2027 › Planlagt: "
        "1 500 000 kr → 1 250 000 kr",
    ]


def test_an_added_and_a_removed_project_are_listed_once_each():
    old = snapshot(sheet(1, "Digital booking"), sheet(2, "Arealeffektivisering"))
    new = snapshot(sheet(1, "Digital booking"), sheet(3, "Digital innbyggerdialog"))
    found = texts(differences(old, new))
    assert "Prosjekt Digital innbyggerdialog lagt til" in found
    assert "Prosjekt Arealeffektivisering fjernet" in found
    assert len(found) == 2


def test_items_are_matched_by_id_so_a_reordered_list_is_no_change_and_a_renamed_item_is_a_change():
    first, second = sheet(1, "Digital booking"), sheet(2, "Arealeffektivisering")
    renamed = copy.deepcopy(first)
    renamed["milestones"][0]["title"] = "Pilot i full drift"
    assert differences(snapshot(first, second), snapshot(second, first)) == []
    assert texts(differences(snapshot(first), snapshot(renamed))) == [
        "Prosjekt Digital booking › Milepæler › Pilot i full drift › Tittel: Pilot i drift → Pilot i full drift"
    ]


def test_a_changed_scorecard_status_is_shown_in_words():
    old = snapshot(sheet(1, "Digital booking"))
    new = copy.deepcopy(old)
    new["scorecard_results"][0].update(status="off_track", status_label="Ikke i rute")
    assert texts(differences(old, new)) == [
        "Resultater fra målekort › Sykefravær › Status: I rute → Ikke i rute"
    ]


def test_when_and_by_whom_a_report_was_made_and_a_charts_drawing_are_not_differences():
    old = snapshot(sheet(1, "Digital booking"))
    new = copy.deepcopy(old)
    new["report"].update(id=2, made_on="2026-10-01", made_at="2026-10-01T09:00:00+02:00", ordered_by="Ada")
    new["summary"]["gain_chart"]["svg"] = "<svg>2</svg>"
    new["changes"] = {"anything": 1}
    assert differences(old, new) == []
    new["summary"]["gain_chart"]["alt"] = "Planlagt 4,5 mill. kr"
    assert texts(differences(old, new)) == [
        "Sammendrag › Diagram over de økonomiske gevinstene: Planlagt 4,75 mill. kr → Planlagt 4,5 mill. kr"
    ]


def test_nothing_changed_gives_an_empty_list():
    assert differences(snapshot(sheet(1, "Digital booking")), snapshot(sheet(1, "Digital booking"))) == []


def test_every_key_of_a_real_snapshot_is_named_in_norwegian_or_deliberately_left_out(demo):
    """A key added to the snapshot later gets a label here (or is left out on purpose), so the
    difference list never shows a raw key to a reader."""
    from core.periods import Period
    from portfolio.reports import correction_diff, selectors, snapshot
    from portfolio.reports.models import Report, Scope

    report = Report.objects.create(
        scope=Scope.PROGRAMME,
        programme=demo,
        scope_key=f"programme:{demo.pk}",
        period_key="2026-T2",
        period_label=str(Period.from_key("2026-T2").label),
        title="Demo",
    )
    frozen = snapshot.build(selectors.report_content(report=report))
    unnamed = set()

    def walk(value, parent: str) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item, parent)
        if not isinstance(value, dict):
            return
        for key, item in value.items():
            named = (
                key in correction_diff.IGNORED
                or key in correction_diff.SELF
                or key.endswith("_id")
                or key.removesuffix("_label") in value
                or f"{parent}.{key}" in correction_diff.LABELS
                or key in correction_diff.LABELS
            )
            if not named:
                unnamed.add(f"{parent}.{key}")
            if key not in correction_diff.IGNORED:
                walk(item, key)

    walk(frozen, "")
    assert unnamed == set()


def test_a_changed_trend_cell_is_listed_once_not_again_as_its_drawings_text_alternative():
    """The trend's and the benefit map's drawings are drawn from data the list compares item by item; their
    text alternatives would say the same change again, in one long line."""
    trend = {
        "periods": [
            {"key": "2026-T1", "label": "1. tertial 2026"},
            {"key": "2026-T2", "label": "2. tertial 2026"},
        ],
        "dimensions": [{"dimension": "cost", "label": "kostnad", "cells": [None, "red"]}],
        "chart": {
            "alt": "Statusutvikling. Kostnad: 1. tertial 2026 ingen rapport, 2. tertial 2026 rød.",
            "svg": "<svg/>",
        },
    }
    old_sheet = sheet(1, "Digital booking")
    old_sheet["trend"] = trend
    new_sheet = copy.deepcopy(old_sheet)
    new_sheet["trend"]["dimensions"][0]["cells"][1] = "yellow"
    new_sheet["trend"]["chart"]["alt"] = (
        "Statusutvikling. Kostnad: 1. tertial 2026 ingen rapport, 2. tertial 2026 gul."
    )
    found = texts(differences(snapshot(old_sheet), snapshot(new_sheet)))
    assert len(found) == 1, found
    assert "Diagram" not in found[0]
