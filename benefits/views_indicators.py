"""Pages for non-financial gains as indicators: a benefit's measurements (add, change, delete) and its
target and scorecard indicator. The project's gains page shows each benefit's card
(benefits/includes/indicator_card.html); adding a measurement there answers with the card over htmx, and
without JavaScript with the project page (saved) or the benefit's measurements page (refused, input kept)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import access
from core.numbers import format_date
from core.params import search_text

from . import services_indicators as services
from .forms_indicators import BenefitIndicatorForm, MeasurementEditForm, MeasurementForm
from .history import benefit_history
from .indicator_cards import EDIT, RECORD, card
from .models import FINANCIAL_KINDS, Benefit, BenefitMeasurement
from .selectors.indicators import IndicatorSeries, benefit_indicators

BENEFITS = Benefit.objects.exclude(kind__in=FINANCIAL_KINDS).select_related(
    "project__sub_programme__programme", "owner", "indicator__scorecard"
)
CARD = "benefits/includes/indicator_card.html"
CARD_ANSWER = "benefits/includes/indicator_card_answer.html"


def _benefit(project_id: int, benefit_id: int) -> Benefit:
    return get_object_or_404(BENEFITS, pk=benefit_id, project_id=project_id)


def _series(benefit: Benefit) -> IndicatorSeries:
    return benefit_indicators([benefit], records=True)[benefit.pk]


def _back(benefit: Benefit) -> str:
    return reverse("benefits:project_benefits", args=[benefit.project_id]) + f"#indicator-{benefit.pk}"


@require_http_methods(["GET", "POST"])
def measurements(request: HttpRequest, project_id: int, benefit_id: int) -> HttpResponse:
    """A benefit's measurements on a page of their own; a POST adds one."""
    benefit = _benefit(project_id, benefit_id)
    form = None
    if request.method == "POST":
        access.require_perm(request.user, RECORD, benefit)
        form = MeasurementForm(request.POST, benefit=benefit, prefix=f"m{benefit.pk}")
        if form.is_valid():
            try:
                measurement = services.measurement_create(
                    benefit=benefit, user=request.user, data=form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                text = _("The measurement of %(date)s was added.") % {
                    "date": format_date(measurement.measured_on)
                }
                if request.htmx:
                    context = card(_series(benefit), request.user, saved=text)
                    if request.htmx.current_url_abs_path == reverse(
                        "benefits:project_benefits", args=[benefit.project_id]
                    ):
                        # The project's change log beside the card shows the new measurement too.
                        context["history"] = benefit_history(project_id=benefit.project_id)
                    return render(request, CARD_ANSWER, context)
                messages.success(request, text)
                return redirect(_back(benefit))
    context = card(_series(benefit), request.user, form=form)
    context["project"] = benefit.project
    status = 422 if form is not None and form.errors else 200
    template = CARD if request.htmx and request.method == "POST" else "benefits/indicator_measurements.html"
    response = render(request, template, context, status=status if request.htmx else 200)
    response["Vary"] = "HX-Request"
    return response


def _measurement(project_id: int, benefit_id: int, measurement_id: int, user) -> BenefitMeasurement:
    benefit = _benefit(project_id, benefit_id)
    access.require_perm(user, RECORD, benefit)
    measurement = get_object_or_404(BenefitMeasurement, pk=measurement_id, benefit=benefit)
    measurement.benefit = benefit
    return measurement


@require_http_methods(["GET", "POST"])
def measurement_edit(
    request: HttpRequest, project_id: int, benefit_id: int, measurement_id: int
) -> HttpResponse:
    measurement = _measurement(project_id, benefit_id, measurement_id, request.user)
    benefit = measurement.benefit
    form = MeasurementEditForm(request.POST or None, instance=measurement, benefit=benefit)
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.measurement_update(
                measurement_id=measurement.pk,
                user=request.user,
                data=form.cleaned_data,
                original=form.cleaned_data.get("original", ""),
                fingerprint=MeasurementEditForm.fingerprint,
            )
        except BenefitMeasurement.DoesNotExist:
            messages.error(request, _("The measurement was deleted by someone else meanwhile."))
            return redirect(_back(benefit))
        except services.StaleEdit:
            stale = True
            measurement = _measurement(project_id, benefit_id, measurement_id, request.user)
            form = MeasurementEditForm(instance=measurement, benefit=benefit)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The measurement of %(date)s was saved.") % {"date": format_date(saved.measured_on)},
            )
            return redirect(_back(benefit))
    return render(
        request,
        "benefits/indicator_measurement_form.html",
        {
            "project": benefit.project,
            "benefit": benefit,
            "measurement": measurement,
            "form": form,
            "stale": stale,
        },
    )


@require_http_methods(["GET", "POST"])
def measurement_delete(
    request: HttpRequest, project_id: int, benefit_id: int, measurement_id: int
) -> HttpResponse:
    measurement = _measurement(project_id, benefit_id, measurement_id, request.user)
    benefit = measurement.benefit
    if request.method == "POST":
        date = format_date(measurement.measured_on)
        services.measurement_delete(measurement=measurement, user=request.user)
        messages.success(request, _("The measurement of %(date)s was deleted.") % {"date": date})
        return redirect(_back(benefit))
    return render(
        request,
        "benefits/indicator_measurement_delete.html",
        {"project": benefit.project, "benefit": benefit, "measurement": measurement},
    )


@require_http_methods(["GET", "POST"])
def indicator_settings(request: HttpRequest, project_id: int, benefit_id: int) -> HttpResponse:
    """The benefit's target and its scorecard indicator. `?q=` narrows the indicators offered; over htmx
    only the chooser is answered."""
    benefit = _benefit(project_id, benefit_id)
    access.require_perm(request.user, EDIT, benefit.project)
    search = search_text(request.GET.get("q") or request.POST.get("q"))
    form = BenefitIndicatorForm(request.POST or None, instance=benefit, search=search)
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_indicator_set(
                benefit_id=benefit.pk,
                user=request.user,
                data=form.cleaned_data,
                original=form.cleaned_data.get("original", ""),
                fingerprint=BenefitIndicatorForm.fingerprint,
            )
        except services.StaleEdit:
            stale = True
            fresh = _benefit(project_id, benefit_id)
            form = BenefitIndicatorForm(instance=fresh, search=search)
            benefit = fresh
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The target and indicator of «%(title)s» were saved.") % {"title": benefit.title}
            )
            return redirect(_back(benefit))
    context = {"project": benefit.project, "benefit": benefit, "form": form, "search": search, "stale": stale}
    if request.htmx and request.method == "GET":
        response = render(request, "benefits/indicator_settings.html#chooser", context)
    else:
        response = render(request, "benefits/indicator_settings.html", context)
    response["Vary"] = "HX-Request"
    return response
