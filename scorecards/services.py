"""Writes to goals' project links, scorecards, indicators and their yearly values; each in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core import export_jobs, import_jobs
from core.history import delete_with_history, save_with_history
from core.import_problems import ImportRefused, ImportSummary
from core.merge import UNKNOWN_BASE, EditConflict, apply_values, merge, submitted_values
from core.text import file_slug
from core.versioning import Saved, versioned_update

from . import selectors, values
from .excel import (
    LIMITS,
    RESULT,
    TARGET,
    IndicatorRow,
    Mapping,
    ParsedScorecard,
    read_scorecard_file,
)
from .models import (
    DirectionSource,
    Indicator,
    IndicatorValue,
    ProjectGoal,
    Scorecard,
    ScorecardExport,
    ScorecardImport,
)

# The foreign keys are left out of full_clean in bulk writes: they point at rows this service just read or
# made, and validating them would cost a query per row.
VALUE_FIELDS = [
    f"{which}_{part}"
    for which in ("target", "result")
    for part in ("text", "kind", "number", "bound", "unit", "remark")
]


@dataclass
class ScorecardImportSummary(ImportSummary):
    """An import's summary, with created, updated and unchanged counting indicators, and their values apart."""

    values_created: int = 0
    values_updated: int = 0
    values_removed: int = 0
    values_unchanged: int = 0
    inferred: list[IndicatorRow] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return super().changed or bool(self.values_created or self.values_updated or self.values_removed)


@transaction.atomic
def scorecard_create(*, user: AbstractBaseUser, data: dict[str, Any]) -> Scorecard:
    scorecard = Scorecard(**data)
    if scorecard.owner_id is None:
        scorecard.owner = user
    scorecard.full_clean()
    save_with_history(scorecard, user=user)
    return scorecard


def _stated_source(row: IndicatorRow) -> str:
    """Where a row's direction comes from: a guess, a person's choice in the preview, or the file."""
    if row.direction_inferred:
        return DirectionSource.INFERRED
    return DirectionSource.USER if row.direction_chosen else DirectionSource.FILE


@transaction.atomic
def scorecard_import(
    *, scorecard: Scorecard, parsed: ParsedScorecard, user: AbstractBaseUser | None
) -> ScorecardImportSummary:
    """Writes a parsed file into the scorecard: all or nothing (a file with problems raises ImportRefused),
    and only what differs.

    Indicators are matched by area, perspective and name (case-insensitive); a direction the file states
    counts as confirmed; one the file leaves out is inferred as a proposal for new indicators only (no
    Nådd/Ikke nådd until the owner confirms it; reported in the summary); a target or result column of
    the file that has an empty cell removes the value for that year; indicators and years that are not in
    the file are left as they are.
    """
    if parsed.problems:
        raise ImportRefused(parsed.problems)
    Scorecard.objects.select_for_update().filter(pk=scorecard.pk).first()
    summary = ScorecardImportSummary()
    existing = {
        (i.area.casefold(), i.perspective.casefold(), i.name.casefold()): i
        for i in scorecard.indicators.all()
    }
    next_position = max((i.position for i in existing.values()), default=0) + 1
    to_create, to_update = [], []
    for row in parsed.rows:
        indicator = existing.get(row.key)
        if indicator is None:
            indicator = Indicator(
                scorecard=scorecard,
                area=row.area,
                perspective=row.perspective,
                name=row.name,
                unit=row.unit,
                direction=row.direction.value,
                direction_source=_stated_source(row),
                position=next_position,
            )
            next_position += 1
            indicator.full_clean(exclude=["scorecard"], validate_unique=False, validate_constraints=False)
            to_create.append(indicator)
            if row.direction_inferred:
                summary.inferred.append(row)
            existing[row.key] = indicator
            continue
        # A direction the file does not state is only a guess: the indicator keeps the one it has. One the
        # file states confirms it, unless it is already confirmed as that (an exported file read back).
        stated = not row.direction_inferred
        if not stated or (indicator.direction == row.direction and indicator.direction_confirmed):
            direction, source = indicator.direction, indicator.direction_source
        else:
            direction, source = row.direction.value, _stated_source(row)
        wanted = {"unit": row.unit or indicator.unit, "direction": direction, "direction_source": source}
        if any(getattr(indicator, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(indicator, name, value)
            to_update.append(indicator)
        else:
            summary.unchanged += 1
    if to_create:
        bulk_create_with_history(to_create, Indicator, default_user=user)
        # Not every database returns the new ids from a bulk insert; read them back by their keys.
        fresh = {
            (i.area.casefold(), i.perspective.casefold(), i.name.casefold()): i
            for i in scorecard.indicators.all()
        }
        existing.update(fresh)
    if to_update:
        bulk_update_with_history(
            to_update, Indicator, ["unit", "direction", "direction_source"], default_user=user
        )
    summary.created, summary.updated = len(to_create), len(to_update)

    current = {
        (v.indicator_id, v.year): v for v in IndicatorValue.objects.filter(indicator__scorecard=scorecard)
    }
    create_values, update_values, remove_values = [], [], []
    for row in parsed.rows:
        indicator = existing[row.key]
        for year in sorted({year for _which, year in row.covered}):
            value = current.get((indicator.pk, year)) or IndicatorValue(indicator=indicator, year=year)
            before = [getattr(value, name) for name in VALUE_FIELDS]
            for which, cells in (("target", row.targets), ("result", row.results)):
                if (TARGET if which == "target" else RESULT, year) not in row.covered:
                    continue
                cell = cells.get(year)
                value.set_value(which, cell.text if cell else "", cell.value if cell else None)
            empty = not value.target_kind and not value.result_kind
            if value.pk is None:
                if not empty:
                    value.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)
                    create_values.append(value)
            elif empty:
                remove_values.append(value.pk)
            elif before != [getattr(value, name) for name in VALUE_FIELDS]:
                value.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)
                update_values.append(value)
            else:
                summary.values_unchanged += 1
    if create_values:
        bulk_create_with_history(create_values, IndicatorValue, default_user=user)
    if update_values:
        bulk_update_with_history(update_values, IndicatorValue, VALUE_FIELDS, default_user=user)
    if remove_values:
        for value in IndicatorValue.objects.filter(pk__in=remove_values):
            delete_with_history(value, user=user)
    summary.values_created = len(create_values)
    summary.values_updated = len(update_values)
    summary.values_removed = len(remove_values)

    years = parsed.years
    if years:
        first = min([y for y in (scorecard.first_year, years[0]) if y is not None])
        last = max([y for y in (scorecard.last_year, years[-1]) if y is not None])
        if (first, last) != (scorecard.first_year, scorecard.last_year):
            scorecard.first_year, scorecard.last_year = first, last
            save_with_history(scorecard, user=user, update_fields=["first_year", "last_year"])
    _say_what_was_done(summary)
    return summary


def _say_what_was_done(summary: ScorecardImportSummary) -> None:
    summary.say(
        _("Imported: %(created)s new, %(updated)s changed and %(unchanged)s unchanged indicators; ")
        % {"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged}
        + _("%(created)s new, %(updated)s changed and %(removed)s removed values.")
        % {
            "created": summary.values_created,
            "updated": summary.values_updated,
            "removed": summary.values_removed,
        }
    )
    if summary.inferred:
        summary.say(
            ngettext(
                "The file had no direction for %(count)s indicator: it shows «Direction missing» instead of "
                "met or not met until its direction is confirmed on the scorecard page.",
                "The file had no direction for %(count)s indicators: they show «Direction missing» instead "
                "of met or not met until their direction is confirmed on the scorecard page.",
                len(summary.inferred),
            )
            % {"count": len(summary.inferred)}
        )
    for row in summary.inferred:
        summary.say(
            _("The direction of «%(name)s» is not confirmed. %(reason)s")
            % {"name": row.name, "reason": row.direction_inferred},
            level="info",
        )


SCORECARD_FILE = import_jobs.FileImport(
    ScorecardImport,
    into="scorecard",
    limits=LIMITS,
    accepts_csv=True,
    parse=lambda _scorecard, _user, content, file_name, options: read_scorecard_file(
        content, file_name, mapping=Mapping.from_json(options) if options else None
    ),
    # Looked up when called, so that a test can stand in for the write.
    write=lambda scorecard, user, parsed: scorecard_import(scorecard=scorecard, parsed=parsed, user=user),
    task="scorecards.tasks.import_scorecard_file",
    options="options",
)


@transaction.atomic
def indicator_direction_confirm(*, indicator: Indicator, direction: str, user: AbstractBaseUser) -> Indicator:
    """Sets the indicator's direction as confirmed by `user`; from then on it gets Nådd/Ikke nådd.

    Raises ValidationError (Norwegian) for anything but higher or lower is better."""
    if direction not in (values.Direction.HIGHER, values.Direction.LOWER):
        raise ValidationError({"direction": _("Choose higher or lower is better.")})
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if locked.direction != direction or locked.direction_source != DirectionSource.USER:
        locked.direction, locked.direction_source = direction, DirectionSource.USER
        save_with_history(
            locked,
            user=user,
            reason=_("Direction confirmed"),
            update_fields=["direction", "direction_source"],
        )
    return locked


@dataclass
class CellSaved:
    """What a save of one cell did: `kept_theirs` when the colleague's newer value was kept."""

    value: IndicatorValue
    kept_theirs: bool = False
    changed_by: str = ""


def cell_text(text: str) -> str:
    """The text a cell stores for what the user typed: cleaned, and empty for no value (`–`)."""
    return values.clean_text(text) if values.parse_value(text) is not None else ""


@transaction.atomic
def indicator_value_set(
    *, indicator: Indicator, year: int, which: str, text: str, base: str | object, user: AbstractBaseUser
) -> CellSaved:
    """Sets one target or result as written, merged with what others saved since the form was opened.

    `base` is the cell's text when the user opened the form (`UNKNOWN_BASE` if the form does not say). If
    someone else changed the cell meanwhile, their value is kept when this user left it as it was; when
    both changed it differently, nothing is saved and core.merge.EditConflict is raised. Raises ValidationError
    (Norwegian) if the text is not a value.
    """
    if which not in ("target", "result"):
        raise ValueError(which)
    try:
        parsed = values.parse_value(text)
    except values.ValueParseError as exc:
        raise ValidationError({f"{which}_text": exc.message}) from exc
    # The scorecard's lock serialises this with other cell saves (a row may not exist yet) and with imports.
    scorecard = Scorecard.objects.select_for_update().get(pk=indicator.scorecard_id)
    value = IndicatorValue.objects.select_for_update().filter(
        indicator=indicator, year=year
    ).first() or IndicatorValue(indicator=indicator, year=year)
    theirs = getattr(value, f"{which}_text")
    mine = cell_text(text)
    outcome = merge(
        fields=[which],
        base=base if base is UNKNOWN_BASE else {which: base},
        mine={which: mine},
        theirs={which: theirs},
    )
    changed_by = selectors.cell_changed_by(indicator=indicator, year=year) if outcome.theirs_only else ""
    if outcome.conflicts:
        raise EditConflict(
            outcome=outcome,
            current={which: theirs},
            current_version=None,
            changed_by=selectors.cell_changed_by(indicator=indicator, year=year),
        )
    saved = CellSaved(value=value, kept_theirs=bool(outcome.theirs_only), changed_by=changed_by)
    if outcome.values[which] == theirs:
        return saved
    value.set_value(which, mine, parsed)
    if not value.target_kind and not value.result_kind:
        if value.pk:
            delete_with_history(value, user=user)
            value.pk = None
        return saved
    value.full_clean(validate_unique=False, validate_constraints=False)
    save_with_history(value, user=user)
    if (
        scorecard.first_year is None
        or year < scorecard.first_year
        or scorecard.last_year is None
        or year > scorecard.last_year
    ):
        scorecard.first_year = min(y for y in (scorecard.first_year, year) if y is not None)
        scorecard.last_year = max(y for y in (scorecard.last_year, year) if y is not None)
        save_with_history(scorecard, user=user, update_fields=["first_year", "last_year"])
    return saved


@transaction.atomic
def project_goal_save(
    *,
    link: ProjectGoal,
    user: AbstractBaseUser,
    data: dict[str, Any],
    expected_version: int = 0,
    choices: dict[str, str] | None = None,
) -> Saved:
    """Creates or updates a project's link to a goal (`link` carries the project).

    An edit made on an older version is merged field by field (core.versioning), as for projects.
    """
    fields = ("goal", "statement", "strength")
    if link.pk is None:
        apply_values(link, submitted_values(data, fields))
        link.full_clean()
        save_with_history(link, user=user)
        return Saved(instance=link)
    locked = ProjectGoal.objects.select_for_update().get(pk=link.pk, project_id=link.project_id)
    return versioned_update(
        instance=locked,
        fields=fields,
        data=data,
        expected_version=expected_version,
        choices=choices,
        user=user,
    )


@transaction.atomic
def project_goal_delete(*, link: ProjectGoal, user: AbstractBaseUser) -> None:
    delete_with_history(link, user=user)


# --- Exports too large for a page request ------------------------------------------------------------------

# A scorecard export of more rows than this is made by a Celery worker (core.export_jobs). About 6,000 rows
# take a second in the web process; the legal-size scorecard of 99,800 rows takes 17 s (bench:
# scorecard_export_file).
INLINE_EXPORT_MAX_ROWS = 5_000


def scorecard_export_order(*, scorecard: Scorecard, user, file_format: str) -> ScorecardExport:
    """Orders the scorecard's long form as a file made by a worker (one job for two clicks)."""
    from . import tasks

    return export_jobs.job_order(
        ScorecardExport,
        user=user,
        file_format=file_format,
        lock=scorecard,
        task=tasks.make_scorecard_export,
        scorecard=scorecard,
    )


def scorecard_export_make(*, export_id: int) -> ScorecardExport | None:
    """Makes the file of an ordered scorecard export (called by the Celery task)."""
    from . import excel

    def make(export: ScorecardExport) -> tuple[str, bytes, int]:
        scorecard = export.scorecard
        rows = selectors.scorecard_export_rows(scorecard=scorecard)
        ScorecardExport.objects.filter(pk=export.pk).update(progress=30, rows=len(rows))
        tracked = export_jobs.with_progress(ScorecardExport, export.pk, rows)
        content = excel.export_csv(tracked) if export.file_format == "csv" else excel.export_xlsx(tracked)
        return f"{file_slug(scorecard.title) or 'malekort'}.{export.file_format}", content, len(rows)

    return export_jobs.job_make(ScorecardExport, job_id=export_id, make=make)
