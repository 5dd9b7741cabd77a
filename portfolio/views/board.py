"""The ranked board: showing it, reordering it (drag and drop, move buttons, conflicts between two
orders), re-ranking by priority score and undoing that, and the programme's capacity per year."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.merge import KEEP_MINE, KEEP_THEIRS
from core.params import parse_id, parse_int
from core.versioning import kept_text
from programmes.models import Programme, Project

from .. import selectors, services
from ..forms import CapacityForm, MoveForm, ReorderForm
from ..models import OrderChangeKind
from .common import _people, _programme, _programme_id, _require_prioritiser, can_prioritise


def _board_context(request: HttpRequest, programme_id: int) -> dict:
    try:
        board = selectors.portfolio_board(programme_id=programme_id)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
    programme = board.programme
    editable = can_prioritise(request.user)
    changes = (
        selectors.last_order_changes(board_version=board.version, programme=programme) if editable else []
    )
    undo = (
        changes[0] if changes and changes[0].kind == OrderChangeKind.RANK and not changes[0].undone else None
    )
    return {
        "board": board,
        "programme": programme,
        "can_prioritise": editable,
        "order_changes": changes,
        "undo": undo,
        "scenarios": selectors.saved_scenarios(programme=programme) if not request.htmx else [],
        "programmes": Programme.objects.order_by("name") if not request.htmx else [],
    }


def _board_response(request: HttpRequest, programme_id: int, *, status: int = 200, **extra) -> HttpResponse:
    """The board page, or for htmx only the board, with `extra` (a conflict, a notice or an error) in it."""
    context = _board_context(request, programme_id) | extra
    template = "portfolio/board.html#board" if request.htmx else "portfolio/board.html"
    return render(request, template, context, status=status)


def board(request: HttpRequest) -> HttpResponse:
    """The ranked board; read-only (no controls) for everyone who may not prioritise."""
    return _board_response(request, _programme_id(request))


def _project_names(ids: list[int]) -> str:
    names = dict(Project.objects.filter(pk__in=ids).values_list("pk", "name"))
    return ", ".join(names[pk] for pk in ids if pk in names)


def _conflict_view(conflict: services.OrderConflict) -> dict:
    """Both orders of a board conflict as rows to show side by side, the projects both moved marked."""
    names = dict(Project.objects.filter(pk__in=conflict.theirs + conflict.mine).values_list("pk", "name"))
    both = set(conflict.projects)

    def rows(order):
        return [{"pk": pk, "name": names.get(pk, "?"), "both": pk in both} for pk in order]

    return {
        "mine": rows(conflict.mine),
        "theirs": rows(conflict.theirs),
        "order": ",".join(map(str, conflict.mine)),
        "projects": _project_names(conflict.projects),
        "by": _people(conflict.by),
    }


def _order_result(request: HttpRequest, programme: Programme, save) -> HttpResponse:
    """Runs `save` (a reorder) and answers: the board, a merged save said as such, both orders to choose
    from when the user and someone else moved the same project, or the error where the board is."""
    try:
        result = save()
    except services.BoardConflict:
        result = None
        error = _(
            "Someone else changed the order while you were working. Nothing was saved; the board now shows "
            "their order, so you can make your change again."
        )
    except ValidationError as exc:
        result = None
        error = " ".join(exc.messages)
    else:
        error = None
    if error:
        if request.htmx:
            return _board_response(request, programme.pk, status=422, board_error=error)
        messages.error(request, error)
    elif result is not None and result.conflict is not None:
        return _board_response(
            request, programme.pk, status=409, order_conflict=_conflict_view(result.conflict)
        )
    elif result is not None and result.merged_with:
        notice = kept_text(
            _("Your changes were saved."),
            who=_people(result.merged_with),
            fields=[_("the place of %(projects)s") % {"projects": _project_names(result.theirs_moved)}],
        )
        if request.htmx:
            return _board_response(request, programme.pk, board_notice=notice)
        messages.success(request, notice)
    if request.htmx:
        return _board_response(request, programme.pk)
    return redirect(f"{reverse('portfolio:board')}?programme={programme.pk}#board")


@require_POST
def reorder(request: HttpRequest) -> HttpResponse:
    """Saves the whole order after a drag and drop, merged with others' moves of other projects made since;
    also answers the choice between two orders after a conflict (`resolve`)."""
    _require_prioritiser(request)
    programme = _programme(request)
    form = ReorderForm(request.POST)
    if not form.is_valid():
        return _order_result(request, programme, lambda: _raise(form))
    resolve = form.cleaned_data["resolve"]
    if resolve == KEEP_THEIRS:
        notice = _("The other order was kept; yours was not saved.")
        if request.htmx:
            return _board_response(request, programme.pk, board_notice=notice)
        messages.info(request, notice)
        return redirect(f"{reverse('portfolio:board')}?programme={programme.pk}#board")
    return _order_result(
        request,
        programme,
        lambda: services.board_order_save(
            programme=programme,
            order=form.cleaned_data["order"],
            # After a conflict the user chose their whole order: what they moved is worked out anew.
            moved=None if resolve == KEEP_MINE else form.cleaned_data["moved"],
            version=form.cleaned_data["version"],
            user=request.user,
        ),
    )


def _raise(form) -> None:
    raise ValidationError([error for errors in form.errors.values() for error in errors])


@require_POST
def move(request: HttpRequest) -> HttpResponse:
    """Moves one project a place up or down: the move buttons of the board, which work without JavaScript."""
    _require_prioritiser(request)
    programme = _programme(request)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _order_result(request, programme, lambda: _raise(form))
    project_id, direction = form.cleaned_data["move"]
    return _order_result(
        request,
        programme,
        lambda: services.board_move(
            programme=programme,
            project_id=project_id,
            direction=direction,
            version=form.cleaned_data["version"],
            user=request.user,
        ),
    )


def rank_by_priority(request: HttpRequest) -> HttpResponse:
    """Asks first, on a page of its own that shows every project's place now and after: re-ranking
    replaces a hand-made order. A POST with `confirm` re-ranks; the board then offers to undo it."""
    _require_prioritiser(request)
    programme = _programme(request)
    status = 200
    stale = False
    if request.method == "POST" and request.POST.get("confirm"):
        # The version is a hidden field: anything but a number was not sent by this page.
        version = parse_int(request.POST.get("version"))
        if version is None:
            raise BadRequest("The board's version is not a number.")
        try:
            services.board_rank_by_priority(programme=programme, version=version, user=request.user)
        except services.BoardConflict:
            stale, status = True, 409
        else:
            messages.success(
                request,
                _(
                    "The board was ranked by priority score. The order it replaced is kept: you can undo below."
                ),
            )
            return redirect(f"{reverse('portfolio:board')}?programme={programme.pk}#board")
    preview = selectors.rank_preview(programme_id=programme.pk)
    return render(
        request,
        "portfolio/rank_confirm.html",
        {"programme": programme, "preview": preview, "stale": stale},
        status=status,
    )


@require_POST
def undo_rank(request: HttpRequest) -> HttpResponse:
    """Restores the order a re-ranking replaced (recorded in the board's order history)."""
    _require_prioritiser(request)
    programme = _programme(request)
    change_id = parse_id(request.POST.get("change"))
    if change_id is None:
        raise BadRequest("The re-ranking to undo is not a number.")

    def undo():
        result = services.board_order_undo(programme=programme, change_id=change_id, user=request.user)
        if result.conflict is None and not request.htmx:
            messages.success(request, _("The re-ranking was undone: the order from before it is back."))
        return result

    return _order_result(request, programme, undo)


def capacity(request: HttpRequest) -> HttpResponse:
    """The programme's capacity per year, set by the kommunedirektør."""
    _require_prioritiser(request)
    programme = _programme(request)
    form = CapacityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.capacity_set(programme=programme, user=request.user, **form.cleaned_data)
        messages.success(
            request, _("The capacity for %(year)s was saved.") % {"year": form.cleaned_data["year"]}
        )
        return redirect(f"{reverse('portfolio:capacity')}?programme={programme.pk}")
    years = selectors.plan_years(selectors.board_programme(programme_id=programme.pk))
    existing = selectors.capacities(programme=programme)
    rows = [(year, existing.get(year)) for year in sorted(set(years) | existing.keys())]
    return render(
        request,
        "portfolio/capacity.html",
        {"programme": programme, "form": form, "rows": rows},
        status=400 if form.errors else 200,
    )
