"""Writes the demo goals and scorecards: the master plan's goals, the projects' links to them, and the
scorecards, loaded through the same service as an Excel import."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.history import save_with_history
from demo.story.scorecards import GOALS, PROJECT_GOALS, SCORECARDS, Row
from scorecards import services, values
from scorecards.direction import infer_direction
from scorecards.excel import RESULT, TARGET, IndicatorRow, ParsedCell, ParsedScorecard
from scorecards.models import Goal, ProjectGoal, Scorecard
from scorecards.values import Direction

from .programmes import ProgrammeDemo
from .rows import Tally, upsert


def parsed_rows(rows: tuple[Row, ...]) -> ParsedScorecard:
    """The demo rows as the Excel import would read them (directions left out are inferred the same way)."""
    parsed = ParsedScorecard()
    for number, (area, perspective, name, unit, direction, _goal, by_year) in enumerate(rows, start=2):
        item = IndicatorRow(number, area, perspective, name, unit, Direction.HIGHER)
        for year, (target, result) in by_year.items():
            item.covered |= {(TARGET, year), (RESULT, year)}
            for text, into in ((target, item.targets), (result, item.results)):
                value = values.parse_value(text)
                if value is not None:
                    into[year] = ParsedCell(text, value)
        if direction:
            item.direction = Direction.LOWER if direction.startswith("lav") else Direction.HIGHER
        else:
            item.direction, item.direction_inferred = infer_direction(
                name,
                *(c.value for c in item.results.values()),
                targets=[c.value for c in item.targets.values()],
            )
        parsed.rows.append(item)
    return parsed


def seed_goals(demo: ProgrammeDemo, tally: Tally) -> dict[str, Goal]:
    goals: dict[str, Goal] = {}
    admin = demo.users["admin"]
    for position, (code, title, description, children) in enumerate(GOALS, start=1):
        goal = upsert(
            Goal,
            match={"programme": demo.programme, "code": code},
            values={
                "programme": demo.programme,
                "code": code,
                "title": title,
                "description": description,
                "parent": None,
                "position": position * 10,
            },
            tally=tally,
            label=_("master-plan goals"),
            created_by=admin,
        )
        goals[code] = goal
        for sub_position, (sub_code, sub_title, sub_description) in enumerate(children, start=1):
            goals[sub_code] = upsert(
                Goal,
                match={"programme": demo.programme, "code": sub_code},
                values={
                    "programme": demo.programme,
                    "code": sub_code,
                    "title": sub_title,
                    "description": sub_description,
                    "parent": goal,
                    "position": position * 10 + sub_position,
                },
                tally=tally,
                label=_("master-plan goals"),
                created_by=admin,
            )
    return goals


def seed_scorecards(demo: ProgrammeDemo, tally: Tally) -> list[Scorecard]:
    """Goals, project links and scorecards of the demo programme; running it again changes nothing."""
    goals = seed_goals(demo, tally)
    for project_name, links in PROJECT_GOALS.items():
        project = demo.projects[project_name]
        for code, strength, statement in links:
            upsert(
                ProjectGoal,
                match={"project": project, "goal": goals[code]},
                values={
                    "project": project,
                    "goal": goals[code],
                    "statement": statement,
                    "strength": strength,
                },
                tally=tally,
                label=_("project goals"),
                created_by=project.leader,
            )
    scorecards = []
    for spec in SCORECARDS:
        owner = demo.users[spec["owner"]]
        years = sorted({year for row in spec["rows"] for year in row[6]})
        scorecard = upsert(
            Scorecard,
            match={"title__iexact": spec["title"]},
            values={
                "title": spec["title"],
                "service_area": spec["service_area"],
                "function_code": spec["function_code"],
                "description": spec["description"],
                "owner": owner,
                "first_year": years[0],
                "last_year": years[-1],
            },
            tally=tally,
            label=_("scorecards"),
            created_by=owner,
        )
        summary = services.scorecard_import(scorecard=scorecard, parsed=parsed_rows(spec["rows"]), user=owner)
        for outcome, count in (
            ("created", summary.created),
            ("updated", summary.updated),
            ("unchanged", summary.unchanged),
        ):
            for _row in range(count):
                tally.add(_("indicators"), outcome)
        for outcome, count in (
            ("created", summary.values_created),
            ("updated", summary.values_updated),
            ("unchanged", summary.values_unchanged),
        ):
            for _row in range(count):
                tally.add(_("indicator values"), outcome)
        by_name = {i.name: i for i in scorecard.indicators.all()}
        for _area, _perspective, name, _unit, _direction, code, _years in spec["rows"]:
            indicator = by_name.get(name)
            goal = goals.get(code)
            if indicator is not None and indicator.goal_id != (goal.pk if goal else None):
                indicator.goal = goal
                save_with_history(indicator, user=owner, update_fields=["goal"])
        scorecards.append(scorecard)
    return scorecards
