"""The read-only portfolio overview for every role, and its Excel export."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import file_slug
from programmes.models import Programme

from .. import charts, excel, selectors
from .common import _programme_id, can_prioritise


def _overview(request: HttpRequest) -> selectors.Overview:
    try:
        return selectors.portfolio_overview(programme_id=_programme_id(request))
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


def overview(request: HttpRequest) -> HttpResponse:
    """The read-only overview for every role: counts, gains planned vs realised, the bubble chart."""
    data = _overview(request)
    programme = data.board.programme
    gains = selectors.gain_overview_for(programme_id=programme.pk)
    return render(
        request,
        "portfolio/overview.html",
        {
            "programme": programme,
            "data": data,
            "gains": gains,
            "chart": charts.bubble_chart(data.board.rows),
            "can_prioritise": can_prioritise(request.user),
        },
    )


def overview_export(request: HttpRequest) -> HttpResponse:
    data = _overview(request)
    name = file_slug(_("portfolio"))
    filename = f"{name}-{timezone.localdate().isoformat()}.xlsx"
    return HttpResponse(
        excel.portfolio_workbook(data),
        content_type=excel.XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
