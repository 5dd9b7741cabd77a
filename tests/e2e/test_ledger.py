"""The kommunedirektør goes from the front page to the gains ledger and back to the gain overview; the ledger
page passes axe-core with a full ledger, and with an empty one (no targets, no gains, no ranges)."""

from decimal import Decimal

from playwright.sync_api import expect

from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget
from core import roles
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory


def _world():
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4, horizon_years=6)
    for year in range(2026, 2032):
        SavingsTarget.objects.create(programme=programme, year=year, amount=10_000_000)
    welfare = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    school = SubProgrammeFactory(programme=programme, name="Oppvekstløftet")
    for number, (sub, unit, low, high) in enumerate(
        [(welfare, "Hjemmetjenesten", 70, 120), (welfare, "", None, None), (school, "Barnehagene", 50, 110)]
    ):
        project = ProjectFactory(sub_programme=sub, name=f"Prosjekt {number + 1}")
        benefit = Benefit.objects.create(
            project=project,
            title=f"Gevinst {number + 1}",
            kind="reduced_cost",
            unit=unit,
            range_low_percent=low,
            range_high_percent=high,
        )
        for offset in range(6):
            BenefitPlanYear.objects.create(
                benefit=benefit,
                year=2026 + offset,
                planned=Decimal(3_000_000 + 500_000 * offset),
                operating_cost=Decimal(200_000),
                withdrawal=Decimal(2_000_000) if offset < 3 else None,
            )
    ProjectFactory(sub_programme=school, name="Bare en idé", estimated_annual_gain=None)
    return programme


def test_executive_follows_the_front_page_to_the_ledger(
    page, login, role_user, assert_accessible, screenshot
):
    role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    _world()
    login(page, "direktor")
    card = page.locator("section", has=page.get_by_role("heading", name="Innsparing 2026–2031: hvor sikkert"))
    expect(card).to_contain_text("80 % sikker på minst")
    assert_accessible(page)
    screenshot(page, "front-savings")
    card.get_by_role("link", name="Gevinstrealiseringsplanen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gevinstrealiseringsplan for Utvikling og bærekraft"
    )
    expect(page.get_by_role("table", name="Gevinstrealiseringsplanen per år (kr)")).to_contain_text("2031")
    expect(page.get_by_text("1 gevinst har ikke kjent spenn")).to_be_visible()
    expect(page.get_by_role("link", name="Bare en idé")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "ledger")
    page.get_by_role("link", name="Gevinster", exact=True).last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gevinster i Utvikling og bærekraft")
    page.get_by_role("link", name="Gevinstrealiseringsplan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gevinstrealiseringsplan")


def test_an_empty_ledger_is_accessible_too(page, login, role_user, assert_accessible, screenshot):
    role_user(roles.POLITICIAN, username="politiker")
    programme = ProgrammeFactory(name="Tomt program")
    login(page, "politiker")
    page.goto(f"/gevinster/program/{programme.pk}/gevinstplan/")
    expect(page.get_by_text("Ingen økonomisk gevinst er planlagt i disse årene ennå.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "ledger-empty")
