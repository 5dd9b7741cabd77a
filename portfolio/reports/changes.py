"""«Changes since the last report»: what differs between a report's snapshot and the snapshot of the previous
published report of the same scope, frozen into the new snapshot as `snapshot["changes"]`.

The comparison is made by the worker when the report is made (services._report_make), from the two
snapshots alone, so it is as frozen as the rest of the report and never looks at live data.

`snapshot["changes"]` is one of
- None: the snapshot was made before reports were compared (nothing is shown);
- the first-report form (`first_report()`): `compared_with` is None, and the report says that there is no
  earlier published report to compare with;
- the comparison (`compare()`):
  {"compared_with": {"report_id", "title", "period_label", "published_on"},
   "items": [item, ...]   every change, grouped by kind in the order of KINDS, in programme order within a kind,
   "top": [item, ...]     the (at most) five that matter most (see `top_five`),
   "counts": {kind: n}    the number of items of each kind that has any,
   "totals": {"gain_realised": kroner, "gain_plan": kroner}  the sums of the amounts of those two kinds}.

An item is {"kind", "project_id", "project", "sub_programme", "subject", "subject_id", "from", "to", "amount",
"weight", "in_report"} and, for some kinds, a few more keys (below). `subject` names what changed (a status dimension, a
milestone, a risk, a benefit, an indicator, a decision); `from` and `to` are what it was and what it is (a
rating value, a phase's name, an amount, a status's name); `amount` is a change in whole kroner; `weight` is
the sort key of `top_five`. The kinds:

- status: a status dimension (overall, schedule, cost, scope, gains) has another rating than in the previous
  report; `from`/`to` are rating values, `dimension` the dimension, `direction` "worse" or "better". Only
  projects with a status in both reports are compared.
- status_missing: the project owes a status report for the period and has none, but had one for the
  previous report's period; `from` is the rating it had then.
- project_new: in this report, not in the previous one; `to` is its phase.
- project_closed: `reason` "stopped" (closed after a «stop» decision point in the period), "closed" (its phase
  became closed) or "left" (it was in the previous report and is not in this one); `from`/`to` are phases.
- decision_point: a phase decision taken in the period (not one skipped); `outcome`, `from`/`to` the phases.
- portfolio_decision: a portfolio decision of the period; `outcome`, `to` its name.
- milestone_reached: done after the previous report's period ended and by this one's end, and not done in
  the previous report (`done_date`, `planned_date`).
- milestone_missed: planned for no later than this period's end (or the day the report was made, if that is
  earlier: a date still to come is not missed), not done, and neither late nor missed in the previous report.
- risk_high: an open risk now rated high that was not high (or not there) in the previous report;
  `from`/`to` are levels, `score` its score.
- gain_realised: a financial benefit whose realised amount changed; `from`/`to` the realised totals, `amount`
  the change. `totals["gain_realised"]` is their sum.
- gain_plan: a benefit whose planned total changed (`change` "changed"), a new benefit ("added", `amount`
  its planned total) or one gone ("removed", `amount` minus its planned total). `totals["gain_plan"]`.
- scorecard: an indicator whose status changed (`from`/`to` the statuses' names).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Report

KINDS = (
    "status",
    "status_missing",
    "project_new",
    "project_closed",
    "decision_point",
    "portfolio_decision",
    "milestone_reached",
    "milestone_missed",
    "risk_high",
    "gain_realised",
    "gain_plan",
    "scorecard",
)

TOP = 5
RATING_SEVERITY = {"green": 0, "yellow": 1, "red": 2}
CLOSED = "closed"
STOP = "stop"
SKIPPED = "skipped"
HIGH = "high"

# The ranking of «the five that matter most»: the lower the tier, the more it matters. The template says the
# same in words (changes_summary.html); keep the two together.
TIER_OVERALL_RED = 0
TIER_STOPPED = 1
TIER_DIMENSION_RED = 2
TIER_STATUS_MISSING = 3
TIER_DECISION = 4
TIER_MILESTONE_MISSED = 5
TIER_RISK_HIGH = 6
TIER_GAIN_PLAN = 7
TIER_CLOSED = 8
TIER_NEW = 9
TIER_GAIN_REALISED = 10
TIER_WORSE = 11
TIER_BETTER = 12
TIER_SCORECARD = 13
TIER_MILESTONE_REACHED = 14


# --- The report to compare with ---------------------------------------------------------------------------


def previous_report(report: Report) -> Report | None:
    """The published report that `report`'s changes are counted from: the newest published report of the same
    scope about an earlier period that has a snapshot and has not been replaced by a published correction
    (a correction is itself a published report of the same scope and period, so the newest correction is
    the one found). One query."""
    replaced = Report.objects.filter(corrects=OuterRef("pk"), published_at__isnull=False)
    return (
        Report.objects.filter(
            scope_key=report.scope_key,
            period_key__lt=report.period_key,
            published_at__isnull=False,
            snapshot__isnull=False,
        )
        .exclude(pk=report.pk)
        .exclude(Exists(replaced))
        .order_by("-period_key", "-published_at", "-pk")
        .first()
    )


def changes_for(report: Report, current: dict) -> tuple[dict, Report | None]:
    """The changes of a report being made, whose snapshot is `current`, and the report compared with."""
    previous = previous_report(report)
    if previous is None:
        return first_report(), None
    published_on = timezone.localdate(previous.published_at) if previous.published_at else None
    return compare(previous.snapshot, current, published_on=published_on), previous


# --- The comparison ---------------------------------------------------------------------------------------


def first_report() -> dict:
    """The changes of a report with no earlier published report to compare with."""
    return {"compared_with": None, "items": [], "top": [], "counts": {}, "totals": _totals([])}


def compare(previous: dict, current: dict, *, published_on: datetime.date | None = None) -> dict:
    """What changed from the snapshot `previous` to the snapshot `current` (see the module's docstring)."""
    before = _Snapshot(previous)
    now = _Snapshot(current)
    found = [
        *_status_changes(before, now),
        *_projects_new(before, now),
        *_projects_closed(before, now),
        *_decision_points(now),
        *_portfolio_decisions(before, now),
        *_milestones(before, now),
        *_risks(before, now),
        *_gains_realised(before, now),
        *_gain_plans(before, now),
        *_scorecards(before, now),
    ]
    items = sorted(found, key=lambda item: (KINDS.index(item["kind"]), item["weight"][2]))
    for seq, item in enumerate(items):
        item["weight"][3] = seq
        item["in_report"] = item["project_id"] in now.sheets
    counts = {kind: n for kind in KINDS if (n := sum(1 for item in items if item["kind"] == kind))}
    report = previous.get("report", {})
    return {
        "compared_with": {
            "report_id": report.get("id"),
            "title": report.get("title", ""),
            "period_label": (report.get("period") or {}).get("label", ""),
            "published_on": published_on.isoformat() if published_on else None,
        },
        "items": items,
        "top": top_five(items),
        "counts": counts,
        "totals": _totals(items),
    }


def top_five(items: list[dict]) -> list[dict]:
    """The five changes that matter most, at most one per project (its most important one).

    Ranked by, in this order: a project's overall status turned red; a project stopped; another status
    dimension turned red; a status report missing; decisions (phase decisions, portfolio decisions); missed
    milestones; new high risks; changes to the gain plan, the largest amount first; projects closed or gone
    from the report; new projects; gains realised, the largest first; other worsened statuses; improved
    statuses; scorecard results; milestones reached. Ties go in programme order (sub-programme, project).
    """
    chosen: list[dict] = []
    projects: set[int] = set()
    for item in sorted(items, key=lambda item: item["weight"]):
        project = item.get("project_id")
        if project is not None and project in projects:
            continue
        chosen.append(item)
        if project is not None:
            projects.add(project)
        if len(chosen) == TOP:
            break
    return chosen


def _totals(items: list[dict]) -> dict:
    return {
        kind: sum(item["amount"] or 0 for item in items if item["kind"] == kind)
        for kind in ("gain_realised", "gain_plan")
    }


class _Snapshot:
    """A snapshot read for comparing: its sheets by project id, in programme order."""

    def __init__(self, data: dict):
        self.data = data or {}
        report = self.data.get("report") or {}
        period = report.get("period") or {}
        self.end = _date(period.get("end"))
        # The last day a milestone can have been missed by: the period's end, or the day the report was
        # made if that came first (a date still to come is not missed).
        known = [day for day in (self.end, _date(report.get("made_on"))) if day]
        self.cutoff = min(known) if known else None
        self.sheets: dict[int, dict] = {}
        for section in self.data.get("sections") or []:
            for sheet in section.get("projects") or []:
                self.sheets[sheet["project"]["id"]] = sheet
        self.order = {pk: position for position, pk in enumerate(self.sheets)}

    def benefits(self) -> dict[int, tuple[dict, dict]]:
        """Every benefit by id, with the sheet it belongs to."""
        return {
            row["id"]: (row, sheet)
            for sheet in self.sheets.values()
            for row in (sheet.get("gains") or {}).get("rows") or []
        }


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value) if value else None


def _order(project_id: int | None, before: _Snapshot, now: _Snapshot) -> int:
    """Programme order: this report's, then the projects gone since, then items without a project."""
    if project_id in now.order:
        return now.order[project_id]
    if project_id in before.order:
        return len(now.order) + before.order[project_id]
    return len(now.order) + len(before.order)


def _item(
    kind: str,
    sheet: dict | None,
    *,
    order: int,
    tier: int,
    subject=None,
    subject_id=None,
    from_=None,
    to=None,
    amount: int | None = None,
    magnitude: int = 0,
    **extra,
) -> dict:
    project = (sheet or {}).get("project") or {}
    return {
        "kind": kind,
        "project_id": project.get("id"),
        "project": project.get("name"),
        "sub_programme": project.get("sub_programme"),
        "subject": subject,
        "subject_id": subject_id,
        "from": from_,
        "to": to,
        "amount": amount,
        # [tier, -magnitude, programme order, position in the full list (set by compare)]
        "weight": [tier, -abs(magnitude), order, 0],
        **extra,
    }


def _status_changes(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    for pk, sheet in now.sheets.items():
        old = before.sheets.get(pk)
        if old is None:
            continue
        status, old_status = sheet.get("status"), old.get("status")
        order = _order(pk, before, now)
        reported_now = status is not None and not status.get("is_old")
        if not reported_now and sheet.get("owes_report") and old_status and not old_status.get("is_old"):
            yield _item(
                "status_missing",
                sheet,
                order=order,
                tier=TIER_STATUS_MISSING,
                subject=old_status.get("period_label"),
                from_=old_status.get("overall"),
            )
            continue
        if status is None or old_status is None:
            continue
        old_ratings = {r["dimension"]: r["rating"] for r in old_status.get("ratings") or []}
        for rating in status.get("ratings") or []:
            was, is_ = old_ratings.get(rating["dimension"]), rating["rating"]
            if was is None or was == is_:
                continue
            worse = RATING_SEVERITY.get(is_, 0) > RATING_SEVERITY.get(was, 0)
            if worse and is_ == "red":
                tier = TIER_OVERALL_RED if rating["dimension"] == "overall" else TIER_DIMENSION_RED
            else:
                tier = TIER_WORSE if worse else TIER_BETTER
            yield _item(
                "status",
                sheet,
                order=order,
                tier=tier,
                subject=rating["label"],
                from_=was,
                to=is_,
                dimension=rating["dimension"],
                direction="worse" if worse else "better",
            )


def _projects_new(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    for pk, sheet in now.sheets.items():
        if pk not in before.sheets:
            yield _item(
                "project_new",
                sheet,
                order=_order(pk, before, now),
                tier=TIER_NEW,
                to=sheet["project"].get("phase_label"),
            )


def _stopped(sheet: dict) -> bool:
    return any(point.get("outcome") == STOP for point in sheet.get("decision_points") or [])


def _projects_closed(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    for pk, old in before.sheets.items():
        sheet = now.sheets.get(pk)
        order = _order(pk, before, now)
        if sheet is None:
            yield _item(
                "project_closed",
                old,
                order=order,
                tier=TIER_CLOSED,
                from_=old["project"].get("phase_label"),
                reason="left",
            )
        elif sheet["project"].get("phase") == CLOSED and old["project"].get("phase") != CLOSED:
            stopped = _stopped(sheet)
            yield _item(
                "project_closed",
                sheet,
                order=order,
                tier=TIER_STOPPED if stopped else TIER_CLOSED,
                from_=old["project"].get("phase_label"),
                to=sheet["project"].get("phase_label"),
                reason="stopped" if stopped else "closed",
            )


def _decision_points(now: _Snapshot) -> Iterable[dict]:
    # The snapshot holds only the decisions of its own period, so none of them was in the previous report.
    for pk, sheet in now.sheets.items():
        for point in sheet.get("decision_points") or []:
            if point.get("outcome") == SKIPPED:
                continue
            yield _item(
                "decision_point",
                sheet,
                order=now.order[pk],
                tier=TIER_STOPPED if point.get("outcome") == STOP else TIER_DECISION,
                subject=point.get("outcome_label"),
                subject_id=point.get("id"),
                from_=point.get("from_phase_label"),
                to=point.get("to_phase_label"),
                outcome=point.get("outcome"),
                decided_on=point.get("decided_on"),
            )


def _portfolio_decisions(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    seen = {d["id"] for d in (before.data.get("summary") or {}).get("decisions") or []}
    for decision in (now.data.get("summary") or {}).get("decisions") or []:
        if decision["id"] in seen:
            continue
        project_id = decision.get("project_id")
        sheet = now.sheets.get(project_id) or {
            "project": {"id": project_id, "name": decision.get("project"), "sub_programme": None}
        }
        yield _item(
            "portfolio_decision",
            sheet,
            order=_order(project_id, before, now),
            tier=TIER_DECISION,
            subject=decision.get("outcome_label"),
            subject_id=decision["id"],
            to=decision.get("outcome_label"),
            outcome=decision.get("outcome"),
            decided_on=decision.get("decided_on"),
            rationale=decision.get("rationale", ""),
        )


def _missed(milestone: dict, cutoff: datetime.date | None) -> bool:
    planned = _date(milestone.get("planned_date"))
    return bool(cutoff and planned and not milestone.get("done_date") and planned <= cutoff)


def _milestones(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    since = before.end
    for pk, sheet in now.sheets.items():
        old = {m["id"]: m for m in (before.sheets.get(pk) or {}).get("milestones") or []}
        order = now.order[pk]
        for milestone in sheet.get("milestones") or []:
            was = old.get(milestone["id"])
            done = _date(milestone.get("done_date"))
            fields = {
                "planned_date": milestone.get("planned_date"),
                "forecast_date": milestone.get("forecast_date"),
                "done_date": milestone.get("done_date"),
            }
            if done:
                in_window = (since is None or done > since) and (now.end is None or done <= now.end)
                if in_window and not (was and was.get("done_date")):
                    yield _item(
                        "milestone_reached",
                        sheet,
                        order=order,
                        tier=TIER_MILESTONE_REACHED,
                        subject=milestone["title"],
                        subject_id=milestone["id"],
                        **fields,
                    )
            elif _missed(milestone, now.cutoff) and not (
                was and (was.get("is_late") or _missed(was, before.cutoff))
            ):
                yield _item(
                    "milestone_missed",
                    sheet,
                    order=order,
                    tier=TIER_MILESTONE_MISSED,
                    subject=milestone["title"],
                    subject_id=milestone["id"],
                    **fields,
                )


def _risks(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    for pk, sheet in now.sheets.items():
        old = {r["id"]: r for r in (before.sheets.get(pk) or {}).get("risks") or []}
        for risk in sheet.get("risks") or []:
            was = old.get(risk["id"])
            if risk.get("level") != HIGH or (was and was.get("level") == HIGH):
                continue
            yield _item(
                "risk_high",
                sheet,
                order=now.order[pk],
                tier=TIER_RISK_HIGH,
                subject=risk["title"],
                subject_id=risk["id"],
                from_=was.get("level") if was else None,
                to=risk["level"],
                magnitude=risk.get("score") or 0,
                score=risk.get("score"),
            )


def _gains_realised(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    old = before.benefits()
    for benefit_id, (row, sheet) in now.benefits().items():
        if not row.get("is_financial"):
            continue
        was_row = old.get(benefit_id, ({}, None))[0]
        was, is_ = was_row.get("realised_total") or 0, row.get("realised_total") or 0
        if was == is_:
            continue
        yield _item(
            "gain_realised",
            sheet,
            order=_order(sheet["project"]["id"], before, now),
            tier=TIER_GAIN_REALISED,
            subject=row["title"],
            subject_id=benefit_id,
            from_=was,
            to=is_,
            amount=is_ - was,
            magnitude=is_ - was,
        )


def _gain_plans(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    old, new = before.benefits(), now.benefits()

    def planned(row: dict | None) -> int | None:
        return row.get("planned_total") if row and row.get("is_financial") else None

    # The benefits of this report, then those gone from it.
    for benefit_id in [*new, *(pk for pk in old if pk not in new)]:
        row, sheet = new.get(benefit_id) or old[benefit_id]
        was_row = old.get(benefit_id, (None, None))[0]
        is_row = new.get(benefit_id, (None, None))[0]
        was, is_ = planned(was_row), planned(is_row)
        if was_row is None:
            change, amount = "added", is_
        elif is_row is None:
            change, amount = "removed", None if was is None else -was
        elif was == is_:
            continue
        else:
            change, amount = "changed", (is_ or 0) - (was or 0)
        yield _item(
            "gain_plan",
            sheet,
            order=_order(sheet["project"]["id"], before, now),
            tier=TIER_GAIN_PLAN,
            subject=row["title"],
            subject_id=benefit_id,
            from_=was,
            to=is_,
            amount=amount,
            magnitude=amount or 0,
            change=change,
            kind_label=row.get("kind_label"),
        )


def _scorecards(before: _Snapshot, now: _Snapshot) -> Iterable[dict]:
    old = {r["indicator_id"]: r for r in before.data.get("scorecard_results") or []}
    for position, result in enumerate(now.data.get("scorecard_results") or []):
        was = old.get(result["indicator_id"])
        if was is None or was.get("status") == result.get("status"):
            continue
        yield _item(
            "scorecard",
            None,
            order=len(now.order) + len(before.order) + position,
            tier=TIER_SCORECARD,
            subject=result.get("name"),
            subject_id=result["indicator_id"],
            from_=was.get("status_label"),
            to=result.get("status_label"),
            scorecard=result.get("scorecard"),
            year=result.get("year"),
        )
