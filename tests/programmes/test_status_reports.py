"""Status reports: comments required for yellow and red, frozen once submitted, corrections as versions."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.periods import Period
from programmes import selectors, services
from programmes.models import Phase, StatusReport
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

GREEN_REPORT = {
    "overall": "green",
    "schedule": "green",
    "cost": "green",
    "scope": "green",
    "gains": "green",
    "achieved": "Pilot i sone nord gjennomført.",
    "next_steps": "Utvide til sone sør.",
}


@pytest.fixture
def project(leader):
    return ProjectFactory(name="Digitalt tilsyn", leader=leader, owner=leader, phase=Phase.EXECUTION)


def current_key(project) -> str:
    return Period.containing(timezone.localdate(), project.sub_programme.programme.reporting_scheme).key


def test_yellow_status_without_comment_is_refused_in_norwegian_and_input_is_kept(client, project):
    client.force_login(project.leader)
    url = reverse("programmes:status_report_create", args=[project.pk])
    data = {**GREEN_REPORT, "period_key": current_key(project), "schedule": "yellow"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kommentar må fylles ut når statusen er gul." in html
    assert "Pilot i sone nord gjennomført." in html
    assert not StatusReport.objects.exists()


def test_yellow_status_with_comment_is_submitted(client, project):
    client.force_login(project.leader)
    url = reverse("programmes:status_report_create", args=[project.pk])
    data = {
        **GREEN_REPORT,
        "period_key": current_key(project),
        "schedule": "yellow",
        "schedule_comment": "Leveransen er forsinket to uker.",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    report = StatusReport.objects.get()
    assert (report.schedule, report.schedule_comment, report.version) == (
        "yellow",
        "Leveransen er forsinket to uker.",
        1,
    )
    assert report.submitted_by == project.leader


def test_correction_makes_a_new_version_and_the_old_one_stays(client, project):
    key = current_key(project)
    first = services.status_report_submit(
        project=project, user=project.leader, period_key=key, data=GREEN_REPORT
    ).instance
    client.force_login(project.leader)
    url = reverse("programmes:status_report_create", args=[project.pk])
    form_html = client.get(f"{url}?from={first.pk}").content.decode()
    assert "Du korrigerer rapporten" in form_html
    client.post(
        url, {**GREEN_REPORT, "period_key": key, "cost": "red", "cost_comment": "Overskridelse 300 000 kr."}
    )

    versions = list(StatusReport.objects.filter(project=project, period_key=key).order_by("version"))
    assert [(r.version, r.cost) for r in versions] == [(1, "green"), (2, "red")]
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Overskridelse 300 000 kr." in page
    assert "versjon 1" in page  # the old version is still shown


def test_new_report_starts_from_the_previous_reports_text(client, project):
    services.status_report_submit(
        project=project,
        user=project.leader,
        period_key=Period.containing(timezone.localdate()).previous().key,
        data={**GREEN_REPORT, "decisions_needed": "Avklare finansiering av fase 2."},
    )
    client.force_login(project.leader)
    html = client.get(reverse("programmes:status_report_create", args=[project.pk])).content.decode()
    assert "Avklare finansiering av fase 2." in html
    assert "Pilot i sone nord gjennomført." in html


def test_status_is_shown_as_colour_word_and_icon(client, project):
    services.status_report_submit(
        project=project,
        user=project.leader,
        period_key=current_key(project),
        data={**GREEN_REPORT, "overall": "red", "overall_comment": "Kritisk avvik."},
    )
    client.force_login(project.leader)
    html = client.get(project.get_absolute_url()).content.decode()
    assert 'class="app-rating app-rating--red"' in html
    assert 'class="app-rating__icon"' in html
    assert ">Rød</span>" in html


@pytest.mark.parametrize(
    ("latest_key", "today", "expected"),
    [
        (None, datetime.date(2026, 9, 10), "missing"),  # 2. tertial ended 31 Aug, deadline 14 Sep
        (None, datetime.date(2026, 9, 20), "overdue"),
        ("2026-T1", datetime.date(2026, 11, 23), "overdue"),
        ("2026-T2", datetime.date(2026, 11, 23), "upcoming"),  # 3. tertial is not over yet
        ("2026-T2", datetime.date(2027, 1, 10), "missing"),  # 3. tertial over, deadline 14 January
        ("2026-T3", datetime.date(2026, 11, 23), "ok"),
        # A report for the current period does not make up for the last ended one: the programme page, the
        # register and the PDF count it as missing, and so does the project's own mark.
        ("2026-T3 only", datetime.date(2026, 11, 23), "overdue"),
    ],
)
def test_report_state_marks_missing_and_overdue_reports(project, latest_key, today, expected):
    # Registered long before: a project proposed after a period ended owes no report for it.
    project.created_at = timezone.make_aware(datetime.datetime(2025, 1, 2, 9))
    if latest_key == "2026-T3 only":
        project.reported_period_keys = {"2026-T3"}
    else:
        earlier = ("2026-T1", "2026-T2", "2026-T3")
        project.reported_period_keys = set(earlier[: earlier.index(latest_key) + 1]) if latest_key else set()
    state = selectors.report_state(project=project, programme=project.sub_programme.programme, today=today)
    assert state.state == expected


def test_ideas_and_closed_projects_have_no_reporting_duty(project):
    project.phase = Phase.IDEA
    project.reported_period_keys = set()
    assert (
        selectors.report_state(
            project=project, programme=project.sub_programme.programme, today=timezone.localdate()
        )
        is None
    )


@pytest.mark.parametrize("source", ["abc", "999999", "-1"])
def test_correcting_a_report_that_does_not_exist_is_a_404(client, project, source):
    client.force_login(project.leader)
    url = reverse("programmes:status_report_create", args=[project.pk])
    assert client.get(f"{url}?from={source}").status_code == 404


def two_writers(project):
    first, second = Client(), Client()
    first.force_login(project.leader)
    second.force_login(project.leader)
    url = reverse("programmes:status_report_create", args=[project.pk])
    opened = {}
    for client in (first, second):
        form = client.get(url).context["form"]
        opened = {name: form[name].value() for name in ("based_on", "seen")}
    return first, second, url, opened


def test_a_report_submitted_meanwhile_is_merged_not_replaced(project):
    key = current_key(project)
    services.status_report_submit(project=project, user=project.leader, period_key=key, data=GREEN_REPORT)
    first, second, url, opened = two_writers(project)
    base = {**GREEN_REPORT, **opened, "period_key": key}
    first.post(url, {**base, "cost": "red", "cost_comment": "Overskridelse 300 000 kr."})
    response = second.post(url, {**base, "achieved": "Pilot i drift."}, follow=True)

    latest = project.status_reports.filter(period_key=key).order_by("-version").first()
    assert latest.version == 3
    assert (latest.cost, latest.cost_comment) == ("red", "Overskridelse 300 000 kr.")  # not reverted
    assert latest.achieved == "Pilot i drift."
    assert "hadde også endret" in response.content.decode()


def test_the_same_text_written_by_both_is_chosen_by_the_user(project):
    key = current_key(project)
    services.status_report_submit(project=project, user=project.leader, period_key=key, data=GREEN_REPORT)
    first, second, url, opened = two_writers(project)
    base = {**GREEN_REPORT, **opened, "period_key": key}
    first.post(url, {**base, "next_steps": "Rulle ut i to soner."})
    response = second.post(url, {**base, "next_steps": "Evaluere piloten."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre lagret mens du redigerte" in html
    assert 'name="resolve__next_steps"' in html
    assert "Rulle ut i to soner." in html and "Evaluere piloten." in html
    assert project.status_reports.filter(period_key=key).count() == 2  # nothing submitted
    form = response.context["form"]
    resolved = {name: form[name].value() for name in ("based_on", "seen", "conflict_fields", "conflict_by")}
    response = second.post(
        url, {**base, **resolved, "next_steps": "Evaluere piloten.", "resolve__next_steps": "theirs"}
    )
    assert response.status_code == 302
    latest = project.status_reports.filter(period_key=key).order_by("-version").first()
    assert (latest.version, latest.next_steps) == (3, "Rulle ut i to soner.")
