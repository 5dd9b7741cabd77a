"""Writing a status report: per period, frozen when submitted, a correction is a new version."""

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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
from ..models import STATUS_DIMENSIONS, Project, StatusReport, StatusReportDraft

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
    """The status report form: a new report, a correction (`?from=<report>`), or the period's draft, which
    is what the form shows when it is opened again (for `?period=<key>`, else the period due). «Lagre utkast»
    keeps an incomplete draft; «Lever» submits the report, and with it the draft."""
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
    elif request.GET.get("period") in {p.key for p in periods}:
        initial["period_key"] = request.GET["period"]
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
    draft = selectors.status_report_draft(
        project=project,
        period_key=initial["period_key"],
        or_latest_of=None if source_id or "period" in request.GET else [p.key for p in periods],
    )
    if draft is not None:
        initial |= _draft_initial(draft)
        if draft.period_key not in {p.key for p in periods}:
            periods = [draft.period, *periods]

    saving_draft = request.POST.get("action") == "draft"
    based_on = None
    if request.method == "POST":
        based_on_id = parse_id(request.POST.get("based_on"))
        based_on = project.status_reports.filter(pk=based_on_id).first() if based_on_id else None
    form = StatusReportForm(
        request.POST or None, initial=initial, periods=periods, instance=based_on, draft=saving_draft
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CARRIED_OVER}
        with_draft = form.cleaned_data["conflict_with"] == "draft"
        choices = form.conflict_choices
        common = {
            "project": project,
            "user": request.user,
            "period_key": form.cleaned_data["period_key"],
            "data": data,
            "based_on_id": form.cleaned_data["based_on"],
            "seen": form.cleaned_data["seen"],
        }
        if saving_draft:
            save = partial(
                services.status_report_draft_save,
                **common,
                draft_id=form.cleaned_data["draft"],
                expected_version=form.cleaned_data["draft_version"] or 0,
                choices=choices if with_draft else None,
            )
        else:
            save = partial(
                services.status_report_submit,
                **common,
                choices=None if with_draft else choices,
                draft_id=form.cleaned_data["draft"],
                draft_version=form.cleaned_data["draft_version"] or 0,
                draft_choices=choices if with_draft else None,
            )
        edit = save_edit(
            form,
            save,
            after_conflict=partial(
                _form_after_conflict, project=project, periods=periods, form=form, draft=saving_draft
            ),
        )
        if edit.saved and saving_draft:
            messages.success(
                request,
                saved_text(
                    edit.saved,
                    _(
                        "The draft was saved. Only the project's editors see it; it is not a submitted report."
                    ),
                    labels=_field_labels(form),
                ),
            )
            url = reverse("programmes:status_report_create", args=[project.pk])
            return redirect(f"{url}?period={edit.saved.instance.period_key}")
        if edit.saved:
            report = edit.saved.instance
            if report.version > 1:
                text = _("Version %(version)s of the status report was submitted.") % {
                    "version": report.version
                }
            else:
                text = _("The status report was submitted.")
            messages.success(request, saved_text(edit.saved, text, labels=_field_labels(form)))
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
            "draft": draft,
            "reported_periods": set(existing),
            "conflict": conflict,
        },
    )


def _draft_initial(draft: StatusReportDraft) -> dict:
    """The form's values from a saved draft, with what its submission needs to merge."""
    return {
        **{name: getattr(draft, name) for name in CARRIED_OVER},
        "period_key": draft.period_key,
        "based_on": draft.based_on_id,
        "seen": draft.seen if draft.seen is not None else 0,
        "draft": draft.pk,
        "draft_version": draft.version,
    }


def _field_labels(form: StatusReportForm) -> dict[str, str]:
    return {name: form.fields[name].label for name in CARRIED_OVER}


def _form_after_conflict(
    conflict: EditConflict, *, project: Project, periods: list, form: StatusReportForm, draft: bool
) -> StatusReportForm:
    """The form again after a colleague saved the period's draft, or submitted its report, meanwhile."""
    period_key = form.cleaned_data["period_key"]
    if isinstance(conflict, services.DraftConflict) or draft:
        saved = StatusReportDraft.objects.get(project=project, period_key=period_key)
        extra = {
            "period_key": period_key,
            "based_on": form.cleaned_data["based_on"],
            "seen": form.cleaned_data["seen"],
            "draft": saved.pk,
            "draft_version": saved.version,
            "conflict_with": "draft",
        }
        # The values saved now, shown beside the user's own, as an unsaved report.
        instance = StatusReport(**{name: getattr(saved, name) for name in CARRIED_OVER})
        return StatusReportForm.after_conflict(
            conflict, instance=instance, periods=periods, extra=extra, draft=draft
        )
    latest = StatusReport.objects.get(pk=conflict.current_version)
    return StatusReportForm.after_conflict(
        conflict,
        instance=latest,
        periods=periods,
        extra={
            "period_key": latest.period_key,
            "based_on": latest.pk,
            "seen": latest.pk,
            "draft": form.cleaned_data["draft"],
            "draft_version": form.cleaned_data["draft_version"],
        },
    )
