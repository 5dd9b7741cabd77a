"""The project register: every project with search, filters, sorting and paging, and its Excel export."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core import access
from core.exports import DATE, MONEY, ONE_DECIMAL, XLSX_CONTENT_TYPE, Column, table_xlsx
from core.templatetags.formatting import person_name
from core.text import file_slug

from .. import selectors
from ..filters import ProjectFilterForm
from ..gains import expected_gains
from ..models import Phase, Project, Rating

PAGE_SIZE = 25


def project_list(request: HttpRequest) -> HttpResponse:
    """The register page; an htmx request (filtering, sorting, paging) gets only the results back."""
    form = ProjectFilterForm(request.GET)
    projects = selectors.project_register(filters=form.filters()).filter(form.decision_condition())
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "query": form.query(),
        "sort_headers": form.sort_headers(),
        "page": page,
        # Page numbers around the current one, None where numbers are left out.
        "page_numbers": [
            number if isinstance(number, int) else None
            for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ],
    }
    # A history restore after a cache miss is an htmx request too, but it needs the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "programmes/project_list_results.html", context)
    context["can_propose"] = access.has_perm(request.user, "programmes.add_project")
    return render(request, "programmes/project_list.html", context)


def project_export(request: HttpRequest) -> HttpResponse:
    """The register as filtered and sorted on the page, as an Excel workbook (all pages)."""
    form = ProjectFilterForm(request.GET)
    projects = selectors.project_register(filters=form.filters()).filter(form.decision_condition())
    filename = f"{file_slug(_('projects'))}-{timezone.localdate().isoformat()}.xlsx"
    return HttpResponse(
        register_workbook(projects),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def register_workbook(projects: QuerySet[Project]) -> bytes:
    """One sheet, one row per project, Norwegian headers; money, dates and person-years as real numbers.

    The expected gain is the one figure of programmes.gains (the gain plan, or the proposal's estimate until
    there is one), with its basis beside it; an unknown gain is an empty cell, never 0.
    """
    projects = list(projects)
    gains = expected_gains(p.pk for p in projects)
    phase_labels = dict(Phase.choices)
    rating_labels = dict(Rating.choices)
    columns = [
        Column(_("Project"), 45, None, lambda p: p.name),
        Column(_("Sub-programme"), 24, None, lambda p: p.sub_programme.name),
        Column(_("Phase"), 18, None, lambda p: str(phase_labels[p.phase])),
        Column(_("Project leader"), 22, None, lambda p: person_name(p.leader)),
        Column(_("Project owner"), 22, None, lambda p: person_name(p.owner)),
        Column(
            _("Status"), 10, None, lambda p: str(rating_labels[p.latest_status]) if p.latest_status else ""
        ),
        Column(_("Planned start"), 14, DATE, lambda p: p.start_date),
        Column(_("Planned end"), 14, DATE, lambda p: p.end_date),
        Column(_("Cost (NOK)"), 16, MONEY, lambda p: p.cost_estimate),
        Column(_("Resource need (person-years)"), 14, ONE_DECIMAL, lambda p: p.resource_need),
        Column(_("Expected gain in the plan period (NOK)"), 18, MONEY, lambda p: gains[p.pk].total),
        Column(_("Basis of the expected gain"), 22, None, lambda p: gains[p.pk].source_label),
        Column(_("Need"), 80, None, lambda p: p.need),
    ]
    return table_xlsx(sheet_name=capfirst(_("projects")), columns=columns, items=projects)
