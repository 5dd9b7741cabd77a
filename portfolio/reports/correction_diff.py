"""What a corrected report changes: every shown value of two report snapshots that differs, as a list a
reader can check line by line («Sammendrag › Økonomiske gevinster › Planlagt: 4 750 000 kr → 4 500 000 kr»).

The walk is generic over the snapshot's JSON (snapshot.py is the contract), with three kinds of knowledge
kept in tables here: what each key is called on the page (`LABELS`), how its value is written (money, a
traffic light, a date, a decimal figure), and what is not content at all (`IGNORED`: when the report was
made, its id, a chart's drawing – a chart's text alternative carries its figures and is compared –, the
«changes since the last report» block, which a correction recomputes, and values derived from others
already compared). Items of a list are matched by their ids (projects by project.id, milestones, risks and
gains by id, scorecard results by indicator_id, …), so a reordered list is no change and a new item is
listed once as added.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.numbers import MISSING, format_date, format_kroner, format_number

SEPARATOR = " › "

# Keys that are not content of the report, or are derived from values compared elsewhere.
IGNORED = frozenset(
    {
        "$schema",
        "schema_version",
        "id",
        "made_on",
        "made_at",
        "ordered_by",  # who ordered this version: not a statement of the report
        "scope",
        "scope_id",
        "scope_name",
        "period",
        "svg",
        "changes",
        "corrects",
        "corrections",
        "attention",  # the summary's list repeats the project sheets' reasons and statuses
        "top_risks",  # the first of `risks`
        "urgency",
        "owes_report",
        "is_old",
        "is_financial",
        "level",
        "period_key",
        "version",
        "years",
        "key",
        "label",
        "dimension",
        "value",
        "needs_status_reports",
        "unknown_reason",
        "direction_warning",
        "goals_from_project",
        "incomplete_count",
    }
)

# Keys whose value is the item itself: no segment of their own in the path («Status › Kostnad: Gul → Rød»).
SELF = frozenset(
    {
        "projects",
        "sections",
        "project",
        "sub_programme",
        "ratings",
        "rating",
        "count",
        "rows",
        "cells",
        "by_year",
        "alt",
    }
    | {"dimensions"}
)

MONEY = frozenset(
    {
        "planned_total",
        "realised_total",
        "target_total",
        "gap_total",
        "planned",
        "realised",
        "target",
        "cost_estimate",
        "expected",
        "at_least",
        "withdrawal",
        "withdrawal_gap",
        "without_range_amount",
        "gain",
        "estimated_gain",
    }
)
RATINGS = frozenset({"overall", "rating", "cells"})
DECIMALS = frozenset(
    {
        "baseline",
        "latest",
        "target",
        "achievement",
        "capacity_person_years",
        "above_person_years",
        "demand_person_years",
    }
)

# What a key is called on the page; "parent.key" where the same key means something else under a parent.
LABELS = {
    "report": gettext_lazy("Report"),
    "title": gettext_lazy("Title"),
    "programme": gettext_lazy("Programme"),
    "name": gettext_lazy("Name"),
    "description": gettext_lazy("Description"),
    "summary": gettext_lazy("Summary"),
    "project_count": gettext_lazy("Projects"),
    "status_count": gettext_lazy("Overall status"),
    "period_label": gettext_lazy("Period"),
    "summary.gains": gettext_lazy("Financial gains"),
    "gains": gettext_lazy("Gains"),
    "planned_total": gettext_lazy("Planned"),
    "realised_total": gettext_lazy("Realised"),
    "target_total": gettext_lazy("Target"),
    "gap_total": gettext_lazy("Difference from the target"),
    "gain_chart": gettext_lazy("Chart of the financial gains"),
    "chart": gettext_lazy("Chart"),
    "savings": gettext_lazy("Savings"),
    "expected": gettext_lazy("Expected"),
    "at_least": gettext_lazy("At least"),
    "target": gettext_lazy("Target"),
    "withdrawal": gettext_lazy("Withdrawals"),
    "withdrawal_gap": gettext_lazy("Withdrawals short of the target"),
    "without_range": gettext_lazy("Gains without a known range"),
    "without_range_amount": gettext_lazy("Gains without a known range, amount"),
    "capacity": gettext_lazy("Capacity per year against the projects within the capacity"),
    "capacity_person_years": gettext_lazy("Capacity (person-years)"),
    "above_person_years": gettext_lazy("Used within the capacity"),
    "demand_person_years": gettext_lazy("Whole demand"),
    "gain": gettext_lazy("Planned gain within the capacity"),
    "estimated_gain": gettext_lazy("Of which estimates"),
    "decisions": gettext_lazy("Portfolio decisions of the period"),
    "decided_on": gettext_lazy("Date"),
    "outcome": gettext_lazy("Decision"),
    "rationale": gettext_lazy("Rationale"),
    "decisions.project": gettext_lazy("Project"),
    "gains_by_sub_programme": gettext_lazy("Gains per sub-programme"),
    "planned": gettext_lazy("Planned"),
    "realised": gettext_lazy("Realised"),
    "sub_programme.leader": gettext_lazy("Sub-programme leader"),
    "project.sub_programme": gettext_lazy("Sub-programme"),
    "phase": gettext_lazy("Phase"),
    "owner": gettext_lazy("Project owner"),
    "leader": gettext_lazy("Project leader"),
    "cost_estimate": gettext_lazy("Cost estimate"),
    "status": gettext_lazy("Status"),
    "comment": gettext_lazy("Comment"),
    "achieved": gettext_lazy("Achieved this period"),
    "next_steps": gettext_lazy("Next period"),
    "decisions_needed": gettext_lazy("Decisions needed"),
    "attention_reasons": gettext_lazy("Needs political attention because"),
    "milestones": gettext_lazy("Milestones"),
    "planned_date": gettext_lazy("Planned"),
    "forecast_date": gettext_lazy("Forecast"),
    "done_date": gettext_lazy("Done"),
    "is_late": gettext_lazy("Late"),
    "risks": gettext_lazy("Risks"),
    "probability": gettext_lazy("Probability"),
    "consequence": gettext_lazy("Consequence"),
    "score": gettext_lazy("Score"),
    "mitigation": gettext_lazy("Mitigation"),
    "risks.owner": gettext_lazy("Risk owner"),
    "kind": gettext_lazy("Type"),
    "indicators": gettext_lazy("Non-financial gains"),
    "unit": gettext_lazy("Unit"),
    "baseline": gettext_lazy("Baseline"),
    "baseline_date": gettext_lazy("Baseline date"),
    "latest": gettext_lazy("Latest"),
    "latest_on": gettext_lazy("Measured"),
    "target_date": gettext_lazy("Target date"),
    "achievement": gettext_lazy("Achievement"),
    "goals": gettext_lazy("Goals served"),
    "strength": gettext_lazy("Contribution"),
    "statement": gettext_lazy("How the project serves the goal"),
    "decision_points": gettext_lazy("Decision points"),
    "from_phase": gettext_lazy("From phase"),
    "to_phase": gettext_lazy("To phase"),
    "conditions": gettext_lazy("Conditions"),
    "reason": gettext_lazy("Why"),
    "trend": gettext_lazy("Status over time"),
    "periods": gettext_lazy("Periods"),
    "benefit_map": gettext_lazy("Benefit map"),
    "chains": gettext_lazy("Chains"),
    "deliverable": gettext_lazy("Deliverable"),
    "change": gettext_lazy("Change"),
    "benefits": gettext_lazy("Gains"),
    "loose_benefits": gettext_lazy("Gains outside a chain"),
    "scorecard_results": gettext_lazy("Scorecard results"),
    "scorecard": gettext_lazy("Scorecard"),
    "goal": gettext_lazy("Goal"),
    "year": gettext_lazy("Year"),
    "target_text": gettext_lazy("Target"),
    "result_text": gettext_lazy("Result"),
}

# How an item of a list is recognised in the other snapshot, the first key it has.
MATCH_KEYS = ("id", "indicator_id", "benefit_id", "goal_id", "dimension", "key", "value", "year")


def differences(old: dict, new: dict) -> list[dict]:
    """Every shown value that differs between two report snapshots, in the report's order.

    Each difference is a dict of plain strings: `where` (the path, «Prosjekt X › Status › Kostnad»),
    `before` and `after` (the values as the report writes them; empty for an added or removed item),
    `kind` ("changed", "added" or "removed") and `text`, the whole line.
    """
    found: list[dict] = []
    _walk(_content(old), _content(new), [], "", found)
    return found


def _content(snapshot: dict) -> dict:
    """The snapshot regrouped as the reader meets it: the project sheets by themselves (a project named by
    itself, not by the sub-programme it sits in: a moved project is a changed value, not two items)."""
    snapshot = snapshot or {}
    sections = snapshot.get("sections") or []
    return {
        "report": snapshot.get("report"),
        "summary": snapshot.get("summary"),
        "gains_by_sub_programme": snapshot.get("gains_by_sub_programme"),
        "sections": [{k: v for k, v in section.items() if k != "projects"} for section in sections],
        "projects": [sheet for section in sections for sheet in section.get("projects") or []],
        "scorecard_results": snapshot.get("scorecard_results"),
    }


def _label(parent: str, key: str) -> str:
    label = LABELS.get(f"{parent}.{key}") or LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ")


def _walk(old: Any, new: Any, path: list[str], key: str, found: list[dict]) -> None:
    """Compares the values under `key` (the raw key, which says how they are labelled and written)."""
    if isinstance(old, dict) or isinstance(new, dict):
        _walk_dict(
            old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}, path, key, found
        )
    elif _is_item_list(old) or _is_item_list(new):
        _walk_items(old or [], new or [], path, key, found)
    elif old != new and not (_empty(old) and _empty(new)):
        _changed(path, _shown(key, old), _shown(key, new), found)


# Parts whose drawing is made from data compared item by item beside it: its text alternative would list the
# same change again (the gain charts' alternatives carry yearly figures found nowhere else, and are compared).
DRAWN_FROM_COMPARED_DATA = frozenset({"trend", "benefit_map"})


def _walk_dict(old: dict, new: dict, path: list[str], parent: str, found: list[dict]) -> None:
    keys = list(new) + [key for key in old if key not in new]
    for key in keys:
        if key in IGNORED or key.endswith("_id") or _is_words_of_a_code(key, old, new):
            continue
        if key == "chart" and parent in DRAWN_FROM_COMPARED_DATA:
            continue
        before, after = old.get(key), new.get(key)
        where = path if key in SELF else [*path, _label(parent, key)]
        if f"{key}_label" in old or f"{key}_label" in new:
            # A code with its words beside it: the codes are compared, the words shown.
            if before != after:
                _changed(where, _text(old.get(f"{key}_label")), _text(new.get(f"{key}_label")), found)
            continue
        _walk(before, after, where, key, found)


def _is_words_of_a_code(key: str, old: dict, new: dict) -> bool:
    code = key.removesuffix("_label")
    return code != key and (code in old or code in new)


def _walk_items(old: list, new: list, path: list[str], key: str, found: list[dict]) -> None:
    old_items = {_identity(item, index): item for index, item in enumerate(old)}
    new_items = {_identity(item, index): item for index, item in enumerate(new)}
    for identity, item in new_items.items():
        where = [*path, _item_label(key, item)]
        if identity in old_items:
            _walk(old_items[identity], item, where, key, found)
        else:
            _listed(where, "added", found)
    for identity, item in old_items.items():
        if identity not in new_items:
            _listed([*path, _item_label(key, item)], "removed", found)


def _identity(item: dict, index: int) -> Any:
    if isinstance(item.get("project"), dict):
        return ("project", item["project"].get("id"))
    if isinstance(item.get("sub_programme"), dict):
        return ("sub_programme", item["sub_programme"].get("id"))
    for match in MATCH_KEYS:
        if item.get(match) is not None:
            return (match, item[match])
    for match in ("title", "name", "deliverable"):
        if item.get(match):
            return (match, item[match])
    return ("index", index)


def _item_label(key: str, item: dict) -> str:
    if key == "projects":
        return _("Project %(name)s") % {"name": item["project"].get("name", "")}
    if key == "sections":
        return _("Sub-programme %(name)s") % {"name": item["sub_programme"].get("name", "")}
    if key == "rows" and "count" in item:  # a row of the count of overall statuses
        return _status_value(item.get("value"))
    if key == "decisions":
        return f"{item.get('project', '')} ({_shown('decided_on', item.get('decided_on'))})"
    if key == "decision_points":
        return f"{item.get('from_phase_label', '')} → {item.get('to_phase_label', '')}"
    for name in ("title", "name", "label", "deliverable", "period_label"):
        if item.get(name):
            return capfirst(str(item[name]))
    if item.get("year") is not None:
        return str(item["year"])
    return "–"


def _is_item_list(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _changed(where: list[str], before: str, after: str, found: list[dict]) -> None:
    if before == after:
        return
    place = SEPARATOR.join(where)
    found.append(
        {
            "where": place,
            "before": before,
            "after": after,
            "kind": "changed",
            "text": f"{place}: {before} → {after}",
        }
    )


def _listed(where: list[str], kind: str, found: list[dict]) -> None:
    place = SEPARATOR.join(where)
    word = _("added") if kind == "added" else _("removed")
    found.append({"where": place, "before": "", "after": word, "kind": kind, "text": f"{place} {word}"})


# --- Values as the report writes them ---------------------------------------------------------------------


def _text(value: Any) -> str:
    return MISSING if _empty(value) else str(value)


def _shown(key: str, value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_shown(key, item) for item in value) if value else MISSING
    if key in RATINGS:
        return _rating(value)
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if key in MONEY and isinstance(value, int):
        return format_kroner(value)
    if key in DECIMALS and isinstance(value, str):
        try:
            return format_number(Decimal(value))
        except InvalidOperation:
            return value
    if isinstance(value, str) and (key.endswith(("_date", "_on")) or key in ("start", "end")):
        try:
            return format_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _rating(value: Any) -> str:
    from programmes.models import Rating

    if value is None:
        return _("no report")
    try:
        return str(Rating(value).label)
    except ValueError:
        return str(value)


def _status_value(value: Any) -> str:
    """A row of the count of overall statuses, as the summary's table names it."""
    if value == "missing":
        return _("Status report missing")
    if value == "not_reporting":
        return _("Does not report (idea, concept, closed or not started)")
    return _rating(value)
