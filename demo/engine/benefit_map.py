"""Writes the demo's benefit maps: the change lines of demo.story.benefit_map and the goals some benefits
serve of their own."""

from __future__ import annotations

from django.utils.translation import gettext as _

from benefits.models import Benefit, ProjectChange
from demo.story.benefit_map import BENEFIT_GOALS, CHANGES
from scorecards.models import Goal

from .programmes import ProgrammeDemo
from .rows import Tally, upsert


def _set_if_different(manager, wanted: list, tally: Tally, label: str) -> None:
    if {obj.pk for obj in manager.all()} != {obj.pk for obj in wanted}:
        manager.set(wanted)
        tally.add(label, "updated")


def seed_benefit_map(demo: ProgrammeDemo, tally: Tally) -> None:
    """Create or update the demo's change lines and benefit goals; running it again changes nothing."""
    goals = {goal.code: goal for goal in Goal.objects.filter(programme=demo.programme)}
    for project_name, lines in CHANGES.items():
        project = demo.projects[project_name]
        benefits = {b.title: b for b in Benefit.objects.filter(project=project)}
        for position, (deliverable, change, titles) in enumerate(lines):
            line = upsert(
                ProjectChange,
                match={"project": project, "position": position},
                values={
                    "project": project,
                    "position": position,
                    "deliverable": deliverable,
                    "change": change,
                },
                tally=tally,
                label=_("benefit map lines"),
                created_by=project.leader,
            )
            _set_if_different(
                line.benefits, [benefits[title] for title in titles], tally, _("benefit map lines")
            )
    for (project_name, title), codes in BENEFIT_GOALS.items():
        benefit = Benefit.objects.get(project=demo.projects[project_name], title=title)
        _set_if_different(benefit.goals, [goals[code] for code in codes], tally, _("benefits' goals"))
