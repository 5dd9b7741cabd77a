"""Writes the demo's decision points (demo.story.decisions). A project that already has decision points is
left as it is, so running the seeder again never undoes a decision a user has made since."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import save_with_history
from demo.story.decisions import DECISION_POINTS
from programmes.models import NEXT_PHASE, DecisionChecklistItem, DecisionPoint

from .programmes import ProgrammeDemo
from .rows import Tally

BASIS = ("need", "goals", "gains", "cost", "risk")


def seed_decisions(demo: ProgrammeDemo, tally: Tally) -> None:
    for spec in DECISION_POINTS:
        project = demo.projects[spec["project"]]
        if project.decision_points.exists():
            tally.add(_("decision points"), "unchanged")
            continue
        questions = DecisionChecklistItem.objects.filter(from_phase=spec["from_phase"], active=True).order_by(
            "position", "pk"
        )
        point = DecisionPoint(
            project=project,
            from_phase=spec["from_phase"],
            to_phase=NEXT_PHASE[spec["from_phase"]],
            checklist=[
                {
                    "text": item.text,
                    "done": position in spec["done"],
                    "comment": spec["comments"].get(position, ""),
                }
                for position, item in enumerate(questions, start=1)
            ],
            prepared_by=demo.users[spec["prepared_by"]],
            prepared_at=timezone.make_aware(spec["prepared_at"]),
            **{name: spec[name] for name in BASIS},
        )
        if "outcome" in spec:
            point.outcome, point.conditions, point.reason = (
                spec["outcome"],
                spec["conditions"],
                spec["reason"],
            )
            point.decided_by = demo.users[spec["decided_by"]]
            point.decided_at = timezone.make_aware(spec["decided_at"])
        point.full_clean()
        save_with_history(
            point, user=point.decided_by or point.prepared_by, when=point.decided_at or point.prepared_at
        )
        tally.add(_("decision points"), "created")
