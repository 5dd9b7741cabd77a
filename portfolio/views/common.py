"""What the portfolio pages share: who may prioritise, which programme a request is about, and the
people a message names."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core import access
from core.params import parse_id
from core.people import person_name
from programmes.models import Programme

from .. import selectors


def can_prioritise(user) -> bool:
    return access.has_perm(user, "portfolio.prioritise")


def _require_prioritiser(request: HttpRequest) -> None:
    access.require_perm(request.user, "portfolio.prioritise")


def _programme_id(request: HttpRequest) -> int:
    """The programme named by `programme` in the query or form, or the default one."""
    value = request.POST.get("programme") or request.GET.get("programme")
    programme_id = parse_id(value) or selectors.default_programme_id()
    if programme_id is None:
        raise Http404
    return programme_id


def _programme(request: HttpRequest) -> Programme:
    return get_object_or_404(Programme, pk=_programme_id(request))


def _people(users) -> str:
    return ", ".join(person_name(user) for user in users) or _("someone else")
