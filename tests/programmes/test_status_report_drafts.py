"""Status report drafts: saved incomplete, kept across sessions, private to the project's editors, merged
when two editors save them, turned into the report on submission, and never counted as a delivered report."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import roles
from core.periods import Period
from programmes import selectors, services
from programmes.models import Phase, Project, StatusReport, StatusReportDraft
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Halvferdig: venter på tall fra økonomi."


@pytest.fixture
def project(leader):
    return ProjectFactory(name="Digitalt tilsyn", leader=leader, owner=leader, phase=Phase.EXECUTION)


def current_key(project) -> str:
    return Period.containing(timezone.localdate(), project.sub_programme.programme.reporting_scheme).key


def form_url(project) -> str:
    return reverse("programmes:status_report_create", args=[project.pk])


def save_draft(client, project, **data):
    return client.post(
        form_url(project), {"period_key": current_key(project), "action": "draft", **data}, follow=True
    )


def test_an_incomplete_draft_is_saved_without_ratings_or_comments(client, project):
    client.force_login(project.leader)
    response = save_draft(client, project, schedule="red", achieved=DRAFT_TEXT)
    html = response.content.decode()
    assert "Utkastet ble lagret." in html
    draft = StatusReportDraft.objects.get(project=project)
    # Red without a comment is fine in a draft; the comment is required when the report is submitted.
    assert (draft.period_key, draft.schedule, draft.overall, draft.achieved) == (
        current_key(project),
        "red",
        "",
        DRAFT_TEXT,
    )
    assert draft.updated_by == project.leader
    assert not StatusReport.objects.exists()


def test_the_form_opened_again_in_a_new_session_shows_the_draft(project):
    first = Client()
    first.force_login(project.leader)
    save_draft(first, project, cost="yellow", cost_comment="Usikker lisenspris.", achieved=DRAFT_TEXT)
    later = Client()  # another session: the draft lives in the database, not the session
    later.force_login(project.leader)
    response = later.get(form_url(project))
    html = response.content.decode()
    assert "Du fortsetter på utkastet for" in html
    assert DRAFT_TEXT in html and "Usikker lisenspris." in html
    form = response.context["form"]
    assert form["cost"].value() == "yellow"
    assert form["draft"].value() == StatusReportDraft.objects.get().pk


def test_the_sub_programme_leader_sees_and_continues_the_project_leaders_draft(client, project, role_user):
    sub_leader = role_user(roles.PROGRAMME_LEADER, username="per", first_name="Per", last_name="Leder")
    project.sub_programme.leader = sub_leader
    project.sub_programme.save()
    client.force_login(project.leader)
    save_draft(client, project, achieved=DRAFT_TEXT)
    other = Client()
    other.force_login(sub_leader)
    assert DRAFT_TEXT in other.get(form_url(project)).content.decode()


def test_a_project_leader_of_another_project_cannot_see_the_draft(client, project, role_user):
    client.force_login(project.leader)
    save_draft(client, project, achieved=DRAFT_TEXT)
    stranger = role_user(roles.PROJECT_LEADER, username="ola")
    ProjectFactory(leader=stranger, owner=stranger)
    client.force_login(stranger)
    response = client.get(form_url(project))
    assert response.status_code == 403
    assert DRAFT_TEXT not in response.content.decode()
    page = client.get(project.get_absolute_url()).content.decode()
    assert DRAFT_TEXT not in page and "Fortsett på utkastet" not in page


def test_the_project_page_tells_the_editors_of_the_draft_and_links_to_it(client, project):
    client.force_login(project.leader)
    save_draft(client, project, achieved=DRAFT_TEXT)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Bare de som kan redigere prosjektet, ser det" in html
    assert f'href="{form_url(project)}?period={current_key(project)}">Fortsett på utkastet</a>' in html


def test_a_politician_never_sees_the_draft(client, project, politician):
    client.force_login(project.leader)
    save_draft(client, project, achieved=DRAFT_TEXT)
    client.force_login(politician)
    assert client.get(form_url(project)).status_code == 403
    for url in (project.get_absolute_url(), reverse("programmes:project_list"), reverse("home")):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert DRAFT_TEXT not in response.content.decode()
        assert "Fortsett på utkastet" not in response.content.decode()


def test_submitting_turns_the_draft_into_the_report_and_removes_the_draft(client, project):
    client.force_login(project.leader)
    save_draft(client, project, achieved=DRAFT_TEXT)
    opened = client.get(form_url(project)).context["form"]
    data = {
        name: opened[name].value() or ""
        for name in ("period_key", "achieved", "based_on", "seen", "draft", "draft_version")
    }
    response = client.post(
        form_url(project),
        {
            **data,
            **dict.fromkeys(("overall", "schedule", "cost", "scope", "gains"), "green"),
            "action": "submit",
        },
    )
    assert response.status_code == 302
    report = StatusReport.objects.get(project=project)
    assert (report.achieved, report.overall) == (DRAFT_TEXT, "green")
    assert not StatusReportDraft.objects.exists()


def test_yellow_without_comment_is_refused_at_submission_and_the_input_is_kept(client, project):
    client.force_login(project.leader)
    save_draft(client, project, achieved=DRAFT_TEXT)
    response = client.post(
        form_url(project),
        {
            "period_key": current_key(project),
            **dict.fromkeys(("overall", "cost", "scope", "gains"), "green"),
            "schedule": "yellow",
            "achieved": DRAFT_TEXT + " Nå ferdig.",
            "action": "submit",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kommentar må fylles ut når statusen er gul." in html
    assert DRAFT_TEXT + " Nå ferdig." in html
    assert not StatusReport.objects.exists()
    assert StatusReportDraft.objects.get().achieved == DRAFT_TEXT  # the draft is as it was saved


def test_two_editors_saving_the_draft_are_merged_field_by_field(project):
    services.status_report_draft_save(
        project=project, user=project.leader, period_key=current_key(project), data={"achieved": DRAFT_TEXT}
    )
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(project.leader)
    opened = {}
    for client in (first, second):
        form = client.get(form_url(project)).context["form"]
        opened = {
            name: form[name].value() or ""
            for name in ("period_key", "based_on", "seen", "draft", "draft_version")
        }
    first.post(
        form_url(project), {**opened, "achieved": DRAFT_TEXT, "risks": "Lisenspris.", "action": "draft"}
    )
    second.post(form_url(project), {**opened, "achieved": "Pilot i drift.", "action": "draft"})
    draft = StatusReportDraft.objects.get()
    assert (draft.achieved, draft.risks) == ("Pilot i drift.", "Lisenspris.")  # nobody's change lost
    assert draft.version == 3


def test_the_same_field_changed_by_both_editors_is_chosen_by_the_user(project):
    services.status_report_draft_save(
        project=project, user=project.leader, period_key=current_key(project), data={"achieved": DRAFT_TEXT}
    )
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(project.leader)
    opened = {}
    for client in (first, second):
        form = client.get(form_url(project)).context["form"]
        opened = {
            name: form[name].value() or ""
            for name in ("period_key", "based_on", "seen", "draft", "draft_version")
        }
    first.post(
        form_url(project), {**opened, "achieved": DRAFT_TEXT, "next_steps": "Rulle ut.", "action": "draft"}
    )
    response = second.post(
        form_url(project),
        {
            **opened,
            "achieved": DRAFT_TEXT,
            "next_steps": "Evaluere.",
            "action": "submit",
            **dict.fromkeys(("overall", "schedule", "cost", "scope", "gains"), "green"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="resolve__next_steps"' in html
    assert not StatusReport.objects.exists()  # nothing submitted until the user chose
    form = response.context["form"]
    resolved = {
        name: form[name].value() or ""
        for name in (
            "based_on",
            "seen",
            "draft",
            "draft_version",
            "conflict_fields",
            "conflict_by",
            "conflict_with",
        )
    }
    assert resolved["conflict_with"] == "draft"
    response = second.post(
        form_url(project),
        {
            **opened,
            **resolved,
            **dict.fromkeys(("overall", "schedule", "cost", "scope", "gains"), "green"),
            "achieved": DRAFT_TEXT,
            "next_steps": "Evaluere.",
            "resolve__next_steps": "theirs",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    report = StatusReport.objects.get()
    assert (report.next_steps, report.achieved) == ("Rulle ut.", DRAFT_TEXT)
    assert not StatusReportDraft.objects.exists()


def test_a_draft_never_counts_as_a_delivered_report(client, project, executive):
    """Missing-report counts (programme page, Mine prosjekter, register, PDF), the project's mark, the
    register's latest status and the PDF's project sheet all ignore a draft."""
    from portfolio.reports.models import Report, Scope
    from portfolio.reports.selectors import report_content

    key = current_key(project)
    period = Period.from_key(key)
    programme = project.sub_programme.programme
    project.created_at = timezone.make_aware(timezone.datetime(2020, 1, 1))
    Project.objects.filter(pk=project.pk).update(created_at=project.created_at)
    services.status_report_draft_save(
        project=project,
        user=project.leader,
        period_key=key,
        data=dict.fromkeys(("overall", "schedule", "cost", "scope", "gains"), "red")
        | {"achieved": DRAFT_TEXT},
    )
    projects = Project.objects.filter(pk=project.pk)
    count = selectors.status_count(projects=projects, period=period)
    assert (count.red, count.missing) == (0, 1)
    selectors.attach_reported_periods([project])
    assert key not in project.reported_period_keys
    client.force_login(executive)
    register = client.get(reverse("programmes:project_list"), {"status": "red"}).content.decode()
    assert "Digitalt tilsyn" not in register
    report = Report(
        scope=Scope.PROJECT, programme=programme, project=project, period_key=key, period_label=period.label
    )
    content = report_content(report=report)
    assert content.sheets[0].status is None
    assert content.status_count.red == 0
