"""The benefit plan import: the names the parse steps (benefits.excel, benefits.reading) match against, and
the all-or-nothing write. The upload flow and `PLAN_FILE` are in gains_files."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core import access
from core.history import bulk_create_with_records
from core.import_problems import ImportProblem, ImportRefused, ImportSummary
from programmes.models import Programme, Project, SubProgramme

from .. import excel, selectors
from ..models import Benefit, BenefitPlanYear, EconomicPlan

BATCH_SIZE = 1000
# The benefit's own fields a file may give (excel.ImportRow.details).
DETAIL_FIELDS = tuple(excel.BENEFIT_COLUMNS.values())


@transaction.atomic
def benefit_plan_import(
    *, programme: Programme, user: AbstractBaseUser | None, rows: list[excel.ImportRow]
) -> ImportSummary:
    """Writes parsed and validated rows in one transaction; raises ImportRefused, having written nothing,
    when a row is valid on its own but not with what is stored (øre left in a year not in the file of a
    benefit that becomes financial, a low figure above the planned figure the file leaves as it is).

    A row updates the project's benefit with the same name (case-insensitively) or creates it; each of
    the row's years sets the figures the file has columns for (planned, low, high, operating cost,
    withdrawal, realised; an empty cell empties the figure), and the benefit's own fields it gives
    (responsible unit, range percentages). Benefits and plan years
    that are not in the file are left as they are. The parse step has validated every cell, so the rows
    are written in bulk (with history), which keeps a 5,000-row file to a few dozen queries.
    """
    now = timezone.now()
    summary = ImportSummary()
    benefits = selectors.existing_benefits(programme_id=programme.pk)
    new_benefits: list[tuple[Benefit, Any]] = []
    changed_benefits: list[Benefit] = []
    new_years: list[BenefitPlanYear] = []
    changed_years: list[BenefitPlanYear] = []
    problems: list[ImportProblem] = []

    def plan_year_changes(benefit: Benefit, row, existing: dict[int, BenefitPlanYear]) -> bool:
        changed = False
        for year in row.years:
            values = {
                name: row.figures(name)[year] for name in excel.STORED_FIGURES if year in row.figures(name)
            }
            plan_year = existing.get(year)
            if plan_year is None:
                if all(value is None for value in values.values()):
                    continue
                plan_year = BenefitPlanYear(benefit=benefit, year=year, **values)
                new_years.append(plan_year)
            elif any(getattr(plan_year, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(plan_year, name, value)
                changed_years.append(plan_year)
            else:
                continue
            plan_year.benefit = benefit
            try:
                plan_year.clean_fields(exclude=["benefit"])
                plan_year.clean()
            except ValidationError as exc:
                # Valid in the file, but not with what is stored for the year (a low figure above the
                # planned one the file leaves as it is): the model's message, on the figure's column.
                for name, messages in exc.message_dict.items():
                    column = row.columns.get((name, year)) or excel.year_column(name, year)
                    problems.extend(ImportProblem(row.row, column, message) for message in messages)
            changed = True
        return changed

    for row in rows:
        values = {"kind": row.kind, "owner_id": row.owner_id, **row.details}
        benefit = benefits.get((row.project_id, row.title.strip().casefold()))
        if benefit is None:
            benefit = Benefit(project_id=row.project_id, title=row.title.strip(), **values)
            benefit.clean_fields(exclude=["project", "owner"])
            new_benefits.append((benefit, row))
            summary.created += 1
            continue
        fields_changed = any(getattr(benefit, name) != value for name, value in values.items())
        kind_changed = benefit.kind != row.kind
        for name, value in values.items():
            setattr(benefit, name, value)
        existing = {py.year: py for py in benefit.plan_years.all()}
        years_changed = plan_year_changes(benefit, row, existing)
        if kind_changed:
            # A benefit whose type changes must not keep, in the years the file leaves out, figures its new
            # type does not allow (øre in a financial benefit, an operating cost in a non-financial one).
            for year, plan_year in existing.items():
                if year in row.years:
                    continue
                plan_year.benefit = benefit
                try:
                    plan_year.clean()
                except ValidationError as exc:
                    reasons = [
                        message
                        for name, messages in exc.message_dict.items()
                        if name != "realised"  # a future realised figure stored before the rule is kept
                        for message in messages
                    ]
                    if not reasons:
                        continue
                    problems.append(
                        ImportProblem(
                            row=row.row,
                            column=excel.KIND,
                            message=_(
                                "The benefit's new type does not fit what is stored for %(year)s: %(reason)s "
                                "Add the year to the file with figures that fit, or correct it first."
                            )
                            % {"year": plan_year.year, "reason": " ".join(reasons)},
                        )
                    )
        if fields_changed or years_changed:
            benefit.version += 1
            benefit.updated_at = now
            benefit.clean_fields(exclude=["project", "owner"])
            changed_benefits.append(benefit)
            summary.updated += 1
        else:
            summary.unchanged += 1

    if problems:
        raise ImportRefused(problems)
    if new_benefits:
        created = bulk_create_with_records(
            Benefit, [benefit for benefit, _row in new_benefits], user=user, when=now, batch_size=BATCH_SIZE
        )
        for benefit, (_unsaved, row) in zip(created, new_benefits, strict=True):
            plan_year_changes(benefit, row, {})
        if problems:
            raise ImportRefused(problems)
    if changed_benefits:
        bulk_update_with_history(
            changed_benefits,
            Benefit,
            ["kind", "owner", *DETAIL_FIELDS, "version", "updated_at"],
            batch_size=BATCH_SIZE,
            default_user=user,
        )
    if new_years:
        bulk_create_with_records(BenefitPlanYear, new_years, user=user, when=now, batch_size=BATCH_SIZE)
    if changed_years:
        bulk_update_with_history(
            changed_years,
            BenefitPlanYear,
            list(excel.STORED_FIGURES),
            batch_size=BATCH_SIZE,
            default_user=user,
        )
    summary.say(
        _("The benefit plan was imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
        % {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged}
    )
    return summary


def project_lookup(*, programme: Programme, user=None) -> excel.ProjectLookup:
    """The programme's projects as a file may name them. With a `user`, a row may only name a project that
    user may import for; without one (a management command), any project."""
    projects = selectors.programme_projects(programme_id=programme.pk)
    allowed = None
    if user is not None:
        # The rule looks at the project's sub-programme and its leader only (benefits.rules), so it is asked
        # once per sub-programme, with enough of a project for the predicate and no query.
        may: dict[tuple[int, int | None], bool] = {}
        allowed = set()
        for p in projects:
            key = (p["sub_programme_id"], p["sub_programme__leader_id"])
            if key not in may:
                may[key] = access.has_perm(
                    user,
                    "benefits.import_project_benefits",
                    Project(pk=p["pk"], sub_programme=SubProgramme(pk=key[0], leader_id=key[1])),
                )
            if may[key]:
                allowed.add(p["pk"])
    return excel.ProjectLookup.build(projects, allowed)


def ledger_last_year(*, programme: Programme) -> int | None:
    """The last year the programme's gains ledger follows (its horizon); None without an economic plan,
    when no year is refused for being too late."""
    plan = EconomicPlan.objects.filter(programme=programme).first()
    return plan.ledger_years[-1] if plan else None


def benefit_plan_parse(*, programme: Programme, content: bytes, user=None) -> excel.ParseResult:
    """Reads a benefit plan file in the product's own layout against the programme's projects and people."""
    return excel.parse_workbook(
        content,
        projects=project_lookup(programme=programme, user=user),
        people=selectors.people_by_name(),
        last_year=ledger_last_year(programme=programme),
    )
