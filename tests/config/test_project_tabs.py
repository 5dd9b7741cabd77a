"""A project's tabs: every project page shows the same four, in one order, the page's own marked current."""

import re

import pytest
from django.urls import reverse

from config import navigation
from core import roles
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

TABS = [
    ("Oversikt", "programmes:project_detail"),
    ("Mål", "scorecards:project_goals"),
    ("Gevinster", "benefits:project_benefits"),
    ("Prioritering", "portfolio:project"),
]


@pytest.mark.parametrize(("current", "url_name"), TABS)
def test_each_project_page_shows_every_tab_and_marks_its_own(client, role_user, current, url_name):
    project = ProjectFactory()
    client.force_login(role_user(roles.ADMINISTRATOR))
    html = client.get(reverse(url_name, args=[project.pk])).content.decode()
    nav = re.search(r'<nav class="app-tabs" aria-label="Prosjektets sider">(.*?)</nav>', html, re.S)[1]
    links = re.findall(r'<a class="app-tab" href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)
    assert [(href, label) for href, _current, label in links] == [
        (reverse(name, args=[project.pk]), label) for label, name in TABS
    ]
    assert [label for _href, marked, label in links if marked] == [current]


def test_an_unknown_tab_is_a_programming_error():
    with pytest.raises(ValueError, match="'gains'"):
        navigation.project_tabs(project_id=1, active="gains")
