"""Signing in with the municipality's account through a real OpenID Connect provider (tests/oidc_provider.py):
each role from its group, back to the page asked for, sign-out at the provider too, and a group taken away
in the provider taking the role away at the next sign-in."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.models import RoleChange
from core import roles
from tests.oidc_provider import GROUP_IDS, PASSWORD

User = get_user_model()

BUTTON = "Logg inn med kommunens konto"
ROLE_OF = {
    "ingrid": roles.ADMINISTRATOR,
    "eva": roles.EXECUTIVE,
    "per": roles.PROGRAMME_LEADER,
    "kari": roles.PROJECT_LEADER,
    "ola": roles.POLITICIAN,
}


def sign_in(page, provider, login: str) -> None:
    """From the app's login page, through the provider's login page and back."""
    page.get_by_role("link", name=BUTTON).click()
    page.wait_for_url(f"{provider.issuer}/**")
    page.get_by_label("Username").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: not url.startswith(provider.issuer) and "/oidc/" not in url)


def sign_out(page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(re.compile(r"/logg-inn/$"))


@pytest.mark.parametrize(("login", "role"), ROLE_OF.items())
def test_each_role_signs_in_with_its_group_and_comes_back_to_the_page_asked_for(
    page, live_server, oidc_settings, oidc_provider, login, role
):
    page.goto("/mal/")
    page.wait_for_url(re.compile(r"/logg-inn/\?next="))

    sign_in(page, oidc_provider, login)

    assert page.url == f"{live_server.url}/mal/"
    expect(page.locator(".app-user__roles")).to_have_text(f"({role})")
    user = User.objects.get(username=login)
    assert roles.role_names(user) == {role}
    assert user.email == f"{login}@kommune.example"
    assert list(RoleChange.objects.filter(user=user).values_list("role", "action")) == [(role, "added")]


def test_sign_out_ends_the_session_here_and_at_the_provider(page, oidc_settings, oidc_provider):
    page.goto("/logg-inn/")
    sign_in(page, oidc_provider, "eva")
    expect(page.locator(".app-user__roles")).to_have_text(f"({roles.EXECUTIVE})")

    sign_out(page)

    page.goto("/mal/")
    page.wait_for_url(re.compile(r"/logg-inn/\?next="))
    # Had the provider kept its session, the button would come straight back signed in.
    page.get_by_role("link", name=BUTTON).click()
    expect(page.get_by_label("Username")).to_be_visible()


def test_a_group_taken_away_in_the_provider_takes_the_role_away_at_the_next_sign_in(
    page, oidc_settings, oidc_provider
):
    page.goto("/logg-inn/")
    sign_in(page, oidc_provider, "kari")
    expect(page.locator(".app-user__roles")).to_have_text(f"({roles.PROJECT_LEADER})")
    sign_out(page)
    groups = oidc_provider.accounts()["kari"]["groups"]
    oidc_provider.set_groups("kari", [GROUP_IDS[roles.POLITICIAN]])
    try:
        sign_in(page, oidc_provider, "kari")
    finally:
        oidc_provider.set_groups("kari", groups)

    expect(page.locator(".app-user__roles")).to_have_text(f"({roles.POLITICIAN})")
    user = User.objects.get(username="kari")
    assert roles.role_names(user) == {roles.POLITICIAN}
    changes = RoleChange.objects.filter(user=user).order_by("id").values_list("role", "action", "groups")
    assert list(changes) == [
        (roles.PROJECT_LEADER, "added", [GROUP_IDS[roles.PROJECT_LEADER]]),
        (roles.POLITICIAN, "added", [GROUP_IDS[roles.POLITICIAN]]),
        (roles.PROJECT_LEADER, "removed", [GROUP_IDS[roles.POLITICIAN]]),
    ]


def test_login_page_with_the_button_is_accessible(page, oidc_settings, assert_accessible, screenshot):
    page.goto("/logg-inn/")
    expect(page.get_by_role("link", name=BUTTON)).to_be_visible()
    expect(page.get_by_label("Brukernavn")).to_be_visible()

    assert_accessible(page)
    screenshot(page, "login-with-municipal-account")
