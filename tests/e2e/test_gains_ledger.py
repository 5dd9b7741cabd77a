"""The gains ledger in the browser: the project leader keeps the plan (range, operating cost, withdrawal)
of a project in realisation and sees the withdrawal warning; the gain owner reports the realised figure,
and the warning goes; the horizon is set on the period page. Every page, error states included, passes
axe-core and is photographed at 1280 and 390 px."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from benefits.models import BenefitPlanYear, EconomicPlan
from core import roles
from programmes.models import Phase
from tests.factories import (
    BenefitFactory,
    BenefitPlanYearFactory,
    ProgrammeFactory,
    ProjectFactory,
    SubProgrammeFactory,
)


def sign_out(page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(re.compile(r"/logg-inn/"))


def test_the_plan_is_the_projects_and_the_realisation_the_gain_owners(
    page, login, role_user, assert_accessible, screenshot
):
    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Solheim")
    owner = role_user(roles.PROJECT_LEADER, username="morten", first_name="Morten", last_name="Strand")
    role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4, horizon_years=6)
    sub = SubProgrammeFactory(programme=programme, name="Smarte areal og bygg")
    project = ProjectFactory(
        sub_programme=sub,
        name="Energisparing i formålsbygg",
        leader=leader,
        owner=leader,
        phase=Phase.REALISATION,
    )
    benefit = BenefitFactory(
        project=project,
        title="Lavere energikostnader",
        owner=owner,
        range_low_percent=75,
        range_high_percent=120,
    )
    for year, planned in zip(
        range(2026, 2032), [4_500_000, 4_500_000, 4_800_000, 4_800_000, 4_800_000, 4_800_000], strict=True
    ):
        BenefitPlanYearFactory(
            benefit=benefit,
            year=year,
            planned=Decimal(planned),
            operating_cost=Decimal(150_000),
            withdrawal=Decimal(4_000_000) if year == 2026 else None,
        )

    # The project leader: the plan is theirs, the realised figures are read only, and the page says who
    # reports them; a withdrawal beyond what is realised is a warning by the figure.
    login(page, "prosjektleder")
    page.goto(f"/gevinster/prosjekt/{project.pk}/")
    expect(page.locator("#realisation-notice")).to_contain_text(
        "hver gevinsteier rapporterer nå realiserte tall"
    )
    expect(page.get_by_text("Realisering rapporteres av Morten Strand (gevinsteier)")).to_be_visible()
    expect(page.get_by_label("Lavere energikostnader: realisert 2026")).to_have_count(0)
    expect(page.get_by_label("Lavere energikostnader: planlagt 2031")).to_have_value("4\u00a0800\u00a0000")
    ledger_2026 = page.locator(f"#ledger-{benefit.pk}-2026")
    expect(ledger_2026).to_contain_text("Netto gevinst")
    expect(ledger_2026).to_contain_text("4\u00a0350\u00a0000")
    expect(ledger_2026).to_contain_text("Advarsel: mer er tatt ut av budsjettet enn det som er realisert")
    assert_accessible(page)
    screenshot(page, "gains-ledger-project-leader")

    # The benefit form: a low figure above the planned one is refused in Norwegian, the input kept.
    page.get_by_role("link", name="Lavere energikostnader").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Endre Lavere energikostnader")
    expect(page.get_by_label("Realisert 2026")).to_have_count(0)
    page.get_by_label("Lavt anslag 2027").fill("5 mill.")
    page.get_by_label("Uttak i budsjett 2027").fill("4 500 000")
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.locator("#id_low_2027_error")).to_contain_text(
        "Det lave tallet kan ikke være større enn det planlagte (forventede) tallet."
    )
    expect(page.get_by_label("Lavt anslag 2027")).to_have_value("5 mill.")
    expect(page.get_by_label("Uttak i budsjett 2027")).to_have_value("4 500 000")
    assert_accessible(page)
    screenshot(page, "gains-ledger-benefit-form-error")
    page.get_by_label("Lavt anslag 2027").fill("3,5 mill.")
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.get_by_role("status").first).to_be_visible()
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2027).low == Decimal(3_500_000)
    sign_out(page)

    # The gain owner reports the realised figure in the grid; the warning goes once enough is realised.
    login(page, "morten")
    page.goto(f"/gevinster/prosjekt/{project.pk}/")
    expect(page.get_by_label("Lavere energikostnader: planlagt 2026")).to_have_count(0)
    realised = page.get_by_label("Lavere energikostnader: realisert 2026")
    realised.fill("4 100 000")
    realised.press("Tab")
    expect(page.locator("#grid-status")).to_contain_text("Lagret kl.")
    expect(page.locator(f"#ledger-{benefit.pk}-2026")).not_to_contain_text("Advarsel")
    expect(page.locator(f"#ledger-{benefit.pk}-2027")).to_contain_text(
        "Advarsel"
    )  # 2027 taken out, not realised
    assert_accessible(page)
    screenshot(page, "gains-ledger-gain-owner")
    page.get_by_role("link", name="Lavere energikostnader").click()
    expect(page.locator("#owner-form-notice")).to_be_visible()
    expect(page.get_by_label("Planlagt 2026")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "gains-ledger-owner-form")
    sign_out(page)

    # The horizon is set with the period; more than ten years is refused.
    login(page, "direktor")
    page.goto(f"/gevinster/program/{programme.pk}/maal/")
    page.get_by_label(re.compile("^Antall år gevinstene følges")).fill("12")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#id_horizon_years_error")).to_contain_text("Gevinstene kan følges i høyst 10 år.")
    assert_accessible(page)
    screenshot(page, "gains-ledger-horizon-error")
