"""The admin speaks Norwegian: every changelist, add and change page as the administrator, on the demo data.

The check is a list of English words and phrases that Django, django-axes and django-simple-history show
when a Norwegian translation is missing, plus the grammar slips their own Norwegian makes with our nouns.
"""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Access attempt",
    "access attempt",
    "Access failure",
    "access failure",
    "Access log",
    "access log",
    "Attempt Time",
    "Logout Time",
    "IP Address",
    "Username",
    "User Agent",
    "HTTP Accept",
    "Meta Data",
    "Form Data",
    "Locked Out",
    "Access lock out",
    "Path",
    "Expires At",
    "Failed Logins",
    "GET Data",
    "POST Data",
    "Password-based authentication",
    "Enabled",
    "Disabled",
    "Whether the user",
    "After you’ve created",
    "Reset password",
    "Raw passwords",
    "Show counts",
    "Hide counts",
    "Toggle theme",
    "Model name",
    "Add link",
    "Change or view list link",
    "Start typing",
    "Filter navigation",
    "Select all objects",
    "Select this object",
    "View selected",
    "Sidebar",
    "Skip to main",
    "Breadcrumbs",
    "historical",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "entry",
    "entries",
    "True",
    "False",
    "Search",
]
GRAMMAR = [
    "Legg til ny program",
    "Legg til ny delprogram",
    "Legg til ny prosjekt",
    "Legg til ny kommuneplanmål",
    "Legg til ny målekort",
    "Legg til ny sparemål",
    "Legg til ny Delprogram",
    "Legg til ny Indikator",
    "Slett valgte bruker",
    "Slett valgte program",
    "Slett valgte delprogram",
    "Lav bidrag",
]
WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ENGLISH + GRAMMAR) + r")\b")


class VisibleText(HTMLParser):
    """The text a user reads or hears: text outside scripts and styles, and the attributes read aloud."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        attributes = dict(attrs)
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])
        if attributes.get("data-inline-formset"):
            self.parts.append(attributes["data-inline-formset"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def english_on(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return {match.group(0) for part in parser.parts for match in WORDS.finditer(part)}


@pytest.fixture
def admin_client(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def admin_urls():
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield model, model_admin, info


def test_every_admin_page_is_norwegian(admin_client):
    pages = [reverse("admin:index")]
    for model, _model_admin, info in admin_urls():
        pages.append(reverse(f"{info}_changelist"))
        pages.append(reverse(f"{info}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{info}_change", args=[first.pk]))
    found = {}
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code in (200, 403), url
        if response.status_code == 200:
            english = english_on(response.content.decode())
            if english:
                found[url] = sorted(english)
    assert not found, found


def test_admin_lists_name_people_not_usernames(admin_client):
    for url, name, username in (
        (reverse("admin:programmes_project_changelist"), "Kari Solheim", "prosjektleder"),
        (reverse("admin:programmes_subprogramme_changelist"), "Lars Berntsen", "programleder"),
        (reverse("admin:portfolio_decision_changelist"), "Eva Sandvik", "direktor"),
        (reverse("admin:portfolio_assessment_changelist"), "Eva Sandvik", "direktor"),
    ):
        html = admin_client.get(url).content.decode()
        assert name in html, url
        assert f">{username}<" not in html, url


def test_admin_offers_no_delete_that_it_then_refuses(admin_client):
    refused = []
    for model, _model_admin, info in admin_urls():
        for obj in model._default_manager.order_by("pk")[:3]:
            change = admin_client.get(reverse(f"{info}_change", args=[obj.pk])).content.decode()
            delete_url = reverse(f"{info}_delete", args=[obj.pk])
            if f'href="{delete_url}"' in change:
                page = admin_client.get(delete_url).content.decode()
                if "Kan ikke slette" in page:
                    refused.append(delete_url)
            changelist = admin_client.get(reverse(f"{info}_changelist")).content.decode()
            if 'value="delete_selected"' in changelist:
                page = admin_client.post(
                    reverse(f"{info}_changelist"),
                    {"action": "delete_selected", "_selected_action": [obj.pk]},
                ).content.decode()
                if "Kan ikke slette" in page:
                    refused.append(f"{info} delete_selected {obj.pk}")
    assert not refused, refused
