"""Writing a status report: per period, frozen when submitted, a correction is a new version."""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import access
from core.forms import save_edit
from core.merge import EditConflict
from core.params import parse_id
from core.versioning import saved_text

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
    project = access.get_for_user(
        request.user,
        Project.objects.select_related("sub_programme__programme"),
        "programmes.change_project",
        pk=project_id,
    )
    today = timezone.localdate()
    periods = status_report_periods(project, today)
    # A correction starts from the report it corrects; a new report from the latest one.
    source_id = request.GET.get("from")
    if source_id is not None:
        source_id = parse_id(source_id)
        if source_id is None:
            raise Http404
    reports = project.status_reports.order_by("-period_key", "-version")
    source = get_object_or_404(reports, pk=source_id) if source_id else reports.first()
    initial = {name: getattr(source, name) for name in CARRIED_OVER} if source else {}
    if source_id and source:
        initial["period_key"] = source.period_key
    else:
        selectors.attach_reported_periods([project])
        state = selectors.report_state(
            project=project, programme=project.sub_programme.programme, today=today
        )
        initial["period_key"] = state.period.key if state else periods[0].key
    if source and source.period_key not in {p.key for p in periods}:
        periods = [source.period, *periods]

    if source:
        initial["based_on"] = source.pk
    initial["seen"] = project.status_reports.order_by("-pk").values_list("pk", flat=True).first() or 0
    based_on = None
    if request.method == "POST":
        based_on_id = parse_id(request.POST.get("based_on"))
        based_on = project.status_reports.filter(pk=based_on_id).first() if based_on_id else None
    form = StatusReportForm(request.POST or None, initial=initial, periods=periods, instance=based_on)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CARRIED_OVER}
        edit = save_edit(
            form,
            lambda: services.status_report_submit(
                project=project,
                user=request.user,
                period_key=form.cleaned_data["period_key"],
                data=data,
                based_on_id=form.cleaned_data["based_on"],
                seen=form.cleaned_data["seen"],
                choices=form.conflict_choices,
            ),
            after_conflict=partial(_form_after_conflict, periods=periods),
        )
        if edit.saved:
            report = edit.saved.instance
            if report.version > 1:
                text = _("Version %(version)s of the status report was submitted.") % {
                    "version": report.version
                }
            else:
                text = _("The status report was submitted.")
            messages.success(request, saved_text(edit.saved, text))
            return redirect(f"{project.get_absolute_url()}#status")
        form, conflict = edit.form, edit.conflict
    existing = StatusReport.objects.filter(project=project).values_list("period_key", flat=True).distinct()
    return render(
        request,
        "programmes/status_report_form.html",
        {
            "project": project,
            "form": form,
            "source": source if source_id else None,
            "reported_periods": set(existing),
            "conflict": conflict,
        },
    )


def _form_after_conflict(conflict: EditConflict, *, periods: list) -> StatusReportForm:
    """The form again after someone else submitted the period meanwhile: based on their report."""
    latest = StatusReport.objects.get(pk=conflict.current_version)
    return StatusReportForm.after_conflict(
        conflict,
        instance=latest,
        periods=periods,
        extra={"period_key": latest.period_key, "based_on": latest.pk, "seen": latest.pk},
    )
