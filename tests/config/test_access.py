"""Who sees what: anonymous users only the login page, each role its own navigation."""

import pytest
from django.urls import reverse

from core import roles
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["home", "programmes:programme_list"])
def test_anonymous_user_is_sent_to_the_login_page(client, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_anonymous_user_is_sent_to_login_from_a_programme_page(client):
    programme = ProgrammeFactory()
    response = client.get(programme.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_norwegian_and_open_to_anonymous_users(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb"' in html
    assert "Logg inn" in html
    assert "Brukernavn" in html
    assert "Passord" in html


def test_wrong_password_gives_a_norwegian_message_and_keeps_the_username(client, role_user):
    role_user(roles.PROJECT_LEADER, username="kari")
    response = client.post(reverse("login"), {"username": "kari", "password": "feil"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Feil brukernavn eller passord" in html
    assert 'value="kari"' in html


@pytest.mark.parametrize(
    ("role", "sees_admin"),
    [
        (roles.ADMINISTRATOR, True),
        (roles.EXECUTIVE, False),
        (roles.PROGRAMME_LEADER, False),
        (roles.PROJECT_LEADER, False),
        (roles.POLITICIAN, False),
    ],
)
def test_each_role_sees_its_navigation(client, role_user, role, sees_admin):
    ProgrammeFactory()
    user = role_user(role, is_staff=sees_admin)
    client.force_login(user)
    html = client.get(reverse("programmes:programme_list"), follow=True).content.decode()
    nav = html[
        html.index('aria-label="Hovedmeny"') : html.index("</nav>", html.index('aria-label="Hovedmeny"'))
    ]
    assert "Program" in nav
    assert ("Administrasjon" in nav) is sees_admin
    assert role in html  # the signed-in user's role is shown in the header


def test_signing_out_needs_a_post_and_ends_the_session(client, role_user):
    client.force_login(role_user(roles.POLITICIAN))
    assert client.get(reverse("programmes:programme_list")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("programmes:programme_list"))["Location"].startswith(reverse("login"))
