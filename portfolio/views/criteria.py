"""The prioritisation criteria: the list, and the administrator's edit with its conflict handling."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import access
from core.forms import save_edit
from core.merge import KEEP_MINE, KEEP_THEIRS, EditConflict
from core.people import person_name
from core.versioning import saved_text

from .. import selectors, services
from ..forms import CriterionForm
from ..models import Criterion, CriterionKind


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
    edit = save_edit(
        form,
        lambda: services.criterion_update(
            criterion=criterion,
            values={name: form.cleaned_data[name] for name in fields},
            version=form.cleaned_data["version"],
            choices=choices,
            user=request.user,
        ),
        after_conflict=lambda exc: _form_after_conflict(request, criterion, exc),
    )
    if edit.saved:
        labels = {name: str(field.label).lower() for name, field in form.fields.items()}
        text = None if edit.saved.kept_fields else _("The criterion was saved.")
        messages.success(request, saved_text(edit.saved, text, labels=labels))
        return redirect("portfolio:criteria")
    context = {"form": edit.form, "criterion": criterion}
    if edit.conflict is None:
        return render(request, "portfolio/criterion_form.html", context, status=400)
    conflict = edit.conflict
    context["conflict"] = _criterion_conflict(
        edit.form, criterion, conflict.outcome.conflicts, theirs=conflict.current, by=conflict.changed_by
    )
    return render(request, "portfolio/criterion_form.html", context, status=409)


def _form_after_conflict(request: HttpRequest, criterion: Criterion, conflict: EditConflict) -> CriterionForm:
    """Both changed a field: nothing saved. The form again with the user's input, the other person's other
    changes applied and the current version; the conflicting fields get both values to choose from."""
    data = request.POST.copy()
    for name in conflict.outcome.theirs_only:
        data[name] = conflict.current[name]
    data["version"] = conflict.current_version
    form = CriterionForm(data, instance=Criterion.objects.get(pk=criterion.pk))
    form.is_valid()
    return form


def _criterion_conflict(form, criterion, names, *, theirs=None, by=None, choices=None) -> dict:
    """The conflicting fields of a criterion edit, each with this user's value and the other person's."""
    if theirs is None:
        theirs = {name: getattr(criterion, name) for name in names}
    if by is None:
        # Asked again (no choice made): the one who saved the version the form now carries.
        version = int(form.data.get("version") or 0)
        by = ", ".join(map(person_name, selectors.criterion_changed_by(criterion, version - 1)[:1]))
    kinds = dict(CriterionKind.choices)

    def shown(name, value):
        return kinds.get(value, value) if name == "kind" else value

    return {
        "by": by or _("someone else"),
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
