"""The project register: every project with search, filters, sorting and paging, and its Excel export."""

import io

import pandas as pd
import rules
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .. import selectors
from ..filters import ProjectFilterForm
from ..models import Phase, Project, Rating
from ..templatetags.formatting import person_name

PAGE_SIZE = 25
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        response = render(request, "programmes/project_list_results.html", context)
    else:
        # The rule itself, not user.has_perm: Django's model backend would add two permission queries for
        # the roles the rule refuses, and the page's query count would depend on the role.
        context["can_propose"] = rules.has_perm("programmes.add_project", request.user)
        response = render(request, "programmes/project_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def project_export(request: HttpRequest) -> HttpResponse:
    """The register as filtered and sorted on the page, as an Excel workbook (all pages)."""
    form = ProjectFilterForm(request.GET)
    projects = selectors.project_register(filters=form.filters()).filter(form.decision_condition())
    filename = f"{slugify(_('projects'))}-{timezone.localdate().isoformat()}.xlsx"
    return HttpResponse(
        register_workbook(projects),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# Number formats. Money is whole kroner as numbers: `#,##0` is stored locale-neutrally and shows as
# `1 500 000` in Norwegian Excel (which calls the same format `# ##0`).
MONEY, DATE, PERSON_YEARS = "#,##0", "dd.mm.yyyy", "0.0"


def _text(value: str) -> str:
    """Text as Excel accepts it: control characters (a vertical tab pasted from Word) make openpyxl fail."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def register_workbook(projects: QuerySet[Project]) -> bytes:
    """One sheet, one row per project, Norwegian headers; money, dates and person-years as real numbers."""
    phase_labels = dict(Phase.choices)
    rating_labels = dict(Rating.choices)
    columns = [
        # (header, width, number format, value)
        (_("Project"), 45, None, lambda p: _text(p.name)),
        (_("Sub-programme"), 24, None, lambda p: _text(p.sub_programme.name)),
        (_("Phase"), 18, None, lambda p: str(phase_labels[p.phase])),
        (_("Project leader"), 22, None, lambda p: _text(person_name(p.leader))),
        (_("Project owner"), 22, None, lambda p: _text(person_name(p.owner))),
        (_("Status"), 10, None, lambda p: str(rating_labels[p.latest_status]) if p.latest_status else ""),
        (_("Planned start"), 14, DATE, lambda p: p.start_date),
        (_("Planned end"), 14, DATE, lambda p: p.end_date),
        (_("Cost (NOK)"), 16, MONEY, lambda p: p.cost_estimate),
        (_("Resource need (person-years)"), 14, PERSON_YEARS, lambda p: p.resource_need),
        (_("Estimated gain per year (NOK)"), 18, MONEY, lambda p: p.estimated_annual_gain),
        (_("Need"), 80, None, lambda p: _text(p.need)),
    ]
    rows = [[value(project) for *_column, value in columns] for project in projects]
    frame = pd.DataFrame(rows, columns=[header for header, *_rest in columns], dtype=object)
    sheet_name = capfirst(_("projects"))

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet_name, index=False)
        sheet = writer.sheets[sheet_name]
        for index, (_header, width, number_format, _value) in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = width
            sheet[f"{letter}1"].font = Font(bold=True)
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if number_format:
                    cell.number_format = number_format
                elif cell.data_type == "f":
                    # Text that starts with "=" is text here, never a formula Excel would run.
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    return buffer.getvalue()
