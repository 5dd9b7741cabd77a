"""Repeated failed logins are throttled (django-axes) and the user is told so in Norwegian."""

import pytest
from django.conf import settings
from django.urls import reverse

from programmes import roles

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
