"""The benefit plan with its gains ledger as Excel: the export (at once when small, else by a worker) and
the empty template. The gains ledger's columns (benefits.excel) need the ledger's rows and years
(benefits.ledger_rows); these views take the place of the older ones in views.py, which wrote the plan
without the ledger."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core import export_jobs
from core.exports import XLSX_CONTENT_TYPE
from core.people import person_name
from programmes.forms import staff_people
from programmes.models import Programme

from . import excel, selectors, services
from .ledger_rows import ledger_plan, ledger_years
from .models import BenefitPlanExport


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def benefit_export(request: HttpRequest, programme_id: int) -> HttpResponse:
    """The whole benefit plan with its ledger as Excel at once when it is small; a large one (a GET shows
    what will happen, a POST orders it) is made by a worker and offered on the export's own page."""
    programme = get_object_or_404(Programme, pk=programme_id)
    if request.method == "POST":
        return redirect(services.benefit_plan_export_order(programme=programme, user=request.user))
    size = selectors.benefit_plan_size(programme_id=programme_id)
    if size > services.INLINE_EXPORT_MAX_ROWS:
        return export_jobs.export_start_page(
            request,
            breadcrumbs=[(programme.name, reverse("benefits:programme_overview", args=[programme.pk]))],
            title=programme.name,
            back_url=reverse("benefits:programme_overview", args=[programme.pk]),
            order_url=reverse("benefits:benefit_export", args=[programme.pk]),
            file_format="xlsx",
            size=size,
            active=export_jobs.active_job(
                BenefitPlanExport, user=request.user, file_format="xlsx", programme=programme
            ),
        )
    years, rows = ledger_plan(programme_id=programme_id)
    return _xlsx(excel.export_workbook(years, rows), f"gevinstplan-{timezone.localdate():%Y-%m-%d}.xlsx")


def benefit_template(request: HttpRequest, programme_id: int) -> HttpResponse:
    """An empty benefit plan with a column group for every year of the ledger, and a guide."""
    programme = get_object_or_404(Programme.objects.select_related("economic_plan"), pk=programme_id)
    projects = selectors.programme_projects(programme_id=programme.pk)
    labels = selectors.project_labels(projects)
    people = [person_name(user) for user in staff_people()]
    data = excel.template_workbook(ledger_years(programme), [labels[p["pk"]] for p in projects], people)
    return _xlsx(data, "gevinstplan-mal.xlsx")
