"""Pages of the status reports: the archive, ordering, one report with its progress, the report to read on
the web, the PDF itself."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from core import access

from . import body, selectors, services, versions
from .forms import ArchiveFilterForm, CorrectionForm, OrderForm
from .models import Report, ReportStatus
from .rules import may_correct, may_publish, may_retry

# A report as its pages need it; who may not see it gets 404 (an elected member does not learn of drafts).
# The snapshot (the whole content) is read only by the page that shows it.
REPORTS = Report.objects.select_related(
    "programme", "sub_programme", "project__sub_programme", "ordered_by", "published_by", "corrects"
).defer("snapshot", "corrects__snapshot")


def archive(request: HttpRequest) -> HttpResponse:
    form = ArchiveFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    reports = versions.with_versions(selectors.report_archive(user=request.user, filters=filters))
    return render(
        request,
        "reports/archive.html",
        {"form": form, "reports": reports, "can_order": access.has_perm(request.user, "reports.add_report")},
    )


def order(request: HttpRequest) -> HttpResponse:
    access.require_perm(request.user, "reports.add_report")
    form = OrderForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        report, created = services.report_order(
            user=request.user, scope_object=form.cleaned_data["scope"], period=form.cleaned_data["period"]
        )
        if not created:
            messages.info(request, _("This report is already being made; here it is."))
        elif report.sent_at is None and report.is_active:
            messages.warning(
                request,
                _(
                    "The report is ordered, but the queue is not available right now. The order is recorded "
                    "and will be sent when the queue is available again."
                ),
            )
        else:
            messages.success(request, _("The report is ordered."))
        return redirect(report)
    return render(request, "reports/order.html", {"form": form}, status=400 if form.errors else 200)


@vary_on_headers("HX-Request")
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.get_for_user(request.user, REPORTS, "reports.view_report", hidden=True, pk=report_id)
    versions.with_versions([report, *([report.corrects] if report.corrects else [])])
    can_correct = may_correct(request.user, report)
    context = {
        "report": report,
        "can_publish": may_publish(request.user, report),
        "can_retry": may_retry(request.user, report),
        "can_correct": can_correct,
        "pending_correction": versions.pending_correction(report) if can_correct else None,
    }
    template = "reports/report_detail.html#progress" if request.htmx else "reports/report_detail.html"
    return render(request, template, context)


def read(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report as a web page, rendered from its snapshot as the PDF is, so the two say the same. A report
    not finished yet is followed on its own page; one made before reports kept a snapshot has only its PDF."""
    report = access.get_for_user(
        request.user, REPORTS.defer(None), "reports.view_report", hidden=True, pk=report_id
    )
    if report.status != ReportStatus.DONE:
        return redirect(report)
    context = {"report": report}
    if report.snapshot:
        context |= body.body_context(report=report, frozen=report.snapshot, web=True)
    return render(request, "reports/read.html", context)


def download(request: HttpRequest, report_id: int) -> FileResponse:
    report = access.get_for_user(request.user, REPORTS, "reports.view_report", hidden=True, pk=report_id)
    if not report.file:
        raise Http404
    filename = report.file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        report.file.open("rb"),
        content_type="application/pdf",
        as_attachment=bool(request.GET.get("download")),
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def publish(request: HttpRequest, report_id: int) -> HttpResponse:
    """Publishing cannot be undone, so it is asked for first on a page of its own; only a POST with
    `confirm` publishes."""
    report = access.get_for_user(request.user, REPORTS, "reports.view_report", hidden=True, pk=report_id)
    access.require_perm(request.user, "reports.publish_report", report)
    if not may_publish(request.user, report):
        # Only a superuser gets here (it passes every permission predicate): say why nothing happens.
        if report.is_published:
            messages.info(
                request,
                _("The report is already published; a published report cannot be changed or deleted."),
            )
        else:
            messages.info(request, _("Only a finished report can be published."))
        return redirect(report)
    if request.method == "POST" and request.POST.get("confirm"):
        try:
            services.report_publish(user=request.user, report=report)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(report)
        messages.success(request, _("The report is published; elected members can now read it."))
        return redirect(report)
    if report.corrects:
        versions.with_versions([report, report.corrects])
    return render(request, "reports/publish_confirm.html", {"report": report})


def correct(request: HttpRequest, report_id: int) -> HttpResponse:
    """Orders a corrected version of a published report, with what is corrected and why; the correction is
    then made, checked and published as any report is."""
    report = access.get_for_user(request.user, REPORTS, "reports.view_report", hidden=True, pk=report_id)
    access.require_perm(request.user, "reports.correct_reports")
    refusal = services.correction_refusal(report)
    if refusal is not None:
        messages.info(request, " ".join(refusal.messages))
        return redirect(report)
    access.require_perm(request.user, "reports.correct_report", report)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction, created = services.report_order_correction(
                user=request.user, report=report, reason=form.cleaned_data["correction_reason"]
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                messages.error(request, " ".join(exc.messages))
                return redirect(report)
            form.add_error(None, exc)
        else:
            if created:
                messages.success(
                    request,
                    _("The corrected version is ordered. Check it when it is made, and publish it."),
                )
            else:
                messages.info(
                    request, _("A corrected version of this report is already ordered; here it is.")
                )
            return redirect(correction)
    return render(
        request,
        "reports/correct.html",
        {"report": report, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def retry(request: HttpRequest, report_id: int) -> HttpResponse:
    report = access.get_for_user(request.user, REPORTS, "reports.view_report", hidden=True, pk=report_id)
    try:
        report = services.report_retry(user=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(report)
    if report.sent_at is None:
        messages.warning(
            request, _("The queue is not available right now; the report will be made when it is.")
        )
    else:
        messages.success(request, _("The report is being made again."))
    return redirect(report)
