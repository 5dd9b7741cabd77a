"""Signed-in pages and downloads are never kept by a browser or proxy cache (a shared PC in the town hall, a
caching proxy): every response to a signed-in user says `Cache-Control: no-store`."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core import roles
from tests.config.test_url_permissions import draft_report
from tests.factories import ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def executive_client(client, role_user):
    client.force_login(role_user(roles.EXECUTIVE, username="direktor"))
    return client


def test_a_signed_in_page_is_not_stored(executive_client):
    project = ProjectFactory()
    response = executive_client.get(reverse("programmes:project_detail", args=[project.pk]))
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_control(response)


def test_a_signed_in_excel_download_is_not_stored(executive_client):
    ProjectFactory()
    response = executive_client.get(reverse("programmes:project_export"))
    assert response.status_code == 200
    assert "no-store" in cache_control(response)


def test_a_report_download_is_not_stored(executive_client, role_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = draft_report(programme=ProgrammeFactory(), ordered_by=role_user(roles.EXECUTIVE, username="eva"))
    report.file.save("statusrapport.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
    for url in (
        reverse("reports:download", args=[report.pk]),
        f"{reverse('reports:download', args=[report.pk])}?download=1",
    ):
        response = executive_client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in cache_control(response)


def test_an_error_page_for_a_signed_in_user_is_not_stored(executive_client):
    response = executive_client.get(reverse("programmes:project_detail", args=[999_999]))
    assert response.status_code == 404
    assert "no-store" in cache_control(response)


def test_static_files_stay_cacheable(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)


@pytest.mark.parametrize("htmx", [False, True])
def test_every_response_varies_on_hx_request(client, executive, htmx):
    """One URL serves a page and its fragment, so no cache may confuse the two (core.middleware)."""
    client.force_login(executive)
    headers = {"HX-Request": "true"} if htmx else {}
    for url in ("/", "/prosjekter/", "/logg-inn/"):
        response = client.get(url, headers=headers)
        assert "HX-Request" in response.get("Vary", ""), (url, response.get("Vary"))
