"""Two people edit the same project and status report at once: no change is lost without a choice.

Hypothesis draws which fields each person changes (overlapping at random), to which values, and what the
second person chooses for each field both changed; both sessions go through the real pages (HTTP).
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import roles
from programmes import services
from programmes.models import Project
from tests.factories import ProjectFactory, project_form_data
from tests.programmes.test_status_reports import GREEN_REPORT, current_key

pytestmark = pytest.mark.django_db

PROJECT_TEXTS = {"name": "Digitalt tilsyn", "need": "Behov", "description": "", "goal": ""}
REPORT_TEXTS = ("achieved", "next_steps", "risks", "decisions_needed")
REQUIRED = {"name", "need"}
TEXTS = ["A", "B", "Ny tekst", "Endret igjen", ""]


def edits(fields):
    """Some of `fields` (a required one never emptied) with new values."""
    return st.fixed_dictionaries(
        {},
        optional={name: st.sampled_from([t for t in TEXTS if t or name not in REQUIRED]) for name in fields},
    )


def expected(original, mine, theirs, choices):
    """What each field must hold after both saves: the rule of core.merge, written out plainly."""
    result = {}
    for name, value in original.items():
        mine_changed = name in mine and mine[name] != value
        theirs_changed = name in theirs and theirs[name] != value
        if mine_changed and theirs_changed and mine[name] != theirs[name]:
            result[name] = theirs[name] if choices[name] == "theirs" else mine[name]
        elif mine_changed:
            result[name] = mine[name]
        elif theirs_changed:
            result[name] = theirs[name]
        else:
            result[name] = value
    return result


def resolve(client, url, response, choices):
    """Answers a conflict as a browser posts the re-shown form: every value it shows, plus a choice per
    field both people changed."""
    form = response.context["form"]
    shown = {f.html_name: f.value() for f in form if f.value() is not None}
    picks = {f"resolve__{name}": choices[name] for name in form.conflicts}
    return client.post(url, {**shown, **picks})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mine=edits(list(PROJECT_TEXTS)), theirs=edits(list(PROJECT_TEXTS)), data=st.data())
def test_concurrent_project_edits_lose_nothing_unchosen(role_user, mine, theirs, data):
    leader = Project.objects.first().leader if Project.objects.exists() else role_user(roles.PROJECT_LEADER)
    project = ProjectFactory(leader=leader, owner=leader, **PROJECT_TEXTS)
    choices = {name: data.draw(st.sampled_from(["mine", "theirs"])) for name in PROJECT_TEXTS}
    colleague, user = Client(), Client()
    colleague.force_login(leader)
    user.force_login(leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    opened = project_form_data(project)  # both open the form at the same version

    colleague.post(url, {**opened, **theirs})
    response = user.post(url, {**opened, **mine})
    if response.status_code == 200:  # a field both changed: the user chooses
        response = resolve(user, url, response, choices)
    assert response.status_code == 302

    project.refresh_from_db()
    saved = {name: getattr(project, name) for name in PROJECT_TEXTS}
    assert saved == expected(PROJECT_TEXTS, mine, theirs, choices)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mine=edits(list(REPORT_TEXTS)), theirs=edits(list(REPORT_TEXTS)), data=st.data())
def test_concurrent_status_reports_lose_nothing_unchosen(role_user, mine, theirs, data):
    leader = Project.objects.first().leader if Project.objects.exists() else role_user(roles.PROJECT_LEADER)
    project = ProjectFactory(leader=leader, owner=leader)
    key = current_key(project)
    original = dict.fromkeys(REPORT_TEXTS, "Start")
    services.status_report_submit(
        project=project, user=leader, period_key=key, data={**GREEN_REPORT, **original}
    )
    choices = {name: data.draw(st.sampled_from(["mine", "theirs"])) for name in REPORT_TEXTS}
    colleague, user = Client(), Client()
    colleague.force_login(leader)
    user.force_login(leader)
    url = reverse("programmes:status_report_create", args=[project.pk])
    form = user.get(url).context["form"]
    opened = {**GREEN_REPORT, **original, "period_key": key}
    opened |= {name: form[name].value() for name in ("based_on", "seen")}

    colleague.post(url, {**opened, **theirs})
    response = user.post(url, {**opened, **mine})
    if response.status_code == 200:
        response = resolve(user, url, response, choices)
    assert response.status_code == 302

    latest = project.status_reports.filter(period_key=key).order_by("-version").first()
    assert {name: getattr(latest, name) for name in REPORT_TEXTS} == expected(original, mine, theirs, choices)
