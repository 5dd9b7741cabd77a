"""The «Hjelp» pages: one per role, reached from the main menu, in Norwegian, with the role's own part."""

import pytest
from django.urls import reverse

from core import roles

pytestmark = pytest.mark.django_db

# Each role's page, and a sentence only that role's page says.
ROLE_PAGES = [
    (roles.PROJECT_LEADER, "help_project_leader", "Hjelp for prosjektledere", "velger «Skriv statusrapport»"),
    (roles.PROGRAMME_LEADER, "help_programme_leader", "Hjelp for programledere", "i delprogrammene du leder"),
    (roles.EXECUTIVE, "help_executive", "Hjelp for kommunedirektøren", "Du leser alt og eier porteføljen."),
    (roles.POLITICIAN, "help_politician", "Hjelp for folkevalgte", "Du endrer ingenting."),
    (roles.ADMINISTRATOR, "help_administrator", "Hjelp for administratorer", "Du kan gjøre alt"),
]
SHARED = ("Slik går tertialsyklusen", "Hva statusene betyr", "Slik telles gevinster")


@pytest.mark.parametrize(("role", "url_name", "title", "own_text"), ROLE_PAGES)
def test_each_role_is_sent_from_help_to_its_own_page(client, role_user, role, url_name, title, own_text):
    client.force_login(role_user(role))
    response = client.get(reverse("help"), follow=True)
    assert response.redirect_chain == [(reverse(url_name), 302)]
    html = response.content.decode()
    assert f'<h1 class="ds-heading" data-size="lg">{title}</h1>' in html
    assert own_text in html
    for heading in SHARED:
        assert heading in html
    # The other roles' own parts are not on this page, only links to them.
    for other_role, other_url, _title, other_text in ROLE_PAGES:
        if other_role != role:
            assert other_text not in html
            assert f'href="{reverse(other_url)}"' in html


def test_help_pages_describe_the_real_rules(client, role_user):
    client.force_login(role_user(roles.PROJECT_LEADER))
    html = client.get(reverse("help_project_leader")).content.decode()
    assert "januar–april, mai–august og september–desember" in html
    assert "(14 som standard)" in html  # Programme.report_due_days' default
    assert "«Mangler»" in html and "«Forsinket»" in html
    assert "Et tomt realisert tall betyr at det ikke er kjent ennå, som ikke er 0 kr." in html
    # Statuses as word and icon, as everywhere.
    assert 'class="app-rating app-rating--red"' in html and ">Rød</span>" in html


def test_help_is_in_every_roles_main_menu(client, role_user):
    for role in roles.ALL_ROLES:
        client.force_login(role_user(role, username=f"u-{role}"))
        html = client.get(reverse("help_politician")).content.decode()
        assert f'<a class="ds-link" href="{reverse("help")}" aria-current="page">Hjelp</a>' in html


def test_a_user_without_a_role_chooses_the_help_page(client, role_user):
    client.force_login(role_user(None))
    response = client.get(reverse("help"))
    assert response.status_code == 200
    assert "Velg hjelpen for din rolle." in response.content.decode()
