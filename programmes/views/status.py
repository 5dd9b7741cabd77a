"""Writing a status report: per period, frozen when submitted, a correction is a new version."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..forms import StatusReportForm, status_report_periods
from ..models import STATUS_DIMENSIONS, Project, StatusReport

CARRIED_OVER = (
    *STATUS_DIMENSIONS,
    *(f"{name}_comment" for name in STATUS_DIMENSIONS),
    "achieved",
    "next_steps",
    "risks",
    "decisions_needed",
)


@require_http_methods(["GET", "POST"])
def status_report_create(request: HttpRequest, project_id: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("sub_programme__programme"), pk=project_id)
    if not request.user.has_perm("programmes.change_project", project):
        raise PermissionDenied
    today = timezone.localdate()
    periods = status_report_periods(project, today)
    # A correction starts from the report it corrects; a new report from the latest one.
    source_id = request.GET.get("from")
    if source_id is not None and not source_id.isdigit():
        raise Http404
    reports = project.status_reports.order_by("-period_key", "-version")
    source = get_object_or_404(reports, pk=source_id) if source_id else reports.first()
    initial = {name: getattr(source, name) for name in CARRIED_OVER} if source else {}
    if source_id and source:
        initial["period_key"] = source.period_key
    else:
        project.latest_report = reports.first()
        state = selectors.report_state(
            project=project, programme=project.sub_programme.programme, today=today
        )
        initial["period_key"] = state.period.key if state else periods[0].key
    if source and source.period_key not in {p.key for p in periods}:
        periods = [source.period, *periods]

    form = StatusReportForm(request.POST or None, initial=initial, periods=periods)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CARRIED_OVER}
        report = services.status_report_submit(
            project=project, user=request.user, period_key=form.cleaned_data["period_key"], data=data
        )
        if report.version > 1:
            messages.success(
                request,
                _("Version %(version)s of the status report was submitted.") % {"version": report.version},
            )
        else:
            messages.success(request, _("The status report was submitted."))
        return redirect(f"{project.get_absolute_url()}#status")
    existing = StatusReport.objects.filter(project=project).values_list("period_key", flat=True).distinct()
    return render(
        request,
        "programmes/status_report_form.html",
        {
            "project": project,
            "form": form,
            "source": source if source_id else None,
            "reported_periods": set(existing),
        },
    )
