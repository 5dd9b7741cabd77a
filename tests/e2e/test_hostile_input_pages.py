"""What a user sees when a form value makes no sense: a Norwegian message where they are looking, their input
kept, and a page that passes axe-core; a tampered hidden field gets a Norwegian page, not an empty one."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core import roles
from portfolio.models import Capacity
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

pytestmark = pytest.mark.e2e

SHOTS = Path("/tmp/web-shots")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for label, width in (("1280", 1280), ("390", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def programme(role_user):
    role_user(roles.EXECUTIVE, username="direktor")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    ProjectFactory(sub_programme=SubProgrammeFactory(programme=programme), name="Digital innbyggerdialog")
    return programme


def test_a_capacity_beyond_any_budget_is_refused_in_norwegian_with_the_input_kept(
    page, login, assert_accessible, programme
):
    login(page, "direktor")
    page.goto(f"/portefolje/kapasitet/?programme={programme.pk}")
    page.get_by_label(re.compile("^År( |$)")).fill("2027")
    page.get_by_label(re.compile("^Årsverk")).fill("2,5")
    page.get_by_label(re.compile("^Kroner")).fill("9" * 25)
    page.expected_statuses.add(400)
    page.get_by_role("button", name="Lagre kapasitet").click()

    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Skriv et beløp på høyst 999\u00a0999\u00a0999\u00a0999 kr.")
    expect(page.get_by_label(re.compile("^Kroner"))).to_have_value("9" * 25)
    assert not Capacity.objects.exists()
    assert_accessible(page)
    shoot(page, "capacity-too-large")


def test_a_tampered_hidden_field_gets_a_norwegian_page(page, login, assert_accessible, programme):
    login(page, "direktor")
    page.goto(f"/portefolje/ranger-etter-prioritet/?programme={programme.pk}")
    page.locator("input[name=version]").evaluate("input => { input.value = 'abc'; }")
    page.expected_statuses.add(400)
    page.get_by_role("button", name="Ranger etter prioritetspoeng").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Forespørselen kunne ikke forstås")
    assert_accessible(page)
    shoot(page, "bad-request")
