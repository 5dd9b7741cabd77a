"""The prioritisation criteria: the list, and the administrator's edit with its conflict handling."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import access
from core.merge import KEEP_MINE, KEEP_THEIRS

from .. import selectors, services
from ..forms import CriterionForm
from ..models import Criterion, CriterionKind
from .common import _people


def criteria(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portfolio/criteria.html",
        {
            "criteria": Criterion.objects.order_by("position", "name"),
            "can_edit": access.has_perm(request.user, "portfolio.change_criterion"),
        },
    )


def criterion_edit(request: HttpRequest, criterion_id: int) -> HttpResponse:
    """Administrator changes a criterion; a new weight re-ranks every score at once (scores are computed)."""
    access.require_perm(request.user, "portfolio.change_criterion")
    criterion = get_object_or_404(Criterion, pk=criterion_id)
    if request.method != "POST":
        form = CriterionForm(instance=criterion, initial={"version": selectors.criterion_version(criterion)})
        return render(request, "portfolio/criterion_form.html", {"form": form, "criterion": criterion})
    # A copy for the form: a ModelForm writes the input into its instance while validating.
    form = CriterionForm(request.POST, instance=Criterion.objects.get(pk=criterion.pk))
    conflicting = [name for name in request.POST.get("conflicts", "").split(",") if name in form.fields]
    choices = {name: request.POST.get(f"resolve-{name}", "") for name in conflicting}
    if form.is_valid() and any(choice not in (KEEP_MINE, KEEP_THEIRS) for choice in choices.values()):
        form.add_error(None, _("Choose which value shall apply for every field below."))
    if not form.is_valid():
        context = {"form": form, "criterion": criterion}
        if conflicting:
            context["conflict"] = _criterion_conflict(form, criterion, conflicting, choices=choices)
        return render(request, "portfolio/criterion_form.html", context, status=400)
    fields = list(CriterionForm.Meta.fields)
    result = services.criterion_update(
        criterion=criterion,
        values={name: form.cleaned_data[name] for name in fields},
        version=form.cleaned_data["version"],
        choices=choices,
        user=request.user,
    )
    if result.saved:
        if result.outcome and result.outcome.theirs_only:
            messages.success(
                request,
                _("Your changes were saved. %(name)s had also changed %(fields)s – those changes were kept.")
                % {"name": _people(result.by), "fields": _field_labels(form, result.outcome.theirs_only)},
            )
        else:
            messages.success(request, _("The criterion was saved."))
        return redirect("portfolio:criteria")
    # Both changed a field: nothing saved. The form again with the user's input, the other person's other
    # changes applied, the current version, and for each conflicting field both values to choose from.
    data = request.POST.copy()
    for name in result.outcome.theirs_only:
        data[name] = result.theirs[name]
    data["version"] = result.version
    form = CriterionForm(data, instance=Criterion.objects.get(pk=criterion.pk))
    form.is_valid()
    context = {
        "form": form,
        "criterion": criterion,
        "conflict": _criterion_conflict(
            form, criterion, result.outcome.conflicts, theirs=result.theirs, by=result.by
        ),
    }
    return render(request, "portfolio/criterion_form.html", context, status=409)


def _field_labels(form, names) -> str:
    return ", ".join(str(form.fields[name].label).lower() for name in names)


def _criterion_conflict(form, criterion, names, *, theirs=None, by=None, choices=None) -> dict:
    """The conflicting fields of a criterion edit, each with this user's value and the other person's."""
    if theirs is None:
        theirs = {name: getattr(criterion, name) for name in names}
    if by is None:
        # Asked again (no choice made): the one who saved the version the form now carries.
        version = int(form.data.get("version") or 0)
        by = selectors.criterion_changed_by(criterion, version - 1)[:1]
    kinds = dict(CriterionKind.choices)

    def shown(name, value):
        return kinds.get(value, value) if name == "kind" else value

    return {
        "by": _people(by),
        "names": ",".join(names),
        "fields": [
            {
                "name": name,
                "label": form.fields[name].label,
                "mine": shown(name, form.data.get(name, "")),
                "theirs": shown(name, theirs[name]),
                "choice": (choices or {}).get(name, ""),
            }
            for name in names
        ],
    }
