"""The `seed_demo` command: what it loads, the demo logins, re-runs that change nothing, and the DEBUG guard."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from core import roles
from programmes import selectors
from programmes.history import project_history
from programmes.models import (
    STATUS_DIMENSIONS,
    Milestone,
    Phase,
    Programme,
    Project,
    Rating,
    Risk,
    RiskStatus,
    StatusReport,
    SubProgramme,
)

pytestmark = pytest.mark.django_db

# The demo data tells the story as of late November 2026, in the 3. tertial; 2. tertial's reports were due
# 14 September.
TODAY = date(2026, 11, 23)
UNDER_WAY = [Phase.PLANNING, Phase.EXECUTION, Phase.REALISATION]

SUB_PROGRAMMES = [
    "Innbyggerløftet",
    "Ansattløftet",
    "Velferd og teknologi",
    "Smarte areal og bygg",
    "Oppvekstløftet",
]

DEMO_LOGINS = {
    "admin": roles.ADMINISTRATOR,
    "direktor": roles.EXECUTIVE,
    "programleder": roles.PROGRAMME_LEADER,
    "prosjektleder": roles.PROJECT_LEADER,
    "prosjektleder2": roles.PROJECT_LEADER,
    "politiker": roles.POLITICIAN,
}


@pytest.fixture(autouse=True)
def demo_settings(settings):
    # pytest-django runs tests with DEBUG off, like Django's own runner; the command is meant for DEBUG on.
    settings.DEBUG = True


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    user_model = get_user_model()
    models = [
        Programme,
        SubProgramme,
        Project,
        Project.history.model,
        StatusReport,
        StatusReport.history.model,
        Milestone,
        Milestone.history.model,
        Risk,
        Risk.history.model,
        user_model,
        user_model.groups.through,
        Group,
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


def test_seed_demo_creates_the_programme_with_its_five_sub_programmes_in_order():
    seed()

    programme = Programme.objects.get()
    assert programme.name == "Utvikling og bærekraft"
    assert programme.start_date.year == 2021
    assert "bærekraftig" in programme.description
    sub_programmes = list(programme.sub_programmes.all())
    assert [sub.name for sub in sub_programmes] == SUB_PROGRAMMES
    assert all(sub.description and sub.leader for sub in sub_programmes)
    assert programme.sub_programmes.get(name="Velferd og teknologi").leader.username == "programleder"


def test_seed_demo_creates_twenty_four_complete_projects_in_every_sub_programme_and_phase():
    seed()

    projects = list(Project.objects.select_related("sub_programme", "owner", "leader"))
    assert len(projects) == 24
    assert {project.sub_programme.name for project in projects} == set(SUB_PROGRAMMES)
    assert {project.phase for project in projects} == set(Phase.values)
    for project in projects:
        assert project.need.strip() and project.description and project.goal, project.name
        assert project.start_date and project.end_date and project.end_date >= project.start_date
        assert project.start_date.year >= 2021 and project.end_date.year <= 2028, project.name
        assert project.cost_estimate > 0 and project.resource_need > 0, project.name
        assert project.owner.get_full_name() and project.leader.get_full_name(), project.name
        assert project.owner != project.leader, project.name


def test_demo_users_are_in_their_role_groups_and_sign_in_with_password_demo():
    seed()

    request = RequestFactory().post("/login/")
    for username, role in DEMO_LOGINS.items():
        user = authenticate(request, username=username, password="demo")
        assert user is not None, username
        assert user.first_name and user.last_name
        assert set(user.groups.values_list("name", flat=True)) == {role}, username
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    others = get_user_model().objects.exclude(username__in=DEMO_LOGINS)
    assert others.exists()
    for user in others:
        assert user.check_password("demo"), user.username
        assert not user.is_staff and not user.is_superuser
        assert user.groups.filter(name__in=[roles.PROGRAMME_LEADER, roles.PROJECT_LEADER]).count() == 1


def test_prosjektleder_and_prosjektleder2_lead_separate_projects_and_others_lead_the_rest():
    seed()

    led_by_first = Project.objects.filter(leader__username="prosjektleder")
    led_by_second = Project.objects.filter(leader__username="prosjektleder2")
    assert led_by_first.count() == 4
    assert led_by_first.filter(sub_programme__name="Velferd og teknologi").exists()
    assert led_by_second.count() == 5
    assert Project.objects.exclude(leader__username__in=["prosjektleder", "prosjektleder2"]).exists()


def test_second_run_creates_nothing_and_changes_nothing():
    seed()
    before = snapshot()

    output = seed()

    assert snapshot() == before
    assert before[StatusReport._meta.label] and before[Milestone._meta.label] and before[Risk._meta.label]
    assert "Databasen har allerede data" in output
    assert "ingenting er endret" in output


def test_rerun_keeps_what_users_edited_moved_and_renamed_and_creates_no_duplicates():
    seed()
    project = Project.objects.get(name="Digitalt tilsyn på natt")
    project.phase = Phase.IDEA
    project.save()
    moved = Project.objects.get(name="Hverdagsrehabilitering")
    moved.sub_programme = SubProgramme.objects.get(name="Innbyggerløftet")
    moved.save()
    renamed = Project.objects.get(name="Min side for innbyggere")
    renamed.name = "Min side"
    renamed.save()
    politician = get_user_model().objects.get(username="politiker")
    politician.set_password("something-else")
    politician.save()
    StatusReport.objects.filter(version=2).update(cost_comment="Rettet av prosjektlederen")
    Milestone.objects.filter(done_date__isnull=False).update(done_date=None)
    Risk.objects.update(mitigation="")
    before = snapshot()

    output = seed()

    assert snapshot() == before
    assert Project.objects.filter(name="Hverdagsrehabilitering").count() == 1
    assert not Project.objects.filter(name="Min side for innbyggere").exists()
    assert Project.objects.get(pk=project.pk).phase == Phase.IDEA
    assert get_user_model().objects.get(username="politiker").check_password("something-else")
    assert "1 program, 24 prosjekter" in output
    assert "seed_demo --reset" in output


def test_demo_is_not_loaded_into_a_database_that_already_has_users():
    user = get_user_model().objects.create_user(username="admin", password="my-own-password")

    output = seed()

    assert not Programme.objects.exists()
    assert list(get_user_model().objects.all()) == [user]
    assert get_user_model().objects.get().check_password("my-own-password")
    assert "1 bruker" in output


def test_reset_with_no_input_deletes_the_users_changes_and_loads_the_demo_afresh():
    seed()
    project = Project.objects.get(name="Digitalt tilsyn på natt")
    project.phase = Phase.IDEA
    project.save()
    Project.objects.filter(name="Min side for innbyggere").update(name="Min side")
    Risk.objects.update(mitigation="")
    groups = set(Group.objects.values_list("pk", "name"))

    output = seed("--reset", "--no-input")

    assert Project.objects.get(name="Digitalt tilsyn på natt").phase == Phase.REALISATION
    assert not Project.objects.filter(name="Min side").exists()
    assert Project.objects.filter(name="Min side for innbyggere").count() == 1
    assert not Risk.objects.filter(mitigation="").exists()
    # The role groups and the criteria come from the migrations and stay.
    assert set(Group.objects.values_list("pk", "name")) == groups
    assert "Demodata er lastet." in output


def test_reset_asks_first_and_changes_nothing_unless_the_answer_is_ja(monkeypatch):
    seed()
    Project.objects.filter(name="Min side for innbyggere").update(name="Min side")
    before = snapshot()
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "nei")

    output = seed("--reset")

    assert snapshot() == before
    assert "Skriv «ja» for å fortsette" in questions[0]
    assert "Avbrutt; ingenting er endret." in output

    monkeypatch.setattr("builtins.input", lambda question: "ja")
    seed("--reset")

    assert Project.objects.filter(name="Min side for innbyggere").exists()


def test_projects_under_way_report_status_with_a_comment_on_every_yellow_or_red_dimension():
    seed()

    reports = list(StatusReport.objects.select_related("project", "submitted_by"))
    under_way = Project.objects.filter(phase__in=UNDER_WAY)
    assert {report.project for report in reports} == set(under_way)
    for report in reports:
        where = f"{report.project.name} {report.period_key} v{report.version}"
        assert report.period_key in ("2025-T3", "2026-T1", "2026-T2"), where
        assert report.period.end >= report.project.start_date, where
        for label, rating, comment in report.ratings():
            if rating in (Rating.YELLOW, Rating.RED):
                assert comment.strip(), f"{where}: {label}"
        assert report.achieved.strip() and report.next_steps.strip(), where
        assert report.submitted_by == report.project.leader, where
        # Dated back to just after the period, not to the moment the seeder ran.
        submitted = report.submitted_at.date()
        assert report.period.end < submitted <= report.period.end + timedelta(days=21), where
    # A realistic mix: every dimension is yellow somewhere, most are red somewhere, overall has all three.
    for name in STATUS_DIMENSIONS:
        assert Rating.YELLOW in {getattr(report, name) for report in reports}, name
    for name in ("overall", "schedule", "cost", "gains"):
        assert Rating.RED in {getattr(report, name) for report in reports}, name
    assert {report.overall for report in reports} == set(Rating.values)
    assert any(report.decisions_needed for report in reports)
    correction = StatusReport.objects.get(version=2)
    original = StatusReport.objects.get(
        project=correction.project, period_key=correction.period_key, version=1
    )
    assert correction.submitted_at > original.submitted_at
    assert (correction.cost, correction.cost_comment) != (original.cost, original.cost_comment)


def report_states(projects) -> dict[str, str]:
    """The reporting state of each project on TODAY, as the project page works it out."""
    states = {}
    for project in projects:
        detail = selectors.project_detail(project_id=project.pk)
        state = selectors.report_state(project=detail, programme=detail.sub_programme.programme, today=TODAY)
        states[project.name] = state.state
    return states


def test_a_few_projects_are_overdue_with_2_tertial_2026_including_exactly_one_of_prosjektleders():
    seed()

    states = report_states(Project.objects.filter(phase__in=UNDER_WAY))
    overdue = [name for name, state in states.items() if state == "overdue"]
    assert sorted(overdue) == [
        "Elektroniske medisindispensere i hjemmetjenesten",
        "Selvbetjening i byggesak",
        "Sentral driftskontroll for kommunale bygg",
    ]
    assert len(states) == 13
    # The rest have reported for 2. tertial and wait for the 3. tertial report, due in January.
    assert {state for name, state in states.items() if name not in overdue} == {"upcoming"}
    leaders_states = report_states(
        Project.objects.filter(phase__in=UNDER_WAY, leader__username="prosjektleder")
    )
    assert leaders_states == {
        "Digital innbyggerdialog med chatbot": "upcoming",
        "Digitalt tilsyn på natt": "upcoming",
        "Elektroniske medisindispensere i hjemmetjenesten": "overdue",
        "Heltidskultur i helse og velferd": "upcoming",
    }


def test_projects_under_way_have_milestones_done_late_and_upcoming():
    seed()

    for project in Project.objects.filter(phase__in=UNDER_WAY):
        assert 2 <= project.milestones.count() <= 5, project.name
    assert not Milestone.objects.exclude(project__phase__in=UNDER_WAY).exists()
    milestones = list(Milestone.objects.all())
    assert all(2025 <= m.planned_date.year <= 2027 for m in milestones)
    assert all(m.done_date is None or m.done_date <= TODAY for m in milestones)
    done = [m for m in milestones if m.done_date]
    assert any(not m.is_late(TODAY) for m in done)
    assert any(m.is_late(TODAY) for m in done)
    late = [m for m in milestones if not m.done_date and m.is_late(TODAY)]
    assert late and all(m.forecast_date and m.forecast_date > m.planned_date for m in late)
    assert any(not m.done_date and m.planned_date > TODAY for m in milestones)


def test_projects_under_way_have_risks_at_every_level_owned_by_their_leader_or_owner():
    seed()

    for project in Project.objects.filter(phase__in=UNDER_WAY):
        risks = list(project.risks.all())
        assert 1 <= len(risks) <= 4, project.name
        assert all(risk.owner_id in (project.leader_id, project.owner_id) for risk in risks), project.name
        assert all(risk.mitigation for risk in risks), project.name
    risks = list(Risk.objects.all())
    assert {risk.level for risk in risks} == {"low", "medium", "high"}
    assert {risk.status for risk in risks} >= {RiskStatus.OPEN, RiskStatus.MITIGATED, RiskStatus.CLOSED}
    open_risks = [risk for risk in risks if risk.status != RiskStatus.CLOSED]
    assert {risk.level for risk in open_risks} == {"low", "medium", "high"}


def test_the_change_log_shows_the_project_leader_creating_reports_milestones_and_risks():
    seed()

    for model in (StatusReport, Milestone, Risk):
        created = model.history.filter(history_type="+").select_related("history_user")
        assert created.exists()
        for record in created:
            project = Project.objects.get(pk=record.project_id)
            assert record.history_user_id == project.leader_id, f"{model.__name__} {record.id}"
    # A report's history is dated when it was submitted, not when the seeder ran.
    for report in StatusReport.objects.all():
        record = report.history.get(history_type="+")
        assert record.history_date == report.submitted_at == record.submitted_at
    project = Project.objects.get(name="Heltidskultur i helse og velferd")
    entries = project_history(project=project)
    assert any(entry.who == "Kari Solheim" for entry in entries)


def test_seed_demo_refuses_to_run_with_debug_off_without_force(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        seed()

    assert not Programme.objects.exists()
    assert not get_user_model().objects.exists()


def test_seed_demo_runs_with_debug_off_when_forced(settings):
    settings.DEBUG = False

    seed("--force")

    assert Programme.objects.filter(name="Utvikling og bærekraft").exists()
    assert Project.objects.count() == 24
