"""Pages for programmes: the list of programmes and one programme with its structure."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import selectors
from ..models import Programme, Project


def programme_list(request: HttpRequest) -> HttpResponse:
    """All programmes; with just one (the usual case) the programme itself."""
    programme_ids = list(Programme.objects.values_list("pk", flat=True)[:2])
    if len(programme_ids) == 1:
        return redirect("programmes:programme_detail", programme_id=programme_ids[0])
    return render(request, "programmes/programme_list.html", {"programmes": selectors.programme_list()})


def programme_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    try:
        programme = selectors.programme_with_structure(programme_id=programme_id)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc
    status_count = selectors.status_count(
        projects=Project.objects.filter(sub_programme__programme=programme),
        period=selectors.due_period(programme, timezone.localdate()),
    )
    return render(
        request, "programmes/programme_detail.html", {"programme": programme, "status_count": status_count}
    )
