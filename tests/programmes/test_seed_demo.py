"""The `seed_demo` command: what it loads, the demo logins, re-runs that change nothing, and the DEBUG guard."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from programmes import roles
from programmes.models import Phase, Programme, Project, SubProgramme

pytestmark = pytest.mark.django_db

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
    # Checking 21 passwords with the production hasher takes seconds; what is tested is which password works.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


def test_seed_demo_creates_at_least_twenty_complete_projects_in_every_sub_programme_and_phase():
    seed()

    projects = list(Project.objects.select_related("sub_programme", "owner", "leader"))
    assert len(projects) >= 20
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
    assert led_by_first.count() >= 3
    assert led_by_first.filter(sub_programme__name="Velferd og teknologi").exists()
    assert led_by_second.count() >= 2
    assert Project.objects.exclude(leader__username__in=["prosjektleder", "prosjektleder2"]).exists()


def test_second_run_creates_nothing_and_changes_nothing():
    seed()
    before = snapshot()

    output = seed()

    assert snapshot() == before
    assert "0 created, 0 updated" in output
    assert "nothing changed" in output


def test_rerun_puts_back_demo_values_that_were_changed():
    seed()
    project = Project.objects.get(name="Digitalt tilsyn på natt")
    project.phase = Phase.IDEA
    project.save()
    politician = get_user_model().objects.get(username="politiker")
    politician.set_password("something-else")
    politician.save()

    output = seed()

    project.refresh_from_db()
    politician.refresh_from_db()
    assert project.phase == Phase.REALISATION
    assert politician.check_password("demo")
    assert "users: 0 created, 1 updated" in output
    assert "projects: 0 created, 1 updated" in output


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
    assert Project.objects.count() >= 20
