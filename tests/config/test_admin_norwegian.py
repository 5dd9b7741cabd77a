"""The admin speaks Norwegian: every changelist, add, change and delete page as the administrator, on the demo
data. The check is the shared list of English words and grammar slips in tests/config/english.py."""

import json
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from core.people import person_name

from .english import english_in

pytestmark = pytest.mark.django_db


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
            # The inline's «Legg til en rad …» and «Fjern» buttons, made by JavaScript from this JSON.
            options = json.loads(attributes["data-inline-formset"])["options"]
            self.parts += [options[key] for key in ("addText", "deleteText") if options.get(key)]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def english_on(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return {word for part in parser.parts for word in english_in(part)}


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
            pages.append(reverse(f"{info}_history", args=[first.pk]))
    found = {}
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code in (200, 403), url
        if response.status_code == 200:
            english = english_on(response.content.decode())
            if english:
                found[url] = sorted(english)
    assert not found, found


def test_every_admin_delete_confirmation_is_norwegian(admin_client):
    found, confirmations = {}, 0
    for model, _model_admin, info in admin_urls():
        first = model._default_manager.order_by("pk").first()
        if first is None:
            continue
        response = admin_client.get(reverse(f"{info}_delete", args=[first.pk]))
        assert response.status_code in (200, 403), info
        pages = [(f"{info}_delete", response)]
        changelist = admin_client.get(reverse(f"{info}_changelist")).content.decode()
        if 'value="delete_selected"' in changelist:
            response = admin_client.post(
                reverse(f"{info}_changelist"), {"action": "delete_selected", "_selected_action": [first.pk]}
            )
            pages.append((f"{info} delete_selected", response))
        for name, response in pages:
            if response.status_code != 200:
                continue
            html = response.content.decode()
            assert 'name="post"' in html or "Kan ikke slette" in html, name  # a confirmation, not the list
            confirmations += 1
            english = english_on(html)
            if english:
                found[name] = sorted(english)
    assert confirmations > 10
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


def test_admin_widgets_name_people_not_usernames(admin_client):
    """Selects, autocompletes (their first option and their search results), raw-id labels and read-only
    fields name the person, as the lists do; only the users' own admin shows usernames."""
    users = {
        user.username: person_name(user) for user in get_user_model().objects.all() if user.get_full_name()
    }
    shown = {}
    for model, _model_admin, info in admin_urls():
        if model is get_user_model() or model._meta.app_label == "axes":
            continue  # the users' own admin, and the sign-in log of the username as typed
        pages = [reverse(f"{info}_add")]
        for obj in model._default_manager.order_by("pk")[:3]:
            pages += [reverse(f"{info}_change", args=[obj.pk]), reverse(f"{info}_history", args=[obj.pk])]
        for url in pages:
            response = admin_client.get(url)
            if response.status_code == 200:
                html = response.content.decode()
                usernames = sorted(username for username in users if f">{username}<" in html)
                if usernames:
                    shown[url] = usernames
    assert not shown, "\n".join(f"{url}: {names}" for url, names in shown.items())


def test_admin_autocomplete_finds_people_by_name_and_shows_their_names(admin_client):
    searched = 0
    for model, model_admin, _info in admin_urls():
        admins = [model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)]
        for each in admins:
            for field_name in each.autocomplete_fields:
                if each.model._meta.get_field(field_name).related_model is not get_user_model():
                    continue
                response = admin_client.get(
                    reverse("admin:autocomplete"),
                    {
                        "app_label": each.model._meta.app_label,
                        "model_name": each.model._meta.model_name,
                        "field_name": field_name,
                        "term": "Solheim",
                    },
                )
                assert response.status_code == 200, (each, field_name)
                texts = [result["text"] for result in response.json()["results"]]
                assert texts == ["Kari Solheim"], (each, field_name, texts)
                searched += 1
    assert searched >= 4
