"""A report's frozen content: every figure, status, text and chart it shows, as one JSON document.

The worker builds the snapshot once from the selectors the pages use (`selectors.report_content`), stores it
on the report, and renders both the PDF and the web version from it, so the two never disagree and a
published report can be rendered again years later as it was, whatever has happened to the live data since.
The schema (`SCHEMA`, documented in docs/report-snapshot.md) is versioned; a snapshot says which version it
follows.

JSON has no dates or exact decimals, so the document follows two conventions, and `load` undoes them for the
templates: a key ending in `_date` or `_on`, or named `start` or `end`, holds an ISO date (`2026-04-30`),
one ending in `_at` an ISO timestamp; amounts in kroner are integers, and other decimal figures (indicator
values, person-years, percentages) are strings with their exact digits (`"12.5"`), never binary floats.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from core.people import person_name
from programmes.trends import NO_REPORT

from . import selectors

SCHEMA_ID = "https://omstilling.kommune.no/schemas/report-snapshot/1"
SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("report-snapshot.schema.json")


@cache
def schema() -> dict:
    """The JSON Schema (draft 2020-12) every stored snapshot is valid against."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(snapshot: dict) -> None:
    """Raises `jsonschema.ValidationError` if the snapshot does not follow the schema: a report is never
    stored with content a later reader could not rely on (the worker fails it, with the reason, instead)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(snapshot)


# --- Encoding ---------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A value as JSON holds it (see the module's conventions)."""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and value.as_tuple().exponent >= 0
            else str(value)
        )
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _decimal(value: Decimal | int | None) -> str | None:
    """An exact decimal figure as a string (`"12.5"`), None for unknown."""
    return None if value is None else str(value)


def _kroner(value: Decimal | int | None) -> int | None:
    """Whole kroner; the selectors already round, so this only changes the type."""
    return None if value is None else int(value)


def canonical_bytes(snapshot: dict) -> bytes:
    """The snapshot as the bytes its SHA-256 is taken over: UTF-8 JSON, keys sorted, no spaces."""
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(snapshot: dict) -> str:
    return hashlib.sha256(canonical_bytes(snapshot)).hexdigest()


# --- Decoding for the templates ---------------------------------------------------------------------------


def _is_date_key(key: str) -> bool:
    return key.endswith(("_date", "_on")) or key in ("start", "end")


def load(snapshot: dict) -> dict:
    """A copy of the snapshot with its ISO dates and timestamps as `date` and `datetime` again."""

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, str) and value:
            if key.endswith("_at"):
                return datetime.datetime.fromisoformat(value)
            if _is_date_key(key):
                return datetime.date.fromisoformat(value)
        return value

    return walk(snapshot)


# --- Building ---------------------------------------------------------------------------------------------


def _chart(chart) -> dict | None:
    """A drawn chart: its SVG as drawn when the report was made, and its text alternative."""
    if chart is None:
        return None
    return {"alt": str(chart.alt), "svg": chart.svg}


def _period(period) -> dict:
    return {
        "key": period.key,
        "label": str(period.label),
        "start": period.start,
        "end": period.end,
        "year": period.year,
    }


def _status(sheet: selectors.ProjectSheet) -> dict | None:
    status = sheet.status
    if status is None:
        return None
    return {
        "id": status.pk,
        "period_key": status.period_key,
        "period_label": str(status.period.label),
        "is_old": sheet.status_is_old,
        "version": getattr(status, "version", None),
        "overall": status.overall,
        "ratings": [
            {"dimension": name, "label": str(label), "rating": value, "comment": comment}
            for name, (label, value, comment) in zip(_dimension_names(), status.ratings(), strict=True)
        ],
        "achieved": status.achieved,
        "next_steps": status.next_steps,
        "decisions_needed": status.decisions_needed,
    }


def _dimension_names() -> tuple[str, ...]:
    from programmes.models import STATUS_DIMENSIONS

    return tuple(STATUS_DIMENSIONS)


def _milestone(milestone, today: datetime.date) -> dict:
    return {
        "id": milestone.pk,
        "title": milestone.title,
        "planned_date": milestone.planned_date,
        "forecast_date": milestone.forecast_date,
        "done_date": milestone.done_date,
        "is_late": milestone.is_late(today),
    }


def _risk(risk) -> dict:
    return {
        "id": risk.pk,
        "title": risk.title,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "score": risk.score,
        "level": risk.level,
        "mitigation": risk.mitigation,
        "owner": person_name(risk.owner) if risk.owner_id else None,
    }


def _gains(gains) -> dict:
    return {
        "years": list(gains.years),
        "planned_total": _kroner(gains.planned_total),
        "realised_total": _kroner(gains.realised_total),
        "rows": [
            {
                "id": row.benefit.pk,
                "title": row.benefit.title,
                "kind": row.benefit.kind,
                "kind_label": str(row.benefit.get_kind_display()),
                "is_financial": row.benefit.is_financial,
                "planned_total": _kroner(row.planned_total) if row.benefit.is_financial else None,
                "realised_total": _kroner(row.realised_total) if row.benefit.is_financial else None,
                "by_year": [
                    {
                        "year": year,
                        "planned": _kroner(plan.planned) if plan else None,
                        "realised": _kroner(plan.realised) if plan else None,
                    }
                    for year, plan in sorted(row.years.items())
                    if plan is not None
                ]
                if row.benefit.is_financial
                else [],
            }
            for row in gains.rows
        ],
    }


def _indicator(series) -> dict:
    benefit = series.benefit
    latest = series.latest
    return {
        "benefit_id": benefit.pk,
        "title": benefit.title,
        "unit": benefit.unit_of_measure,
        "baseline": _decimal(series.baseline),
        "baseline_date": benefit.baseline_date,
        "latest": _decimal(latest.value) if latest else None,
        "latest_on": latest.measured_on if latest else None,
        "target": _decimal(series.target),
        "target_date": benefit.target_date,
        "achievement": _decimal(series.achievement),
        "unknown_reason": str(series.unknown_reason),
        "direction_warning": str(series.direction_warning or ""),
    }


def _goal_link(link) -> dict:
    return {
        "goal_id": link.goal_id,
        "label": str(link.goal),
        "strength": link.strength,
        "strength_label": str(link.get_strength_display()),
        "statement": link.statement,
    }


def _trend(trend) -> dict | None:
    if trend is None or not trend.reported:
        return None
    return {
        "periods": [{"key": period.key, "label": str(period.label)} for period in trend.periods],
        "dimensions": [
            {
                "dimension": dimension.name,
                "label": str(dimension.label),
                "cells": [None if cell.rating == NO_REPORT else cell.rating for cell in dimension.cells],
            }
            for dimension in trend.dimensions
        ],
        "chart": _chart(trend.chart),
    }


def _goal_refs(goals) -> list[dict]:
    return [{"goal_id": goal.pk, "label": goal.label} for goal in goals]


def _benefit_node(node) -> dict:
    return {
        "benefit_id": node.benefit.pk,
        "title": node.benefit.title,
        "goals": _goal_refs(node.goals),
        "goals_from_project": node.goals_from_project,
    }


def _benefit_map(benefit_map) -> dict | None:
    if benefit_map is None or not benefit_map.chains:
        return None
    return {
        "chains": [
            {
                "deliverable": line.change.deliverable,
                "change": line.change.change,
                "benefits": [_benefit_node(node) for node in line.benefits],
            }
            for line in benefit_map.chains
        ],
        "loose_benefits": [_benefit_node(node) for node in benefit_map.loose_benefits],
        "incomplete_count": benefit_map.incomplete_count,
        "chart": _chart(benefit_map.chart),
    }


def _decision_points(project, period) -> list[dict]:
    """The phase decisions taken on the project within the report's period (issue 18's decision points)."""
    points = []
    for point in project.decision_points.all():
        if point.decided_at is None:
            continue
        decided_on = timezone.localdate(point.decided_at)
        if not period.start <= decided_on <= period.end:
            continue
        points.append(
            {
                "id": point.pk,
                "decided_on": decided_on,
                "from_phase": point.from_phase,
                "from_phase_label": str(point.get_from_phase_display()),
                "to_phase": point.to_phase,
                "to_phase_label": str(point.get_to_phase_display()),
                "outcome": point.outcome,
                "outcome_label": str(point.get_outcome_display()),
                "conditions": point.conditions,
                "reason": point.reason,
            }
        )
    return sorted(points, key=lambda p: (p["decided_on"], p["id"]))


def _sheet(sheet: selectors.ProjectSheet, indicators: dict, today: datetime.date) -> dict:
    project = sheet.project
    risks = [_risk(risk) for risk in sheet.open_risks]
    return {
        "project": {
            "id": project.pk,
            "name": project.name,
            "sub_programme_id": project.sub_programme_id,
            "sub_programme": project.sub_programme.name,
            "phase": project.phase,
            "phase_label": str(project.get_phase_display()),
            "owner": person_name(project.owner) if project.owner_id else None,
            "leader": person_name(project.leader) if project.leader_id else None,
            "cost_estimate": _kroner(project.cost_estimate),
            "needs_status_reports": project.needs_status_reports,
        },
        "status": _status(sheet),
        "owes_report": sheet.owes_report,
        "attention_reasons": [str(reason) for reason in sheet.attention_reasons],
        "urgency": sheet.urgency,
        "milestones": [_milestone(milestone, today) for milestone in sheet.milestones],
        "risks": risks,
        "top_risks": risks[: selectors.TOP_RISKS],
        "gains": _gains(sheet.gains),
        "indicators": [_indicator(series) for series in indicators.get(project.pk, [])],
        "goals": [_goal_link(link) for link in sheet.goals],
        "decision_points": _decision_points(project, sheet.period),
        "trend": _trend(sheet.status_trend),
        "benefit_map": _benefit_map(sheet.benefit_map),
    }


def _attention_row(sheet: dict) -> dict:
    status = sheet["status"] or {}
    return {
        "project_id": sheet["project"]["id"],
        "name": sheet["project"]["name"],
        "sub_programme": sheet["project"]["sub_programme"],
        "overall": status.get("overall"),
        "status_period_label": status.get("period_label") if status.get("is_old") else None,
        "reasons": sheet["attention_reasons"],
        "decisions_needed": status.get("decisions_needed", ""),
    }


def _gain_figures(group) -> dict | None:
    if group is None:
        return None
    return {
        "key": group.key,
        "label": str(group.label),
        "planned": _kroner(group.planned),
        "realised": _kroner(group.realised),
        "target": _kroner(group.target),
    }


def _savings(standing) -> dict | None:
    if standing is None:
        return None
    total = standing.total
    return {
        "years": list(standing.ledger.years),
        "expected": _kroner(total.range.expected),
        "at_least": _kroner(total.range.at_least),
        "target": _kroner(total.ledger.target),
        "withdrawal": _kroner(total.ledger.withdrawal),
        "withdrawal_gap": _kroner(total.ledger.withdrawal_gap),
        "without_range": standing.range.without_range,
        "without_range_amount": _kroner(standing.range.without_range_amount),
    }


def _scorecard_result(result: selectors.IndicatorResult) -> dict:
    line = result.line
    return {
        "indicator_id": line.indicator.pk,
        "name": line.indicator.name,
        "scorecard": line.indicator.scorecard.title,
        "goal": result.goal_name,
        "year": line.year,
        "target_text": line.target_text,
        "result_text": line.result_text,
        "status": str(line.status),
        "status_label": result.status_label,
    }


def _capacity(use) -> dict:
    return {
        "year": use.year,
        "capacity_person_years": _decimal(use.capacity.person_years) if use.capacity else None,
        "above_person_years": _decimal(use.above_person_years),
        "demand_person_years": _decimal(use.demand_person_years),
        "gain": _kroner(use.gain),
        "estimated_gain": _kroner(use.estimated_gain),
    }


def _decision(decision) -> dict:
    return {
        "id": decision.pk,
        "decided_on": decision.decided_on,
        "project_id": decision.project_id,
        "project": decision.project.name,
        "outcome": decision.outcome,
        "outcome_label": str(decision.get_outcome_display()),
        "rationale": decision.rationale,
    }


def build(content: selectors.ReportContent) -> dict:
    """The snapshot of a report's content (plain JSON values; see the module's conventions)."""
    from benefits.selectors import indicators as indicator_selectors

    report = content.report
    today = content.made_on
    benefits = [row.benefit for sheet in content.sheets for row in sheet.gains.rows]
    by_benefit = indicator_selectors.benefit_indicators(benefits, as_of=content.period.end)
    indicators = {
        sheet.project.pk: [
            by_benefit[row.benefit.pk] for row in sheet.gains.rows if row.benefit.pk in by_benefit
        ]
        for sheet in content.sheets
    }
    sections = [
        {
            "sub_programme": {
                "id": section.sub_programme.pk,
                "name": section.sub_programme.name,
                "description": section.sub_programme.description,
                "leader": person_name(section.sub_programme.leader)
                if section.sub_programme.leader_id
                else None,
            },
            "gains": _gain_figures(section.gains),
            "projects": [_sheet(sheet, indicators, today) for sheet in section.sheets],
        }
        for section in content.sections
    ]
    by_project = {sheet["project"]["id"]: sheet for section in sections for sheet in section["projects"]}
    # In ReportContent.attention's order (the one rule of which projects need attention, most urgent first).
    attention = [by_project[sheet.project.pk] for sheet in content.attention]
    overview = content.gain_overview
    count = content.status_count
    snapshot = {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "report": {
            "id": report.pk,
            "title": report.title,
            "scope": report.scope,
            "scope_id": report.scope_object.pk,
            "scope_name": report.scope_name,
            "period": _period(content.period),
            "made_on": content.made_on,
            "made_at": timezone.now(),
            "ordered_by": report.orderer,
            "programme": {
                "id": content.programme.pk,
                "name": content.programme.name,
                "description": content.programme.description,
            },
        },
        "summary": {
            "project_count": content.project_count,
            "status_count": {
                "period_label": str(count.period.label),
                "rows": [{"value": value, "count": number} for value, number in count.rows],
            },
            "gains": {
                "planned_total": _kroner(
                    overview.planned_total if overview else content.project_gains_planned
                ),
                "realised_total": _kroner(
                    overview.realised_total if overview else content.project_gains_realised
                ),
                "target_total": _kroner(overview.target_total) if overview else None,
                "gap_total": _kroner(overview.gap_total) if overview else None,
            },
            "gain_chart": _chart(content.gain_chart),
            "savings": _savings(content.savings),
            "attention": [_attention_row(sheet) for sheet in attention],
            "capacity": [_capacity(use) for use in content.capacity],
            "decisions": [_decision(decision) for decision in content.decisions],
        },
        "gains_by_sub_programme": {
            "rows": [_gain_figures(group) for group in overview.by_sub_programme],
            "chart": _chart(content.sub_programme_chart),
        }
        if overview and content.sub_programme_chart and overview.by_sub_programme
        else None,
        "sections": sections,
        "scorecard_results": [_scorecard_result(result) for result in content.scorecard_results],
        # Filled by the comparison with the previous published report (changes.py); None: there is none.
        "changes": None,
    }
    return _plain(snapshot)
