"""The portfolio overview, the decisions of a period (for the status reports), and the programme the
portfolio pages open on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from benefits.selectors import GainOverview, gain_overview
from programmes.models import Phase, Programme, Rating

from ..models import Decision, Outcome
from .board import BoardRow, PortfolioBoard, portfolio_board


@dataclass
class Overview:
    board: PortfolioBoard
    by_sub_programme: list[tuple[str, int]]
    by_phase: list[tuple[str, str, int]]
    by_status: list[tuple[str | None, int]]
    by_decision: list[tuple[str, str, int]]


def portfolio_overview(*, programme_id: int) -> Overview:
    board = portfolio_board(programme_id=programme_id)
    subs = Counter(row.sub_programme for row in board.rows)
    phases = Counter(row.phase for row in board.rows)
    statuses = Counter(row.status for row in board.rows)
    decisions = Counter(row.decision for row in board.rows)
    return Overview(
        board=board,
        by_sub_programme=sorted(subs.items()),
        by_phase=[(value, str(label), phases[value]) for value, label in Phase.choices],
        by_status=[(value, statuses[value]) for value in (*Rating.values, None)],
        by_decision=[(value, str(label), decisions[value]) for value, label in Outcome.choices]
        + [("", "", decisions[""])],
    )


PROPOSAL_PHASES = (Phase.IDEA, Phase.CONCEPT)


def awaiting_decision(rows: Iterable[BoardRow]) -> list[BoardRow]:
    """The proposals (idea or concept) without a portfolio decision, in board order: the decisions waiting
    for the kommunedirektør. Projects further on without a recorded decision are only «not decided»."""
    return [row for row in rows if not row.decision and row.phase in PROPOSAL_PHASES]


def gain_overview_for(*, programme_id: int) -> GainOverview:
    """Planned against realised gains of the programme, from the benefits app."""
    return gain_overview(programme_id=programme_id, limit=5)


def default_programme_id() -> int | None:
    """The programme the portfolio pages open on: the one with most projects (the demo has one)."""
    return (
        Programme.objects.annotate(n=Count("sub_programmes__projects"))
        .order_by("-n", "name")
        .values_list("pk", flat=True)
        .first()
    )


def decisions_in_period(*, programme_id: int, start, end) -> QuerySet[Decision]:
    """The portfolio decisions made between `start` and `end` (inclusive), oldest first."""
    return (
        Decision.objects.filter(
            project__sub_programme__programme=programme_id, decided_on__gte=start, decided_on__lte=end
        )
        .select_related("project", "decided_by")
        .order_by("decided_on", "created_at", "pk")
    )
