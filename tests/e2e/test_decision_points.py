"""A demo project goes from konsept to gjennomføre through two decision points in the browser: the project
leader prepares, the kommunedirektør and then the project owner decide (one with a condition), the
decisions are recorded on the project page and in the change log, the register shows the project waiting,
and the project leader cannot move the phase without a decision. axe-core on every page, error states too."""

import importlib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from programmes.models import DecisionChecklistItem, DecisionOutcome, DecisionPoint, Phase, Project

PROJECT = "Min side for innbyggere"  # demo.story.programme: in the concept phase
LEADER = "camilla.olsen"
OWNER = "espen.dahl"  # the digitaliseringssjef owns it


@pytest.fixture
def checklists(transactional_db):
    """The seeded checklists: a browser test's database is emptied after each test, data migrations too."""
    migration = importlib.import_module("programmes.migrations.0010_decision_checklists")
    for from_phase, questions in migration.CHECKLISTS:
        for position, (text, guidance) in enumerate(questions, start=1):
            DecisionChecklistItem.objects.get_or_create(
                from_phase=from_phase, text=text, defaults={"guidance": guidance, "position": position}
            )


@pytest.fixture
def demo(settings, criteria, checklists):
    settings.DEBUG = True  # seed_demo refuses to run with DEBUG off
    call_command("seed_demo", stdout=StringIO())
    return Project.objects.get(name=PROJECT)


def field(scope, label: str):
    """The input labelled exactly `label`, with or without the "(må fylles ut)" marker."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(må fylles ut\))?$"))


def sign_in_as(page, login, username: str) -> None:
    if page.get_by_role("button", name="Logg ut").count():
        page.get_by_role("button", name="Logg ut").click()
    login(page, username)


def prepare(page, project, assert_accessible, screenshot=None) -> None:
    """The project leader opens the next decision point from the project page and sends the basis."""
    page.goto(project.get_absolute_url())
    section = page.locator("#decision")
    section.get_by_role("link", name="Forbered beslutningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forbered beslutningen")
    expect(field(page, "Behov")).not_to_be_empty()  # filled in from the project
    assert_accessible(page)
    if screenshot:
        screenshot(page, "decision-prepare")
        # A basis without the need is refused and shown again with the input.
        field(page, "Behov").fill("")
        field(page, "Mål").fill("Én innlogging for alt innbyggeren har med kommunen å gjøre.")
        page.get_by_role("button", name="Send til beslutning").click()
        expect(page.get_by_role("alert")).to_contain_text("Behov")
        expect(field(page, "Mål")).to_have_value(
            "Én innlogging for alt innbyggeren har med kommunen å gjøre."
        )
        assert_accessible(page)
        screenshot(page, "decision-prepare-error")
        field(page, "Behov").fill("Innbyggerne finner ikke status på sakene sine.")
    page.get_by_label("Ferdig (spørsmål 1)").check()
    page.get_by_label("Ferdig (spørsmål 2)").check()
    page.locator("#id_check_0_comment").fill("Tre alternativer og nullalternativet er vurdert.")
    page.get_by_role("button", name="Send til beslutning").click()
    expect(page.get_by_role("status").first).to_contain_text("Beslutningsgrunnlaget er sendt")


def decide(page, *, outcome: str, reason: str, conditions: str = "") -> None:
    section = page.locator("#decision")
    section.get_by_label(re.compile(rf"^{re.escape(outcome)}:")).check()
    if conditions:
        field(section, "Vilkår").fill(conditions)
    field(section, "Begrunnelse").fill(reason)
    section.get_by_role("button", name="Registrer beslutningen").click()


def test_demo_project_goes_from_concept_to_execution_through_two_decision_points(
    page, demo, login, assert_accessible, screenshot
):
    project = demo
    assert project.phase == Phase.CONCEPT
    page.expected_statuses.add(422)  # the refused forms

    # The project leader prepares the first decision point (concept → planning).
    sign_in_as(page, login, LEADER)
    prepare(page, project, assert_accessible, screenshot)
    section = page.locator("#decision")
    expect(section).to_contain_text("Venter på beslutning: Konsept → Planlegging.")
    expect(section).to_contain_text("Tre alternativer og nullalternativet er vurdert.")
    expect(section.get_by_role("button", name="Registrer beslutningen")).to_have_count(0)
    assert_accessible(page)

    # Nor can the project leader decide it by posting the decider's form: refused (403), nothing changes.
    point = DecisionPoint.objects.get(project=project)
    token = page.evaluate("JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRFToken']")
    refused = page.request.post(
        f"/prosjekter/{project.pk}/beslutningspunkt/{point.pk}/beslutt/",
        form={"decision-outcome": "go", "decision-reason": "Jeg bestemmer selv."},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert refused.status == 403
    point.refresh_from_db()
    assert point.pending

    # The project leader cannot move the phase without a decision: the form has no phase, and a phase
    # added to the form's POST by hand is not read.
    page.goto(f"/prosjekter/{project.pk}/endre/")
    expect(field(page, "Fase")).to_have_count(0)
    expect(page.locator("form.app-form")).to_contain_text("Fasen endres ved en beslutning")
    page.evaluate(
        "() => { const input = document.createElement('input'); input.type = 'hidden'; input.name = 'phase';"
        " input.value = 'execution'; document.querySelector('form.app-form').appendChild(input); }"
    )
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.get_by_role("status").first).to_contain_text("Endringene er lagret.")
    expect(page.locator(".app-facts")).to_contain_text("Konsept")
    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT

    # The register shows the project waiting for a decision.
    sign_in_as(page, login, "direktor")
    page.goto("/prosjekter/")
    page.get_by_label("Beslutningspunkt", exact=True).select_option(label="Venter på beslutning")
    row = page.locator("#results tbody tr", has_text=PROJECT)
    expect(row).to_contain_text("venter på beslutning")
    # The demo's other prepared decision point (demo.story.decisions) waits too.
    expect(page.locator("#results tbody tr")).to_have_count(2)
    expect(page.locator("#results tbody")).to_contain_text("Felles responssenter for trygghetsalarmer")
    assert_accessible(page)
    screenshot(page, "decision-register-waiting")

    # The decider's page of its own (what a browser without JavaScript gets back on an error) is accessible.
    page.goto(f"/prosjekter/{project.pk}/beslutningspunkt/{point.pk}/beslutt/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beslutningspunkt: Konsept → Planlegging")
    assert_accessible(page)

    # The kommunedirektør decides with a condition; a go with conditions without a reason is refused.
    page.goto(project.get_absolute_url() + "#decision")
    section = page.locator("#decision")
    assert_accessible(page)
    screenshot(page, "decision-pending")
    section.get_by_label(re.compile(r"^Videre med vilkår:")).check()
    section.get_by_role("button", name="Registrer beslutningen").click()
    summary = section.get_by_role("alert")
    expect(summary).to_contain_text("Skriv begrunnelsen for beslutningen.")
    expect(summary).to_contain_text("Skriv vilkårene for å gå videre.")
    assert_accessible(page)
    screenshot(page, "decision-refused")
    assert DecisionPoint.objects.get(project=project).pending
    decide(
        page,
        outcome="Videre med vilkår",
        conditions="Personvernkonsekvensene vurderes før anskaffelsen.",
        reason="Konseptet gir god nytte for innbyggerne til en kostnad innenfor rammen.",
    )
    expect(page.get_by_role("status").first).to_contain_text("videre med vilkår")
    expect(page.locator(".app-facts")).to_contain_text("Planlegging")
    made = page.locator("#decision details.app-phase-decision").first
    expect(made).to_contain_text("Konsept → Planlegging")
    expect(made).to_contain_text("Videre med vilkår")
    expect(made).to_contain_text("Personvernkonsekvensene vurderes før anskaffelsen.")
    expect(made).to_contain_text("Eva Sandvik")
    history = page.locator("#history")
    expect(history).to_contain_text("Beslutningspunkt «Konsept → Planlegging»")
    expect(history).to_contain_text("Personvernkonsekvensene vurderes før anskaffelsen.")
    expect(history).to_contain_text("Fase")
    assert_accessible(page)
    screenshot(page, "decision-recorded")

    # The second decision point (planning → execution): prepared by the leader, decided by the owner.
    sign_in_as(page, login, LEADER)
    prepare(page, project, assert_accessible)
    expect(page.locator("#decision")).to_contain_text("Venter på beslutning: Planlegging → Gjennomføring.")
    sign_in_as(page, login, OWNER)
    page.goto(project.get_absolute_url())
    decide(page, outcome="Videre", reason="Planen og gevinstrealiseringsplanen er godkjent.")
    expect(page.locator(".app-facts")).to_contain_text("Gjennomføring")
    decisions = page.locator("#decision details.app-phase-decision")
    expect(decisions).to_have_count(2)
    expect(decisions.first).to_contain_text("Planlegging → Gjennomføring")
    expect(page.locator("#history")).to_contain_text("Beslutningspunkt «Planlegging → Gjennomføring»")
    assert_accessible(page)

    project.refresh_from_db()
    assert project.phase == Phase.EXECUTION
    assert list(
        DecisionPoint.objects.filter(project=project).order_by("pk").values_list("outcome", "conditions")
    ) == [
        (DecisionOutcome.GO_WITH_CONDITIONS, "Personvernkonsekvensene vurderes før anskaffelsen."),
        (DecisionOutcome.GO, ""),
    ]
