"""A project's benefit map (gevinstkart): what it delivers → the changes that brings → the benefits those
give → the master-plan goals they serve, read for any number of projects in a fixed number of queries and
drawn as an SVG on the server.

The same drawing goes on the project page (inline, `role="img"` named by its own title) and in the PDF
(as `<img alt src="data:…">`, which keeps its alt text in a tagged PDF). Under it the page and the PDF
print the same map as a nested list (`BenefitMap.chains`), the text alternative.

A benefit without its own goals serves the project's goals (scorecards.ProjectGoal), drawn with a dashed
arrow. What is missing is drawn too, with a dashed red-brown border and a warning line, so the project
leader sees it: a change that gives no benefit, a benefit that no change gives, a benefit that serves no
goal (neither its own nor the project's).
"""

from __future__ import annotations

import base64
import html
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from .models import Benefit, ProjectChange

DELIVERABLE, CHANGE, BENEFIT, GOAL = "deliverable", "change", "benefit", "goal"
COLUMNS = (DELIVERABLE, CHANGE, BENEFIT, GOAL)


@dataclass(frozen=True)
class GoalRef:
    pk: int
    label: str  # «1.2 Title»
    order: tuple


@dataclass
class BenefitNode:
    benefit: Benefit
    goals: list[GoalRef]
    goals_from_project: bool  # no goals of its own: the project's goals are used
    changes: list[ProjectChange] = field(default_factory=list)

    @property
    def without_change(self) -> bool:
        return not self.changes

    @property
    def without_goal(self) -> bool:
        return not self.goals


@dataclass
class ChangeLine:
    change: ProjectChange
    benefits: list[BenefitNode]

    @property
    def without_benefit(self) -> bool:
        return not self.benefits


@dataclass
class BenefitMap:
    """One project's map; `chains` is the text alternative, in the drawing's order."""

    project_id: int
    project_name: str
    chains: list[ChangeLine]
    benefits: list[BenefitNode]  # in the drawing's order: by the first change that gives them, then the rest
    goals: list[GoalRef]

    @property
    def is_empty(self) -> bool:
        return not self.chains and not self.benefits

    @property
    def deliverables(self) -> list[str]:
        seen: dict[str, str] = {}
        for line in self.chains:
            seen.setdefault(_deliverable_key(line.change.deliverable), line.change.deliverable)
        return list(seen.values())

    @property
    def loose_benefits(self) -> list[BenefitNode]:
        """Benefits no change line gives."""
        return [node for node in self.benefits if node.without_change]

    @property
    def incomplete_count(self) -> int:
        return (
            sum(1 for line in self.chains if line.without_benefit)
            + len(self.loose_benefits)
            + sum(1 for node in self.benefits if node.without_goal)
        )

    @cached_property
    def chart(self) -> MapChart:
        return draw_map(self)


def _deliverable_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _goal_ref(goal) -> GoalRef:
    return GoalRef(goal.pk, f"{goal.code} {goal.title}", (goal.position, goal.code, goal.pk))


def project_maps(*, project_ids: Iterable[int]) -> dict[int, BenefitMap]:
    """The benefit map of every project, in six queries however many projects there are."""
    from programmes.models import Project
    from scorecards.models import ProjectGoal

    ids = list(project_ids)
    names = dict(Project.objects.filter(pk__in=ids).values_list("pk", "name"))
    benefits = list(
        Benefit.objects.filter(project_id__in=ids).prefetch_related("goals").order_by("project_id", "pk")
    )
    project_goals: dict[int, list[GoalRef]] = defaultdict(list)
    for link in ProjectGoal.objects.filter(project_id__in=ids).select_related("goal"):
        project_goals[link.project_id].append(_goal_ref(link.goal))
    changes = list(
        ProjectChange.objects.filter(project_id__in=ids)
        .prefetch_related("benefits")
        .order_by("project_id", "position", "pk")
    )
    nodes: dict[int, BenefitNode] = {}
    by_project: dict[int, list[BenefitNode]] = defaultdict(list)
    for benefit in benefits:
        own = sorted((_goal_ref(goal) for goal in benefit.goals.all()), key=lambda g: g.order)
        fallback = sorted(project_goals.get(benefit.project_id, []), key=lambda g: g.order)
        node = BenefitNode(benefit, own or fallback, goals_from_project=not own and bool(fallback))
        nodes[benefit.pk] = node
        by_project[benefit.project_id].append(node)
    chains: dict[int, list[ChangeLine]] = defaultdict(list)
    for change in changes:
        given = [nodes[b.pk] for b in sorted(change.benefits.all(), key=lambda b: b.pk) if b.pk in nodes]
        for node in given:
            node.changes.append(change)
        chains[change.project_id].append(ChangeLine(change, given))
    maps = {}
    for pk in ids:
        if pk not in names:
            continue
        ordered: dict[int, BenefitNode] = {}
        for line in chains.get(pk, []):
            for node in line.benefits:
                ordered.setdefault(node.benefit.pk, node)
        for node in by_project.get(pk, []):
            ordered.setdefault(node.benefit.pk, node)
        goals: dict[int, GoalRef] = {}
        for node in ordered.values():
            for goal in node.goals:
                goals.setdefault(goal.pk, goal)
        maps[pk] = BenefitMap(
            project_id=pk,
            project_name=names[pk],
            chains=chains.get(pk, []),
            benefits=list(ordered.values()),
            goals=sorted(goals.values(), key=lambda g: g.order),
        )
    return maps


def project_map(*, project_id: int) -> BenefitMap:
    maps = project_maps(project_ids=[project_id])
    if project_id not in maps:
        from programmes.models import Project

        raise Project.DoesNotExist(f"No project with id {project_id}")
    return maps[project_id]


# --- The drawing --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapChart:
    svg: str
    alt: str
    title_id: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


BOX_WIDTH = 190
GAP = 58
FONT = 12
LINE = 15
PAD = 8
BOX_GAP = 12
TOP = 34
CHARS = 27  # characters per line at 12 px in a 190 px box
MAX_LINES = 6

FILLS = {DELIVERABLE: "#eef2f8", CHANGE: "#eef6f0", BENEFIT: "#fdf6e3", GOAL: "#f3eefa"}
STROKES = {DELIVERABLE: "#1f5aa6", CHANGE: "#2a7a3b", BENEFIT: "#8a5a00", GOAL: "#5b3c8c"}
MISSING = "#a3341c"
EDGE = "#4b5563"


@dataclass
class _Box:
    key: str
    column: int
    lines: list[str]
    warning: str = ""
    x: float = 0
    y: float = 0

    @property
    def height(self) -> float:
        return PAD * 2 + LINE * (len(self.lines) + (1 if self.warning else 0))


def _wrap(text: str) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width=CHARS, break_long_words=True) or ["–"]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: CHARS - 1] + "…"
    return lines


def _boxes(benefit_map: BenefitMap) -> tuple[list[_Box], list[tuple[str, str, bool]]]:
    boxes: list[_Box] = []
    edges: list[tuple[str, str, bool]] = []
    deliverables: dict[str, str] = {}
    for line in benefit_map.chains:
        key = _deliverable_key(line.change.deliverable)
        if key not in deliverables:
            deliverables[key] = f"d{len(deliverables) + 1}"
            boxes.append(_Box(deliverables[key], 0, _wrap(line.change.deliverable)))
    for line in benefit_map.chains:
        change_key = f"c{line.change.pk}"
        boxes.append(
            _Box(
                change_key,
                1,
                _wrap(line.change.change),
                warning=_("No benefit yet") if line.without_benefit else "",
            )
        )
        edges.append((deliverables[_deliverable_key(line.change.deliverable)], change_key, False))
        for node in line.benefits:
            edges.append((change_key, f"b{node.benefit.pk}", False))
    for node in benefit_map.benefits:
        warnings = []
        if node.without_change:
            warnings.append(_("No change gives it"))
        if node.without_goal:
            warnings.append(_("Serves no goal"))
        boxes.append(_Box(f"b{node.benefit.pk}", 2, _wrap(node.benefit.title), warning="; ".join(warnings)))
        for goal in node.goals:
            edges.append((f"b{node.benefit.pk}", f"g{goal.pk}", node.goals_from_project))
    for goal in benefit_map.goals:
        boxes.append(_Box(f"g{goal.pk}", 3, _wrap(goal.label)))
    return boxes, edges


def _warning_lines(warning: str) -> list[str]:
    # Bold text is wider: a warning wraps a few characters earlier than the box's text.
    return textwrap.wrap(f"⚠ {warning}", width=CHARS - 4) if warning else []


def draw_map(benefit_map: BenefitMap) -> MapChart:
    """The map as an SVG: four columns of boxes with wrapped text, arrows from each box to what it leads to."""
    escape = html.escape
    boxes, edges = _boxes(benefit_map)
    for box in boxes:
        # A long warning wraps like the text; `height` counts one warning line, so fold extra ones in.
        extra = _warning_lines(box.warning)
        if len(extra) > 1:
            box.lines = box.lines + [""] * (len(extra) - 1)
    heights = [0.0] * 4
    for box in boxes:
        heights[box.column] += box.height + BOX_GAP
    tallest = max([*heights, 60.0])
    for column in range(4):
        y = TOP + (tallest - heights[column]) / 2
        for box in (b for b in boxes if b.column == column):
            box.x = column * (BOX_WIDTH + GAP)
            box.y = y
            y += box.height + BOX_GAP
    width = 4 * BOX_WIDTH + 3 * GAP + 2
    has_fallback = any(dashed for *_ends, dashed in edges)
    legend_y = TOP + tallest + 8
    height = legend_y + (18 if has_fallback else 0) + 4
    title_id = f"benefit-map-{benefit_map.project_id}-title"
    title = _("Benefit map for %(project)s") % {"project": benefit_map.project_name}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" width="{width}" '
        f'height="{height:.0f}" font-family="DejaVu Sans, Arial, sans-serif" font-size="{FONT}" '
        f'role="img" aria-labelledby="{title_id}" class="app-benefit-map">',
        f'<title id="{title_id}">{escape(title)}</title>',
    ]
    heads = (_("Deliverables"), _("Changes"), _("Benefits"), _("Goals"))
    for column, head in enumerate(heads):
        parts.append(
            f'<text x="{column * (BOX_WIDTH + GAP) + 2}" y="16" font-weight="bold" font-size="13" '
            f'fill="#1a1a1a">{escape(head)}</text>'
        )
    where = {box.key: box for box in boxes}
    for source, target, dashed in edges:
        a, b = where[source], where[target]
        x1, y1 = a.x + BOX_WIDTH, a.y + a.height / 2
        x2, y2 = b.x - 7, b.y + b.height / 2
        mid = (x1 + x2) / 2
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        parts.append(
            f'<g class="edge" data-from="{source}" data-to="{target}">'
            f'<path d="M{x1:.1f} {y1:.1f}C{mid:.1f} {y1:.1f} {mid:.1f} {y2:.1f} {x2:.1f} {y2:.1f}" '
            f'fill="none" stroke="{EDGE}" stroke-width="1.4"{dash}/>'
            f'<path d="M{x2:.1f} {y2 - 4.5:.1f}L{x2 + 7:.1f} {y2:.1f}L{x2:.1f} {y2 + 4.5:.1f}z" fill="{EDGE}"/>'
            "</g>"
        )
    for box in boxes:
        kind = COLUMNS[box.column]
        stroke = MISSING if box.warning else STROKES[kind]
        dash = ' stroke-dasharray="6 3"' if box.warning else ""
        parts.append(
            f'<g class="node" data-key="{box.key}" data-kind="{kind}"'
            f"{' data-incomplete=' + chr(34) + 'true' + chr(34) if box.warning else ''}>"
            f'<rect x="{box.x + 1:.1f}" y="{box.y:.1f}" width="{BOX_WIDTH - 2}" height="{box.height:.1f}" rx="6" '
            f'fill="{FILLS[kind]}" stroke="{stroke}" stroke-width="{2 if box.warning else 1.3}"{dash}/>'
        )
        text_lines = [line for line in box.lines if line]
        for index, line in enumerate(text_lines):
            parts.append(
                f'<text x="{box.x + PAD + 1:.1f}" y="{box.y + PAD + 11 + index * LINE:.1f}" fill="#1a1a1a">'
                f"{escape(line)}</text>"
            )
        for index, line in enumerate(_warning_lines(box.warning)):
            y = box.y + PAD + 11 + (len(text_lines) + index) * LINE
            parts.append(
                f'<text x="{box.x + PAD + 1:.1f}" y="{y:.1f}" fill="{MISSING}" font-weight="bold" '
                f'class="warning">{escape(line)}</text>'
            )
        parts.append("</g>")
    if has_fallback:
        parts.append(
            f'<path d="M2 {legend_y + 6:.1f}h40" stroke="{EDGE}" stroke-width="1.4" stroke-dasharray="5 4"/>'
            f'<text x="50" y="{legend_y + 10:.1f}" font-size="11" fill="#1a1a1a">'
            f"{escape(_('Dashed arrow: the benefit has no goals of its own; the project’s goals are used.'))}"
            "</text>"
        )
    parts.append("</svg>")
    alt = _(
        "Benefit map for %(project)s: %(deliverables)s deliverables, %(changes)s changes, %(benefits)s "
        "benefits and %(goals)s goals; %(missing)s incomplete links. The list below the map says the same."
    ) % {
        "project": benefit_map.project_name,
        "deliverables": len(benefit_map.deliverables),
        "changes": len(benefit_map.chains),
        "benefits": len(benefit_map.benefits),
        "goals": len(benefit_map.goals),
        "missing": benefit_map.incomplete_count,
    }
    return MapChart(svg="".join(parts), alt=alt, title_id=title_id)


# --- The map's change log -----------------------------------------------------------------------------------


def map_history(*, project_id: int, limit: int = 50) -> list:
    """Who added, changed or removed the project's change lines, newest first (one query)."""
    from core.history import Tracked, change_log, records

    return change_log(
        [
            Tracked(
                ProjectChange,
                records(ProjectChange, project_id=project_id),
                subject=lambda record: _("Change line «%(change)s»") % {"change": record.change},
                hidden=frozenset({"project", "position"}),
            )
        ],
        limit=limit,
    )
