"""The sign-in as configured: the group → role mapping an operator writes, the roles sign-in gives and takes
away (and logs), the password sign-in kept for the administrator or switched off, and the login page."""

import pytest
from django.contrib.auth.models import Group
from django.core.checks import run_checks

from accounts import oidc
from accounts.models import RoleChange
from accounts.services import user_roles_sync
from core import roles

BUTTON = "Logg inn med kommunens konto"


@pytest.mark.parametrize(
    "text",
    [
        '{"g-1": "Politiker", "g-2": "prosjektleder", "g-3": "administrator"}',
        "g-1=Politiker, g-2=project_leader,g-3=Administrator,",
    ],
    ids=["json", "pairs"],
)
def test_role_groups_are_read_as_json_or_pairs_with_role_names_or_keys(text):
    assert oidc.parse_role_groups(text) == {
        "g-1": roles.POLITICIAN,
        "g-2": roles.PROJECT_LEADER,
        "g-3": roles.ADMINISTRATOR,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("g-1=Ordfører", "unknown role 'Ordfører'"),
        ("g-1", "is not <group id>=<role>"),
        ("{nope", "not valid JSON"),
    ],
)
def test_a_wrong_role_mapping_is_refused_by_the_checks(settings, text, message):
    settings.OIDC_ROLE_GROUPS = text
    errors = [problem for problem in run_checks() if problem.id == "accounts.E001"]
    assert len(errors) == 1 and message in errors[0].msg


def test_local_login_none_without_openid_connect_is_refused_by_the_checks(settings):
    settings.LOCAL_LOGIN = "none"
    settings.OIDC_ENABLED = False
    assert "accounts.E004" in {problem.id for problem in run_checks()}


def test_role_sync_gives_and_takes_only_managed_roles_and_logs_each_change(role_user):
    user = role_user(roles.PROJECT_LEADER, username="kari")
    user.groups.add(
        Group.objects.get_or_create(name=roles.PROGRAMME_LEADER)[0]
    )  # set in the admin, unmanaged

    changes = user_roles_sync(
        user=user,
        wanted={roles.POLITICIAN, roles.PROGRAMME_LEADER},
        managed={roles.POLITICIAN, roles.PROJECT_LEADER, roles.ADMINISTRATOR},
        groups=["g-pol"],
    )

    assert roles.role_names(user) == {roles.POLITICIAN, roles.PROGRAMME_LEADER}
    assert [(c.role, c.action) for c in changes] == [
        (roles.POLITICIAN, "added"),
        (roles.PROJECT_LEADER, "removed"),
    ]
    assert RoleChange.objects.filter(user=user, groups=["g-pol"]).count() == 2
    assert not user.is_staff


def test_the_administrator_role_opens_the_admin_and_losing_it_closes_it(role_user):
    user = role_user(None, username="ingrid")
    managed = {roles.ADMINISTRATOR}
    user_roles_sync(user=user, wanted={roles.ADMINISTRATOR}, managed=managed)
    user.refresh_from_db()
    assert user.is_staff and user.is_superuser

    user_roles_sync(user=user, wanted=set(), managed=managed)
    user.refresh_from_db()
    assert not (user.is_staff or user.is_superuser)
    assert roles.role_names(user) == set()


def sign_in_with_password(client, username):
    return client.post("/logg-inn/", {"username": username, "password": "demo"})


@pytest.mark.parametrize(
    ("policy", "admin_may", "others_may"),
    [("all", True, True), ("admin", True, False), ("none", False, False)],
)
def test_password_sign_in_follows_local_login(client, settings, role_user, policy, admin_may, others_may):
    settings.LOCAL_LOGIN = policy
    settings.AXES_ENABLED = False
    role_user(roles.ADMINISTRATOR, username="ingrid")
    role_user(roles.PROJECT_LEADER, username="kari")

    for username, may in (("ingrid", admin_may), ("kari", others_may)):
        sign_in_with_password(client, username)
        assert ("_auth_user_id" in client.session) == may, username
        client.logout()


def test_login_page_without_openid_connect_has_no_button(client):
    page = client.get("/logg-inn/").content.decode()
    assert BUTTON not in page
    assert 'name="password"' in page


def test_login_page_with_openid_connect_and_no_passwords_has_only_the_button(client, settings):
    settings.OIDC_ENABLED = True
    settings.LOCAL_LOGIN = "none"
    page = client.get("/logg-inn/?next=/mal/").content.decode()
    assert BUTTON in page and 'href="/oidc/authenticate/?next=/mal/"' in page
    assert 'name="password"' not in page


def test_login_page_says_passwords_are_for_the_administrator(client, settings):
    settings.OIDC_ENABLED = True
    settings.LOCAL_LOGIN = "admin"
    page = client.get("/logg-inn/").content.decode()
    assert BUTTON in page and "Bare for administratoren." in page and 'name="password"' in page


def test_openid_connect_pages_are_not_found_when_it_is_not_configured(client):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404


def test_signing_out_of_a_password_session_ends_at_the_login_page(client, role_user):
    client.force_login(role_user(roles.PROJECT_LEADER, username="kari"))
    response = client.post("/logg-ut/")
    assert response.status_code == 302 and response["Location"] == "/logg-inn/"
    assert "_auth_user_id" not in client.session


def test_the_admin_lists_role_changes_by_name_and_lets_nobody_change_them(client, role_user):
    kari = role_user(None, username="kari", first_name="Kari", last_name="Nordmann")
    user_roles_sync(user=kari, wanted={roles.POLITICIAN}, managed={roles.POLITICIAN}, groups=["g-pol"])
    admin = role_user(roles.ADMINISTRATOR, username="ingrid", is_staff=True, is_superuser=True)
    client.force_login(admin)

    page = client.get("/admin/accounts/rolechange/").content.decode()

    assert "Kari Nordmann" in page and "Politiker" in page and "Gitt" in page
    change = RoleChange.objects.get()
    assert client.post(f"/admin/accounts/rolechange/{change.pk}/delete/", {"post": "yes"}).status_code == 403
    assert RoleChange.objects.filter(pk=change.pk).exists()
