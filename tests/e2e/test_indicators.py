"""A project leader follows a non-financial gain as an indicator: adds measurements on the gains page (a
refused duplicate date included), links a scorecard indicator whose results then count, and sees how far
the gain has come from baseline to target."""

import datetime
import re
from decimal import Decimal

from playwright.sync_api import expect

from benefits.models import BenefitMeasurement, EconomicPlan
from core import roles
from tests.factories import BenefitFactory, ProgrammeFactory, ProjectFactory, SubProgrammeFactory
from tests.scorecards.factories import IndicatorFactory, ScorecardFactory, indicator_value


def test_project_leader_records_measurements_and_links_a_scorecard_indicator(
    page, login, role_user, assert_accessible, screenshot
):
    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Solheim")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    project = ProjectFactory(sub_programme=sub, name="Digitalt tilsyn på natt", leader=leader, owner=leader)
    gain = BenefitFactory(
        project=project,
        title="Kortere ventetid på sykehjemsplass",
        kind="time_saved",
        unit_of_measure="dager",
        baseline_value=Decimal(40),
        baseline_date=datetime.date(2024, 1, 1),
        target_value=Decimal(20),
        target_date=datetime.date(2028, 12, 31),
    )
    BenefitMeasurement.objects.create(
        benefit=gain, measured_on=datetime.date(2024, 6, 30), value=Decimal(38), recorded_by=leader
    )
    scorecard = ScorecardFactory(title="Helse og omsorg")
    for number in range(40):
        IndicatorFactory(scorecard=scorecard, name=f"Brukertilfredshet enhet {number}", unit="poeng")
    waiting = IndicatorFactory(
        scorecard=scorecard, name="Ventetid på sykehjemsplass", unit="dager", direction="lower"
    )
    indicator_value(waiting, 2024, "<30", "35")
    indicator_value(waiting, 2025, "<30", "Ikke målt")

    login(page, "prosjektleder")
    page.goto(f"/gevinster/prosjekt/{project.pk}/")
    card = page.locator(f"#indicator-{gain.pk}")
    expect(card.get_by_role("heading", level=3)).to_contain_text("Kortere ventetid på sykehjemsplass")
    expect(card).to_contain_text("10 % av veien fra utgangspunkt til mål")

    # A new measurement, saved over htmx: the card is redrawn with the new achievement.
    card.get_by_label("Målt").fill("2026-01-31")
    card.get_by_label("Verdi (dager)").fill("30")
    card.get_by_label("Kommentar").fill("Fra fagsystemet")
    card.get_by_role("button", name="Legg til målingen").click()
    expect(card.get_by_role("status")).to_have_text("Målingen 31.01.2026 er lagt til.")
    expect(card).to_contain_text("50 % av veien fra utgangspunkt til mål")

    # The same date again is refused in Norwegian, and what was typed is kept.
    page.expected_statuses.add(422)
    card.get_by_label("Målt").fill("2026-01-31")
    card.get_by_label("Verdi (dager)").fill("29")
    card.get_by_role("button", name="Legg til målingen").click()
    expect(card.locator(".ds-error-summary")).to_contain_text(
        "Gevinsten har allerede en måling 31.01.2026. Endre den i stedet."
    )
    expect(card.get_by_label("Verdi (dager)")).to_have_value("29")
    assert_accessible(page)
    screenshot(page, "indicators-project-error")

    # Link the scorecard indicator: the search narrows the list of indicators.
    card.get_by_role("link", name=re.compile("^Mål og indikator")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mål og indikator for Kortere ventetid på sykehjemsplass"
    )
    page.get_by_label("Søk etter en indikator i målekortene").fill("ventetid")
    expect(page.locator("#indicator-chooser")).to_contain_text("1 indikator passer med «ventetid».")
    page.get_by_label("Indikator i målekort", exact=True).select_option(
        label="Ventetid på sykehjemsplass (dager)"
    )
    assert_accessible(page)
    screenshot(page, "indicators-settings")
    page.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Mål og indikator for «Kortere ventetid på sykehjemsplass» er lagret."
    )

    # The scorecard's 2024 result counts (dated 31.12.2024); «Ikke målt» for 2025 is shown, not counted.
    card = page.locator(f"#indicator-{gain.pk}")
    rows = card.locator("tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(1)).to_contain_text("31.12.2024")
    expect(rows.nth(1)).to_contain_text("35")
    expect(rows.nth(2)).to_contain_text("Telles ikke: Ikke målt.")
    expect(card).to_contain_text("50 % av veien fra utgangspunkt til mål")
    expect(card.get_by_role("img")).to_have_attribute(
        "alt", re.compile("^Linjediagram for «Kortere ventetid")
    )
    assert_accessible(page)
    screenshot(page, "indicators-project")

    # The programme's gains overview shows how far the gain has come, from the same selector.
    page.goto(f"/gevinster/program/{programme.pk}/")
    section = page.locator("#non-financial")
    expect(section.get_by_role("heading", level=2)).to_have_text("Ikke-økonomiske gevinster: måloppnåelse")
    expect(section.locator("tbody tr")).to_contain_text("50 % av veien fra utgangspunkt til mål")
    assert_accessible(page)
    screenshot(page, "indicators-overview")


def test_the_measurement_pages_are_accessible_in_their_error_states(
    page, login, role_user, assert_accessible, screenshot
):
    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Solheim")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    project = ProjectFactory(
        sub_programme=SubProgrammeFactory(programme=programme), leader=leader, owner=leader
    )
    gain = BenefitFactory(
        project=project,
        title="Færre fall",
        kind="quality",
        unit_of_measure="fall per måned",
        baseline_value=Decimal(12),
        baseline_date=datetime.date(2025, 1, 1),
    )
    for day, value in ((1, 11), (2, 10)):
        BenefitMeasurement.objects.create(
            benefit=gain, measured_on=datetime.date(2026, 1, day), value=Decimal(value)
        )
    second = gain.measurements.last()
    login(page, "prosjektleder")

    # The measurements page of its own (where a refused measurement lands without JavaScript).
    page.goto(f"/gevinster/prosjekt/{project.pk}/gevinst/{gain.pk}/malinger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Målinger av Færre fall")
    expect(page.locator(f"#indicator-{gain.pk}")).to_contain_text("ukjent: ikke noe mål.")
    assert_accessible(page)

    # Changing a measurement to a date already taken.
    page.goto(f"/gevinster/prosjekt/{project.pk}/gevinst/{gain.pk}/malinger/{second.pk}/")
    page.get_by_label("Målt").fill("2026-01-01")
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("Gevinsten har allerede en måling 01.01.2026.")
    assert_accessible(page)
    screenshot(page, "indicators-edit-error")

    # Deleting asks first.
    page.goto(f"/gevinster/prosjekt/{project.pk}/gevinst/{gain.pk}/malinger/{second.pk}/slett/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Slett en måling")
    assert_accessible(page)

    # A target equal to the baseline, without a date.
    page.goto(f"/gevinster/prosjekt/{project.pk}/gevinst/{gain.pk}/mal-og-indikator/")
    page.get_by_label(re.compile(r"^Mål \(fall per måned\)")).fill("12")
    page.get_by_role("button", name="Lagre", exact=True).click()
    summary = page.locator(".ds-error-summary")
    expect(summary).to_contain_text("Målet er lik utgangsverdien")
    expect(summary).to_contain_text("Oppgi datoen målet skal være nådd innen.")
    assert_accessible(page)
    screenshot(page, "indicators-settings-error")
