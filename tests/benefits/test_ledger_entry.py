"""The gains ledger (gevinstrealiseringsplan) per benefit: each year's expected, low, high, operating cost,
withdrawal, realised figure and comment on the benefit form, the net gain and the withdrawal warning on the
gains page, the programme's horizon, and who reports the realisation in which phase."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from benefits.models import Benefit, BenefitPlanYear, EconomicPlan
from benefits.selectors.ledger_rows import ledger_year
from core import roles
from programmes.models import Phase, Project

from .conftest import add_benefit

pytestmark = pytest.mark.django_db


def grid_url(project):
    return reverse("benefits:project_benefits", args=[project.pk])


def form_url(benefit):
    return reverse("benefits:benefit_edit", args=[benefit.project_id, benefit.pk])


@pytest.fixture
def gain_owner(role_user):
    """The line leader who owns the gain (gevinsteier), neither the project's leader nor its owner."""
    return role_user(roles.PROJECT_LEADER, username="gevinsteier", first_name="Morten", last_name="Strand")


def set_phase(project, phase):
    Project.objects.filter(pk=project.pk).update(phase=phase)
    project.refresh_from_db()


def opened(client, benefit) -> dict:
    """The benefit form's fields as it opens: what a browser would send back unchanged."""
    form = client.get(form_url(benefit)).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        data[name] = field.prepare_value(value) if hasattr(field, "prepare_value") else value
    return {k: ("" if v is None else v) for k, v in data.items()}


# --- The benefit form: the ledger per year --------------------------------------------------------------------


def test_the_benefit_form_saves_a_years_whole_ledger_and_the_range(client, project, people, freeze_2026):
    benefit = add_benefit(project, title="Færre nattilsyn", planned=[1_000_000, 1_000_000])
    client.force_login(people["leader"])
    data = opened(client, benefit) | {
        "range_low_percent": "70",
        "range_high_percent": "120",
        "plan_2027": "1,2 mill.",
        "low_2027": "900 000",
        "high_2027": "1 500 000",
        "cost_2027": "200 000",
        "withdrawal_2027": "1 000 000",
        "comment_2027": "Avtalen med leverandøren gjelder fra mars.",
    }
    response = client.post(form_url(benefit), data)
    assert response.status_code == 302, response.context["form"].errors
    year = BenefitPlanYear.objects.get(benefit=benefit, year=2027)
    assert (year.planned, year.low, year.high, year.operating_cost, year.withdrawal) == (
        Decimal(1_200_000),
        Decimal(900_000),
        Decimal(1_500_000),
        Decimal(200_000),
        Decimal(1_000_000),
    )
    assert year.comment == "Avtalen med leverandøren gjelder fra mars."
    benefit.refresh_from_db()
    assert (benefit.range_low_percent, benefit.range_high_percent) == (70, 120)
    # The page shows the year's net gain (expected less operating cost) and the range.
    page = client.get(grid_url(project)).content.decode()
    assert "Netto gevinst" in page and "1\xa0000\xa0000" in page
    assert "Spenn 70–120 % av forventet" in page


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        (
            {"low_2026": "1 100 000"},
            "low_2026",
            "Det lave tallet kan ikke være større enn det planlagte (forventede) tallet.",
        ),
        (
            {"high_2026": "900 000"},
            "high_2026",
            "Det høye tallet kan ikke være mindre enn det planlagte (forventede) tallet.",
        ),
        ({"low_2029": "100 000"}, "low_2029", "Skriv planlagt gevinst for året før du gir lav og høy."),
        ({"range_low_percent": "120"}, "range_low_percent", None),
        ({"range_high_percent": "80"}, "range_high_percent", None),
    ],
)
def test_a_range_that_does_not_hold_the_expected_figure_is_refused_and_the_input_kept(
    client, project, people, freeze_2026, typed, field, message
):
    benefit = add_benefit(project, title="A", planned=[1_000_000])
    client.force_login(people["leader"])
    response = client.post(form_url(benefit), opened(client, benefit) | typed | {"comment_2027": "Mitt"})
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    if message:
        assert errors == [message]
    else:
        assert errors  # the model's validator, in Norwegian like every validator message
    page = response.content.decode()
    assert f'value="{next(iter(typed.values()))}"' in page
    assert "Mitt" in page  # the other input is kept
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2026).low is None


def test_a_non_financial_benefit_cannot_have_operating_cost_or_withdrawal(
    client, project, people, freeze_2026
):
    benefit = add_benefit(project, title="Søvn", kind="quality", planned=["80"], unit_of_measure="%")
    client.force_login(people["leader"])
    response = client.post(
        form_url(benefit), opened(client, benefit) | {"cost_2026": "10", "withdrawal_2027": "5"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    message = ["Bare økonomiske gevinster har driftskostnader og uttak i budsjett."]
    assert errors["cost_2026"] == message and errors["withdrawal_2027"] == message
    assert not BenefitPlanYear.objects.filter(benefit=benefit, operating_cost__isnull=False).exists()


def test_a_new_benefit_gets_its_ledger_from_the_form(client, project, people):
    client.force_login(people["leader"])
    response = client.post(
        reverse("benefits:benefit_create", args=[project.pk]),
        {
            "title": "Lavere leie",
            "kind": "reduced_cost",
            "plan_2027": "2 mill.",
            "low_2027": "1,5 mill.",
            "cost_2027": "300 000",
            "withdrawal_2027": "2 000 000",
        },
    )
    assert response.status_code == 302
    year = BenefitPlanYear.objects.get(benefit__title="Lavere leie", year=2027)
    assert (year.planned, year.low, year.high, year.operating_cost, year.withdrawal) == (
        Decimal(2_000_000),
        Decimal(1_500_000),
        None,
        Decimal(300_000),
        Decimal(2_000_000),
    )


def test_a_stale_benefit_form_is_still_merged_field_by_field(client, project, people, freeze_2026):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 1_000_000])
    client.force_login(people["leader"])
    stale = opened(client, benefit)
    assert client.post(form_url(benefit), stale | {"cost_2026": "100 000"}).status_code == 302
    # A second form opened before that save changes another year's withdrawal: both are kept.
    assert client.post(form_url(benefit), stale | {"withdrawal_2027": "1 000 000"}).status_code == 302
    assert dict(BenefitPlanYear.objects.filter(benefit=benefit).values_list("year", "operating_cost")) == {
        2026: Decimal(100_000),
        2027: None,
    }
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2027).withdrawal == Decimal(1_000_000)
    # The same field changed by both: nothing saved until the user chooses.
    response = client.post(form_url(benefit), stale | {"cost_2026": "150 000"})
    assert response.status_code == 200 and response.context["conflict"]
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2026).operating_cost == Decimal(100_000)


# --- The horizon --------------------------------------------------------------------------------------------------


def test_the_horizon_is_set_with_the_period_and_extends_the_ledger_not_the_expected_gain(
    client, programme, project, people
):
    add_benefit(project, title="A", planned=[1_000_000] * 4)
    client.force_login(people["executive"])
    url = reverse("benefits:targets_edit", args=[programme.pk])
    response = client.post(url, {"start_year": "2026", "years": "4", "horizon_years": "11"})
    assert response.status_code == 200
    assert response.context["form"].errors["horizon_years"] == ["Gevinstene kan følges i høyst 10 år."]
    assert 'value="11"' in response.content.decode()
    response = client.post(url, {"start_year": "2026", "years": "4", "horizon_years": "3"})
    assert response.context["form"].errors["horizon_years"] == [
        "Gevinstene må følges minst over økonomiplanens 4 år; la feltet stå tomt for å følge dem over planen."
    ]
    assert client.post(url, {"start_year": "2026", "years": "4", "horizon_years": "8"}).status_code == 302
    plan = EconomicPlan.objects.get(programme=programme)
    assert plan.ledger_years == list(range(2026, 2034)) and plan.year_list == list(range(2026, 2030))

    client.force_login(people["leader"])
    grid = client.get(grid_url(project)).context["gains"]
    assert grid.years == list(range(2026, 2034))
    benefit = Benefit.objects.get(title="A")
    assert "plan_2033" in client.get(form_url(benefit)).context["form"].fields
    # The expected gain (the economic plan's four years) is unchanged by the horizon.
    from benefits.selectors import expected_gains

    assert expected_gains(project_ids=[project.pk])[project.pk].years == (2026, 2027, 2028, 2029)


def test_a_horizon_figure_saved_in_the_grid_beyond_the_economic_plan(client, programme, project, people):
    EconomicPlan.objects.filter(programme=programme).update(horizon_years=6)
    benefit = add_benefit(project, title="A", planned=[1_000_000])
    client.force_login(people["leader"])
    response = client.post(
        grid_url(project),
        {f"cell-{benefit.pk}-2031-planned": "800 000", f"orig-{benefit.pk}-2031-planned": ""},
    )
    assert response.status_code == 302
    assert BenefitPlanYear.objects.get(benefit=benefit, year=2031).planned == Decimal(800_000)


# --- The withdrawal warning -------------------------------------------------------------------------------------


def test_a_withdrawal_beyond_the_realised_gain_is_warned_about_but_saved(
    client, project, people, freeze_2026
):
    benefit = add_benefit(
        project,
        title="Lavere energikostnader",
        planned=[4_500_000, 4_500_000],
        realised=[3_900_000],
        withdrawal=[4_000_000, 4_500_000],
    )
    client.force_login(people["leader"])
    page = client.get(grid_url(project)).content.decode()
    # 2026: 4,0 mill. taken out, 3,9 mill. realised; 2027: taken out, nothing realised yet. Both warned.
    assert page.count("data-ledger-warning") == 2
    assert "Advarsel: mer er tatt ut av budsjettet enn det som er realisert." in page
    assert (
        "Advarsel: mer er tatt ut av budsjettet enn det som er realisert (ingenting realisert ennå)." in page
    )
    # Realising enough removes the 2026 warning.
    year = BenefitPlanYear.objects.get(benefit=benefit, year=2026)
    year.realised = Decimal(4_000_000)
    year.save()
    page = client.get(grid_url(project)).content.decode()
    assert page.count("data-ledger-warning") == 1
    # The benefit form says it by the year too.
    form_page = client.get(form_url(benefit)).content.decode()
    assert form_page.count("data-ledger-warning") == 1


# --- Who reports the realisation ----------------------------------------------------------------------------


@pytest.fixture
def owned(project, gain_owner):
    return add_benefit(project, title="Færre nattilsyn", planned=[1_000_000, 1_000_000], owner=gain_owner)


def post_realised(client, benefit, amount):
    return client.post(
        grid_url(benefit.project),
        {f"cell-{benefit.pk}-2026-realised": amount, f"orig-{benefit.pk}-2026-realised": ""},
    )


def realised(benefit):
    row = BenefitPlanYear.objects.get(benefit=benefit, year=2026)
    return row.realised


@pytest.mark.parametrize("phase", [Phase.PLANNING, Phase.EXECUTION])
def test_before_realisation_the_project_leader_reports_the_realised_figures(
    client, project, people, owned, phase, freeze_2026
):
    set_phase(project, phase)
    client.force_login(people["leader"])
    assert post_realised(client, owned, "900 000").status_code == 302
    assert realised(owned) == Decimal(900_000)


@pytest.mark.parametrize("phase", [Phase.REALISATION, Phase.CLOSED])
def test_in_realisation_the_project_leader_reads_but_cannot_change_the_realised_figures(
    client, project, people, owned, phase, freeze_2026
):
    set_phase(project, phase)
    client.force_login(people["leader"])
    page = client.get(grid_url(project))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'name="cell-{owned.pk}-2026-realised"' not in html  # shown, not as an input
    assert f'name="cell-{owned.pk}-2026-planned"' in html  # the plan is still the project's
    assert "Realisering rapporteres av Morten Strand (gevinsteier)" in html
    assert "hver gevinsteier rapporterer nå realiserte tall" in html

    response = post_realised(client, owned, "900 000")
    assert response.status_code == 200
    assert "Gevinsteieren rapporterer nå realiserte tall; du kan lese dem, ikke endre dem." in response.text
    assert realised(owned) is None
    # Nor through the benefit form: it has no realised fields for the project leader.
    form = client.get(form_url(owned)).context["form"]
    assert "realised_2026" not in form.fields and "plan_2026" in form.fields


@pytest.mark.parametrize("phase", [Phase.REALISATION, Phase.CLOSED])
def test_in_realisation_the_benefit_owner_reports_the_realised_figures(
    client, project, people, owned, gain_owner, phase, freeze_2026
):
    set_phase(project, phase)
    other = add_benefit(project, title="Ikke min", planned=[500_000])  # owned by the project owner
    client.force_login(gain_owner)
    html = client.get(grid_url(project)).content.decode()
    assert f'name="cell-{owned.pk}-2026-realised"' in html
    assert f'name="cell-{owned.pk}-2026-planned"' not in html
    assert f'name="cell-{other.pk}-2026-realised"' not in html

    assert post_realised(client, owned, "950 000").status_code == 302
    assert realised(owned) == Decimal(950_000)
    record = BenefitPlanYear.history.filter(benefit_id=owned.pk, year=2026).first()
    assert record.history_user == gain_owner
    # The plan is not the owner's to change, nor another's benefit.
    response = client.post(
        grid_url(project),
        {f"cell-{owned.pk}-2027-planned": "1", f"orig-{owned.pk}-2027-planned": "1 000 000"},
    )
    assert response.status_code == 200
    assert BenefitPlanYear.objects.get(benefit=owned, year=2027).planned == Decimal(1_000_000)
    assert post_realised(client, other, "1").status_code == 200
    assert realised(other) is None

    # The benefit form: the realised figures and comments, nothing of the plan.
    form = client.get(form_url(owned)).context["form"]
    assert {"realised_2026", "comment_2026"} <= set(form.fields)
    assert not {"title", "plan_2026", "withdrawal_2026", "cost_2026"} & set(form.fields)
    data = opened(client, owned) | {"realised_2026": "975 000", "comment_2026": "Målt i fagsystemet."}
    assert client.post(form_url(owned), data).status_code == 302
    row = BenefitPlanYear.objects.get(benefit=owned, year=2026)
    assert (row.realised, row.comment, row.planned) == (
        Decimal(975_000),
        "Målt i fagsystemet.",
        Decimal(1_000_000),
    )
    assert client.get(form_url(other)).status_code == 403


@pytest.mark.parametrize("who", ["programme_leader", "admin"])
def test_in_realisation_the_sub_programme_leader_and_the_administrator_still_report(
    client, project, people, owned, who, freeze_2026
):
    set_phase(project, Phase.CLOSED)
    client.force_login(people[who])
    assert post_realised(client, owned, "800 000").status_code == 302
    assert realised(owned) == Decimal(800_000)


@pytest.mark.parametrize("who", ["executive", "politician"])
def test_readers_cannot_report_the_realisation(client, project, people, owned, who, freeze_2026):
    set_phase(project, Phase.REALISATION)
    client.force_login(people[who])
    assert post_realised(client, owned, "800 000").status_code == 403
    assert client.get(form_url(owned)).status_code == 403
    assert realised(owned) is None


def test_the_owner_of_a_benefit_in_a_project_being_carried_out_may_report_too(
    client, project, owned, gain_owner, freeze_2026
):
    set_phase(project, Phase.EXECUTION)
    client.force_login(gain_owner)
    assert post_realised(client, owned, "700 000").status_code == 302
    assert realised(owned) == Decimal(700_000)


# --- The ledger's figures per year (property) ---------------------------------------------------------------

amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**10).map(Decimal))


@settings(max_examples=200, deadline=None)
@given(
    planned=amounts,
    cost=amounts,
    withdrawal=amounts,
    realised=amounts,
    year=st.integers(min_value=2025, max_value=2028),
    financial=st.booleans(),
)
def test_a_years_ledger_warns_exactly_when_more_is_withdrawn_than_realised(
    planned, cost, withdrawal, realised, year, financial
):
    benefit = Benefit(
        kind="reduced_cost" if financial else "quality", range_low_percent=80, range_high_percent=110
    )
    plan_year = BenefitPlanYear(
        year=year, planned=planned, operating_cost=cost, withdrawal=withdrawal, realised=realised
    )
    ledger = ledger_year(benefit, plan_year, year, this_year=2026)
    counted = realised if year <= 2026 else None  # a year not begun has nothing realised
    assert ledger.realised == counted
    if not financial:
        assert (ledger.withdrawal_warning, ledger.net, ledger.range) == (False, None, None)
        return
    assert ledger.withdrawal_warning == (withdrawal is not None and withdrawal > (counted or 0))
    assert ledger.net == (None if planned is None else int(planned) - int(cost or 0))
    if planned is not None:
        low, expected, high = ledger.range
        assert low <= expected == int(planned) <= high


def test_a_benefit_without_an_owner_in_realisation_says_who_reports_it(client, project, people, freeze_2026):
    set_phase(project, Phase.CLOSED)
    benefit = add_benefit(project, title="Uten eier", planned=[1_000_000], owner=None)
    client.force_login(people["leader"])
    page = client.get(grid_url(project)).content.decode()
    assert "Ingen gevinsteier: programlederen rapporterer realiseringen til en gevinsteier er utpekt" in page
    client.force_login(people["programme_leader"])
    assert post_realised(client, benefit, "400 000").status_code == 302


def test_the_grid_takes_operating_costs_and_withdrawals_and_answers_with_the_warning(
    client, project, people, freeze_2026
):
    money = add_benefit(project, title="Lavere leie", planned=[1_000_000, 1_000_000], realised=[800_000])
    quality = add_benefit(project, title="Søvn", kind="quality", planned=["80"], unit_of_measure="%")
    client.force_login(people["leader"])
    page = client.get(grid_url(project)).content.decode()
    assert (
        f'name="cell-{money.pk}-2026-withdrawal"' in page
        and f'name="cell-{money.pk}-2026-operating_cost"' in page
    )
    assert f'name="cell-{quality.pk}-2026-withdrawal"' not in page  # only financial gains have them

    response = client.post(
        grid_url(project),
        {
            f"cell-{money.pk}-2026-withdrawal": "1 000 000",
            f"orig-{money.pk}-2026-withdrawal": "",
            f"cell-{money.pk}-2026-operating_cost": "100 000",
            f"orig-{money.pk}-2026-operating_cost": "",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    year = BenefitPlanYear.objects.get(benefit=money, year=2026)
    assert (year.withdrawal, year.operating_cost) == (Decimal(1_000_000), Decimal(100_000))
    answer = response.content.decode()
    # The year's ledger is swapped in with the net gain and the warning (1 mill. out, 0,8 mill. realised).
    assert f'id="ledger-{money.pk}-2026" hx-swap-oob="true"' in answer
    assert "900\xa0000" in answer and "data-ledger-warning" in answer

    # A negative withdrawal is refused, not stored.
    response = client.post(
        grid_url(project), {f"cell-{money.pk}-2027-withdrawal": "-5", f"orig-{money.pk}-2027-withdrawal": ""}
    )
    assert response.status_code == 200
    assert BenefitPlanYear.objects.get(benefit=money, year=2027).withdrawal is None


def test_in_realisation_the_gain_owner_cannot_change_the_withdrawal(
    client, project, owned, gain_owner, freeze_2026
):
    set_phase(project, Phase.REALISATION)
    client.force_login(gain_owner)
    response = client.post(
        grid_url(project), {f"cell-{owned.pk}-2026-withdrawal": "5", f"orig-{owned.pk}-2026-withdrawal": ""}
    )
    assert response.status_code == 200
    assert "Du kan ikke endre planen for dette prosjektet." in response.content.decode()
    assert BenefitPlanYear.objects.get(benefit=owned, year=2026).withdrawal is None


def test_in_realisation_the_gain_owner_records_the_measurements_not_the_project_leader(
    client, project, people, gain_owner
):
    """Measurements are a non-financial gain's realised figures: they follow the same rule."""
    import datetime

    gain = add_benefit(project, title="Kortere ventetid", kind="time_saved", owner=gain_owner)
    url = reverse("benefits:indicator_measurements", args=[project.pk, gain.pk])
    data = {f"m{gain.pk}-measured_on": "2026-02-01", f"m{gain.pk}-value": "30"}
    set_phase(project, Phase.EXECUTION)
    client.force_login(people["leader"])
    assert client.post(url, data).status_code == 302  # while the project is carried out
    gain.measurements.all().delete()

    set_phase(project, Phase.CLOSED)
    assert client.post(url, data).status_code == 403
    assert not gain.measurements.exists()
    client.force_login(gain_owner)
    assert client.post(url, data).status_code == 302
    assert gain.measurements.get().measured_on == datetime.date(2026, 2, 1)
