"""Repeated failed logins are throttled (django-axes) and the user is told so in Norwegian."""

import pytest
from django.conf import settings
from django.urls import reverse

from core import roles

pytestmark = pytest.mark.django_db


def test_after_too_many_failures_even_the_right_password_is_refused_with_a_norwegian_message(
    client, role_user
):
    role_user(roles.PROJECT_LEADER, username="kari")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "kari", "password": "feil"})

    response = client.post(reverse("login"), {"username": "kari", "password": "demo"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "For mange mislykkede innloggingsforsøk" in html
    assert "15 minutter" in html
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_block_the_right_password(client, role_user):
    role_user(roles.PROJECT_LEADER, username="kari")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "kari", "password": "feil"})
    response = client.post(reverse("login"), {"username": "kari", "password": "demo"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def fail_with_many_usernames(client, count: int, *, address: str = "10.0.0.7") -> None:
    """`count` failed logins from one address, each with another username (password spraying)."""
    for number in range(count):
        client.post(
            reverse("login"), {"username": f"ansatt{number}", "password": "Sommer2026"}, REMOTE_ADDR=address
        )


ADDRESS_LIMIT = 12  # above AXES_FAILURE_LIMIT, as in production (fewer attempts than there, for speed)


@pytest.fixture(autouse=True)
def address_limit(settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = ADDRESS_LIMIT


def test_failures_over_many_usernames_from_one_address_block_that_address(client, role_user):
    role_user(roles.PROJECT_LEADER, username="kari")
    fail_with_many_usernames(client, ADDRESS_LIMIT)

    response = client.post(reverse("login"), {"username": "kari", "password": "demo"}, REMOTE_ADDR="10.0.0.7")

    assert response.status_code == 429
    assert "For mange mislykkede innloggingsforsøk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_address_below_its_limit_and_other_addresses_can_still_sign_in(client, role_user):
    role_user(roles.PROJECT_LEADER, username="kari")
    fail_with_many_usernames(client, ADDRESS_LIMIT - 1)
    response = client.post(reverse("login"), {"username": "kari", "password": "demo"}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302

    client.logout()
    fail_with_many_usernames(client, ADDRESS_LIMIT, address="10.0.0.8")
    response = client.post(reverse("login"), {"username": "kari", "password": "demo"}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302
