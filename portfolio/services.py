"""Writes of the portfolio: assessments, capacity, the board's order, decisions and what-if scenarios.
Each runs in one transaction and validates before it writes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import save_with_history
from core.merge import UNKNOWN_BASE, merge_edit
from core.numbers import format_number
from core.people import person_name
from core.versioning import Saved
from programmes.models import Programme, Project

from . import ordering, selectors, signals
from .models import (
    Assessment,
    Board,
    BoardOrderChange,
    Capacity,
    Criterion,
    Decision,
    Objective,
    OrderChangeKind,
    Outcome,
    PortfolioEntry,
    Scenario,
)


class BoardConflict(Exception):
    """The board was reordered by someone else after the order being saved was read."""

    def __init__(self, board: Board):
        super().__init__("board changed")
        self.board = board


@dataclass
class OrderConflict:
    """This user and others moved the same projects: both whole orders, for the user to choose."""

    mine: list[int]
    theirs: list[int]
    projects: list[int]  # the projects both moved
    by: list  # who saved the other order(s)


@dataclass
class OrderSave:
    """What became of a reorder: saved as it was, saved on top of others' newer order, or a conflict."""

    board: Board
    merged_with: list = field(default_factory=list)  # the people whose newer order was kept
    theirs_moved: list[int] = field(default_factory=list)
    conflict: OrderConflict | None = None


def assessment_set(*, project: Project, criterion: Criterion, score: int, rationale: str, user) -> Assessment:
    """Sets (or changes) a project's score on a criterion; the change is kept in the assessment's history."""
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update().filter(project=project, criterion=criterion).first()
        )
        if assessment is None:
            assessment = Assessment(project=project, criterion=criterion)
        assessment.score = score
        assessment.rationale = rationale
        assessment.assessed_by = user
        assessment.full_clean()
        save_with_history(assessment, user=user)
        return assessment


def capacity_set(*, programme: Programme, year: int, person_years: Decimal, kroner: int, user) -> Capacity:
    with transaction.atomic():
        capacity = Capacity.objects.select_for_update().filter(programme=programme, year=year).first()
        if capacity is None:
            capacity = Capacity(programme=programme, year=year)
        capacity.person_years = person_years
        capacity.kroner = kroner
        capacity.full_clean()
        save_with_history(capacity, user=user)
        return capacity


def _locked_board(programme: Programme) -> Board:
    Board.objects.get_or_create(programme=programme)
    return Board.objects.select_for_update().get(programme=programme)


def _current_order(programme: Programme) -> list[int]:
    return [row.pk for row in selectors.portfolio_board(programme_id=programme.pk).rows]


def _write_order(
    *, board: Board, order: list[int], user, kind: str, moved: set[int] | None, previous: list[int]
) -> Board:
    """Writes every rank from `order` (top first) on the locked `board`, bumps its version and records the
    change (before, after and the projects moved) in the board's order history."""
    project_ids = set(
        Project.objects.filter(sub_programme__programme=board.programme_id).values_list("pk", flat=True)
    )
    if len(order) != len(set(order)) or set(order) != project_ids:
        raise ValidationError(_("The order must name every project of the programme once."))
    entries = {e.project_id: e for e in PortfolioEntry.objects.filter(project_id__in=project_ids)}
    new = [
        PortfolioEntry(project_id=pk, rank=rank)
        for rank, pk in enumerate(order, start=1)
        if pk not in entries
    ]
    changed = []
    for rank, pk in enumerate(order, start=1):
        entry = entries.get(pk)
        if entry is not None and entry.rank != rank:
            entry.rank = rank
            changed.append(entry)
    PortfolioEntry.objects.bulk_create(new, batch_size=1000)
    PortfolioEntry.objects.bulk_update(changed, ["rank"], batch_size=1000)
    board.version += 1
    board.updated_by = user
    board.save()
    if moved is None:
        moved = ordering.moved_projects(previous, order)
    BoardOrderChange.objects.create(
        board=board,
        version=board.version,
        kind=kind,
        previous_order=list(previous),
        order=list(order),
        moved=sorted(moved),
        changed_by=user,
    )
    return board


def board_reorder(
    *,
    programme: Programme,
    order: list[int],
    version: int,
    user,
    kind: str = OrderChangeKind.DRAG,
    moved: set[int] | None = None,
) -> Board:
    """Writes the rank of every project of the programme from `order` (top first) in one transaction.

    `version` is the board version the order was read at; if someone has reordered since, nothing is
    written and BoardConflict is raised, so their order is not silently overwritten.
    """
    with transaction.atomic():
        board = _locked_board(programme)
        if board.version != version:
            raise BoardConflict(board)
        previous = _current_order(programme)
        return _write_order(board=board, order=order, user=user, kind=kind, moved=moved, previous=previous)


def _moved_since(board: Board, version: int) -> tuple[set[int] | None, list]:
    """The projects others moved after `version`, and who; None when the history cannot tell (a gap)."""
    changes = list(
        BoardOrderChange.objects.filter(board=board, version__gt=version)
        .select_related("changed_by")
        .order_by("version")
    )
    if [c.version for c in changes] != list(range(version + 1, board.version + 1)):
        return None, sorted({c.changed_by for c in changes}, key=lambda u: u.pk)
    moved: set[int] = set()
    people = []
    for change in changes:
        moved |= set(change.moved)
        if change.changed_by not in people:
            people.append(change.changed_by)
    return moved, people


def board_order_save(
    *,
    programme: Programme,
    order: list[int],
    moved: set[int] | None,
    version: int,
    user,
    kind: str = OrderChangeKind.DRAG,
) -> OrderSave:
    """Saves this user's new `order`, made on the board at `version`, in which they moved `moved` (None:
    worked out from the order). If others reordered since: when they moved other projects, this user's
    moves are applied on top of their order and saved; when both moved a project, nothing is saved and
    both orders are returned for the user to choose."""
    with transaction.atomic():
        board = _locked_board(programme)
        current = _current_order(programme)
        if board.version == version:
            return OrderSave(
                board=_write_order(
                    board=board, order=order, user=user, kind=kind, moved=moved, previous=current
                )
            )
        base = _order_at(board, version)
        if moved is None:
            moved = ordering.moved_projects(base, order) if base is not None else set(order)
        theirs_moved, people = _moved_since(board, version)
        outcome = ordering.merge_moves(projects=current, mine=moved, theirs=theirs_moved)
        if outcome.conflicts:
            return OrderSave(
                board=board,
                conflict=OrderConflict(
                    mine=ordering.complete(order, current),
                    theirs=current,
                    projects=outcome.conflicts,
                    by=people,
                ),
            )
        merged = ordering.apply_moves(current=current, mine=order, moved=moved)
        board = _write_order(
            board=board, order=merged, user=user, kind=OrderChangeKind.MERGE, moved=moved, previous=current
        )
        return OrderSave(board=board, merged_with=people, theirs_moved=sorted(theirs_moved or ()))


def _order_at(board: Board, version: int) -> list[int] | None:
    """The board's order right after `version`, from its order history; None if not recorded."""
    if version == board.version:
        return None
    change = BoardOrderChange.objects.filter(board=board, version=version).only("order").first()
    if change is not None:
        return change.order
    following = (
        BoardOrderChange.objects.filter(board=board, version=version + 1).only("previous_order").first()
    )
    return following.previous_order if following is not None else None


def moved(order: list[int], project_id: int, direction: str) -> list[int]:
    """`order` with the project moved one place up or down (unchanged at either end)."""
    order = list(order)
    index = order.index(project_id)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
    return order


def board_move(*, programme: Programme, project_id: int, direction: str, version: int, user) -> OrderSave:
    """Moves one project a place up or down the board (the keyboard alternative to dragging), from where
    it was on the board the user saw; merged with others' moves of other projects made since."""
    board = Board.objects.filter(programme=programme).first()
    seen = None
    if board is not None and board.version != version:
        seen = _order_at(board, version)
    seen = seen or _current_order(programme)
    if project_id not in seen:
        raise ValidationError(_("The project is not on this board."))
    return board_order_save(
        programme=programme,
        order=moved(seen, project_id, direction),
        moved={project_id},
        version=version,
        user=user,
        kind=OrderChangeKind.MOVE,
    )


def board_rank_by_priority(*, programme: Programme, version: int, user) -> Board:
    """Ranks the whole board by priority score again (missing scores last, ties by name), e.g. after the
    criteria's weights have changed. Asked for on a confirmation page that showed the order at `version`:
    if someone reordered since, it is refused (BoardConflict) so the page can be shown again. The order
    it replaces is kept in the history and can be restored (`board_order_undo`)."""
    order = selectors.ranked_by_priority(programme_id=programme.pk)
    return board_reorder(
        programme=programme, order=order, version=version, user=user, kind=OrderChangeKind.RANK
    )


def board_order_undo(*, programme: Programme, change_id: int, user) -> OrderSave:
    """Restores the order a re-ranking replaced. Merged like any reorder with moves made since it."""
    with transaction.atomic():
        change = (
            BoardOrderChange.objects.select_for_update()
            .filter(pk=change_id, board__programme=programme, kind=OrderChangeKind.RANK, undone=False)
            .first()
        )
        if change is None:
            raise ValidationError(_("This re-ranking has already been undone."))
        restore = ordering.complete(change.previous_order, change.order)
        result = board_order_save(
            programme=programme,
            order=restore,
            moved=ordering.moved_projects(change.order, restore),
            version=change.version,
            user=user,
            kind=OrderChangeKind.UNDO,
        )
        if result.conflict is None:
            change.undone = True
            change.save(update_fields=["undone"])
        return result


def decision_record(
    *, project: Project, outcome: str, rationale: str, user, decided_on: datetime.date | None = None
) -> Decision:
    """Adds a decision to the project's log; it supersedes the earlier ones, which are kept as they are."""
    with transaction.atomic():
        decision = Decision(
            project=project,
            outcome=outcome,
            rationale=rationale.strip(),
            decided_on=decided_on or timezone.localdate(),
            decided_by=user,
        )
        decision.full_clean()
        decision.save()
        entry, _created = PortfolioEntry.objects.select_for_update().get_or_create(project=project)
        entry.decision = outcome
        entry.save(update_fields=["decision"])
        # robust: a listener that fails (e.g. the broker is down) never undoes or hides the decision.
        transaction.on_commit(
            lambda: signals.decision_recorded.send(sender=Decision, decision_id=decision.pk), robust=True
        )
        return decision


# --- Scenarios -------------------------------------------------------------------------------------------


def scenario_create(*, programme: Programme, user) -> Scenario:
    """A draft what-if from the board as it is: its order, and the projects now included (or, when nothing
    is decided yet, the projects above the capacity line)."""
    board = selectors.portfolio_board(programme_id=programme.pk)
    included = selectors.current_portfolio(board) or {
        row.pk for row in board.rows if row.fits and row.takes_capacity
    }
    scenario = Scenario(
        programme=programme,
        order=[row.pk for row in board.rows],
        included=sorted(included),
        created_by=user,
        board_version=board.version,
    )
    scenario.full_clean()
    scenario.save()
    return scenario


def scenario_toggle(*, scenario: Scenario, project_id: int) -> Scenario:
    if project_id not in scenario.order:
        raise ValidationError(_("The project is not in this scenario."))
    included = set(scenario.included)
    included ^= {project_id}
    scenario.included = sorted(included)
    scenario.reasons.pop(str(project_id), None)
    scenario.save(update_fields=["included", "reasons"])
    return scenario


def scenario_move(*, scenario: Scenario, project_id: int, direction: str) -> Scenario:
    if project_id not in scenario.order:
        raise ValidationError(_("The project is not in this scenario."))
    scenario.order = moved(scenario.order, project_id, direction)
    scenario.save(update_fields=["order"])
    return scenario


def scenario_save(*, scenario: Scenario, name: str) -> Scenario:
    scenario.name = name.strip()
    scenario.full_clean()
    scenario.save(update_fields=["name"])
    return scenario


def scenario_discard(*, scenario: Scenario) -> None:
    scenario.delete()


def scenario_apply(*, scenario: Scenario, rationale: str, user) -> Board:
    """Makes the scenario the portfolio: its order goes to the board (refused if the board changed since
    the scenario was made), included projects not already in are decided in, and projects that were in
    but are left out are set to wait, all with the given rationale."""
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError(_("Write a rationale for the decisions."))
    with transaction.atomic():
        board = board_reorder(
            programme=scenario.programme,
            order=scenario.order,
            version=scenario.board_version,
            user=user,
            kind=OrderChangeKind.SCENARIO,
        )
        current = dict(
            PortfolioEntry.objects.filter(project_id__in=scenario.order).values_list("project_id", "decision")
        )
        included = set(scenario.included)
        projects = Project.objects.in_bulk(scenario.order)
        for pk in scenario.order:
            decision = current.get(pk, "")
            if pk in included and decision != Outcome.INCLUDE:
                decision_record(project=projects[pk], outcome=Outcome.INCLUDE, rationale=rationale, user=user)
            elif pk not in included and decision == Outcome.INCLUDE:
                decision_record(project=projects[pk], outcome=Outcome.WAIT, rationale=rationale, user=user)
        scenario.delete()
        return board


def scenario_suggest(
    *, programme: Programme, objective: str, keep_included: bool, user, leave_out_waiting: bool = False
) -> Scenario:
    """Runs the optimiser on the board and saves its answer as a draft scenario, with why each project
    that is left out fell out."""
    from .optimiser import Candidate, solve

    board = selectors.portfolio_board(programme_id=programme.pk)
    candidates = []
    forced_out = set()
    forced_in = set()
    for row in board.rows:
        if not row.takes_capacity or (leave_out_waiting and row.decision == Outcome.WAIT):
            forced_out.add(row.pk)
        elif keep_included and row.decision == Outcome.INCLUDE:
            forced_in.add(row.pk)
        value = row.gain_total if objective == Objective.GAIN else row.priority.value
        candidates.append(
            Candidate(
                pk=row.pk,
                value=int((value or 0) * (1 if objective == Objective.GAIN else 10)),
                person_years=[row.load[y].centi_person_years for y in board.years],
                kroner=[row.load[y].kroner for y in board.years],
            )
        )
    caps_py = [board.capacities[y].centi_person_years if y in board.capacities else None for y in board.years]
    caps_kr = [board.capacities[y].kroner if y in board.capacities else None for y in board.years]
    result = solve(candidates, caps_py, caps_kr, forced_in=forced_in, forced_out=forced_out)
    if result.infeasible:
        raise ValidationError(_("The projects forced in need more than the capacity of a year."))
    chosen = result.chosen
    reasons = {
        str(pk): selectors_reason(reason, board.years)
        for pk, reason in result.reasons.items()
        if pk not in chosen
    }
    by_pk = {row.pk: row for row in board.rows}
    # The chosen projects first, in board order; then the rest in board order.
    order = [row.pk for row in board.rows if row.pk in chosen] + [
        row.pk for row in board.rows if row.pk not in chosen
    ]
    for pk in forced_out:
        if by_pk[pk].takes_capacity:
            reasons[str(pk)] = _("Left out: the project is waiting (forced out).")
        else:
            reasons[str(pk)] = _("Left out: rejected, closed or finished (forced out).")
    scenario = Scenario(
        programme=programme,
        order=order,
        included=sorted(chosen),
        reasons=reasons,
        objective=objective,
        note=_("The best possible portfolio (proven optimal).")
        if result.optimal
        else _("The best portfolio found in the time allowed; at most %(gap)s %% below the best possible.")
        % {"gap": format_number(result.gap * 100, 2)},
        created_by=user,
        board_version=board.version,
    )
    scenario.full_clean()
    scenario.save()
    return scenario


def selectors_reason(reason, years: list[int]) -> str:
    """The optimiser's reason as a sentence."""
    kind, year_index = reason
    if kind == "no_value":
        return _("Left out: it adds nothing to the objective (no priority score or no planned gain).")
    year = years[year_index]
    if kind == "alone_person_years":
        return _("Left out: alone it needs more person-years in %(year)s than the capacity.") % {"year": year}
    if kind == "alone_kroner":
        return _("Left out: alone it costs more in %(year)s than the capacity in kroner.") % {"year": year}
    if kind == "person_years":
        return _(
            "Left out: no person-years left in %(year)s; the chosen projects give more for the capacity."
        ) % {"year": year}
    return _("Left out: no kroner left in %(year)s; the chosen projects give more for the capacity.") % {
        "year": year
    }


def criterion_update(
    *,
    criterion: Criterion,
    values: dict,
    version: int,
    user: AbstractBaseUser,
    choices: dict[str, str] | None = None,
) -> Saved:
    """Saves an Administrator's change of a criterion (name, weight, scale…); scores follow at once since
    they are computed from the weights whenever they are shown.

    `version` is the criterion's version when the form was opened. If someone saved since, the edit is
    merged field by field (core.merge): fields only they changed keep their value, fields only this user
    changed take this user's; if both changed a field differently nothing is saved and core.merge.EditConflict
    is raised (its `changed_by`: everyone who saved since). `choices` (field → "mine"/"theirs") are those
    choices, made on the form of `version`: "theirs" takes the value the form showed for the other person.
    """
    fields = list(values)
    with transaction.atomic():
        criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
        current = selectors.criterion_version(criterion)
        theirs = {name: getattr(criterion, name) for name in fields}
        base = selectors.criterion_values_at(criterion, version, fields)
        stale = version != current
        by = ", ".join(map(person_name, selectors.criterion_changed_by(criterion, version))) if stale else ""
        outcome = merge_edit(
            fields=fields,
            base=(UNKNOWN_BASE if base is None else base) if stale else theirs,
            mine=values,
            current=theirs,
            choices=choices,
            current_version=current,
            changed_by=by,
        )
        for name, value in outcome.values.items():
            setattr(criterion, name, value)
        criterion.full_clean()
        save_with_history(criterion, user=user)
        return Saved(instance=criterion, kept_from=by, kept_fields=tuple(outcome.theirs_only))
