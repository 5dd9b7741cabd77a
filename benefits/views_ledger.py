"""The programme's gains ledger page: per year the savings target, the expected gain and its range, the net
gain after operating costs, the budget withdrawals and the gaps; the withdrawals per responsible unit; the
sub-programmes; and the projects not in the ledger. Open to every signed-in user, as the gain overview."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from programmes.models import Programme

from . import ledger_chart
from .selectors.savings import savings_standing

OUTSIDE_SHOWN = 100  # projects not in the ledger listed by name; the rest are counted


def programme_ledger(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=programme_id)
    standing = savings_standing(programme_id=programme.pk)
    ledger = standing.ledger
    return render(
        request,
        "benefits/ledger.html",
        {
            "programme": programme,
            "standing": standing,
            "ledger": ledger,
            "band": standing.range,
            "chart": ledger_chart.savings_chart(standing),
            "outside_shown": ledger.outside[:OUTSIDE_SHOWN],
            "outside_more": max(len(ledger.outside) - OUTSIDE_SHOWN, 0),
        },
    )
