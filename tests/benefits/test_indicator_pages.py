"""The measurements of non-financial gains on the project's gains page: adding, changing and deleting a
measurement, the target and scorecard indicator, who may do what, and the refusals in Norwegian."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from benefits.models import Benefit, BenefitMeasurement
from core import roles
from tests.factories import BenefitFactory
from tests.scorecards.factories import IndicatorFactory, ScorecardFactory, indicator_value

from .conftest import add_benefit

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def gain(project):
    return BenefitFactory(
        project=project,
        title="Kortere ventetid",
        kind="time_saved",
        unit_of_measure="dager",
        baseline_value=Decimal(40),
        baseline_date=datetime.date(2025, 1, 1),
        target_value=Decimal(20),
        target_date=datetime.date(2028, 12, 31),
    )


def add_url(benefit):
    return reverse("benefits:indicator_measurements", args=[benefit.project_id, benefit.pk])


def page_url(benefit):
    return reverse("benefits:project_benefits", args=[benefit.project_id])


def settings_url(benefit):
    return reverse("benefits:indicator_settings", args=[benefit.project_id, benefit.pk])


def posted(benefit, **fields):
    return {f"m{benefit.pk}-{name}": value for name, value in fields.items()}


def measure(benefit, date, value):
    return BenefitMeasurement.objects.create(
        benefit=benefit, measured_on=datetime.date.fromisoformat(date), value=Decimal(value)
    )


def test_project_page_shows_each_non_financial_gain_with_its_achievement_in_words(
    client, project, people, gain
):
    add_benefit(project, title="Lavere husleie", planned=[100_000])
    measure(gain, "2026-01-31", "30")
    client.force_login(people["politician"])
    page = client.get(page_url(gain)).content.decode()
    assert 'id="measurements"' in page
    assert f'id="indicator-{gain.pk}"' in page
    assert "<strong>50 %</strong> av veien fra utgangspunkt til mål" in page
    assert "Lavere husleie" not in page.split('id="measurements"')[1].split('id="history"')[0]
    assert "Legg til målingen" not in page  # an elected member records nothing
    assert 'alt="Linjediagram for «Kortere ventetid»: utgangsverdi 40 dager (01.01.2025)' in page


def test_project_leader_adds_a_measurement_and_the_history_names_who(client, people, gain):
    client.force_login(people["leader"])
    response = client.post(
        add_url(gain), posted(gain, measured_on="2026-02-01", value="32,5", comment="Fra fagsystemet")
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(gain) + f"#indicator-{gain.pk}"
    measurement = gain.measurements.get()
    assert (measurement.value, measurement.comment, measurement.recorded_by) == (
        Decimal("32.5"),
        "Fra fagsystemet",
        people["leader"],
    )
    assert measurement.history.get().history_user == people["leader"]
    page = client.get(response["Location"]).content.decode()
    assert "Målingen 01.02.2026 er lagt til." in page
    assert "<strong>38 %</strong> av veien fra utgangspunkt til mål" in page


def test_adding_over_htmx_answers_with_the_benefits_card(client, people, gain):
    client.force_login(people["leader"])
    response = client.post(add_url(gain), posted(gain, measured_on="2026-02-01", value="30"), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<article class="app-indicator" id="indicator-{gain.pk}"')
    assert "Målingen 01.02.2026 er lagt til." in html
    assert "<strong>50 %</strong>" in html
    assert 'id="history"' not in html  # asked from the measurements page: no change log to refresh
    response = client.post(
        add_url(gain),
        posted(gain, measured_on="2026-03-01", value="25"),
        HTTP_HX_CURRENT_URL="http://testserver" + page_url(gain),
        **HTMX,
    )
    html = response.content.decode()
    assert '<section id="history" aria-labelledby="history-h" class="app-section" hx-swap-oob="true">' in html
    assert "Måling 01.03.2026 av «Kortere ventetid»" in html


def test_a_second_measurement_on_the_same_date_is_refused_in_norwegian_and_the_input_kept(
    client, people, gain
):
    measure(gain, "2026-02-01", "30")
    client.force_login(people["leader"])
    data = posted(gain, measured_on="2026-02-01", value="28", comment="Ny telling")
    response = client.post(add_url(gain), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gevinsten har allerede en måling 01.02.2026. Endre den i stedet." in html
    assert 'value="28"' in html and 'value="Ny telling"' in html
    response = client.post(add_url(gain), data, **HTMX)
    assert response.status_code == 422
    assert "Gevinsten har allerede en måling 01.02.2026. Endre den i stedet." in response.content.decode()
    assert gain.measurements.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"measured_on": "", "value": "3"}, "measured_on", "Skriv inn datoen for målingen."),
        ({"measured_on": "2026-02-01", "value": ""}, "value", "Skriv inn den målte verdien."),
        ({"measured_on": "2026-02-01", "value": "tre"}, "value", "Skriv et tall, f.eks. 1 250 eller 4,5."),
        ({"measured_on": "2026-02-01", "value": "3,125"}, "value", "Skriv høyst to desimaler, f.eks. 4,25."),
        (
            {"measured_on": "2999-01-01", "value": "3"},
            "measured_on",
            "Datoen er fram i tid; en måling gjelder noe som er målt.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_norwegian_message_by_the_field(
    client, people, gain, fields, field, message
):
    client.force_login(people["leader"])
    response = client.post(add_url(gain), posted(gain, **fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not gain.measurements.exists()


def test_the_benefit_owner_records_measurements_but_does_not_set_the_target(client, role_user, gain):
    owner = role_user(roles.PROJECT_LEADER, username="gevinsteier")
    Benefit.objects.filter(pk=gain.pk).update(owner=owner)
    client.force_login(owner)
    assert client.post(add_url(gain), posted(gain, measured_on="2026-02-01", value="30")).status_code == 302
    assert client.get(settings_url(gain)).status_code == 403


@pytest.mark.parametrize("who", ["politician", "executive"])
def test_who_may_not_record_gets_403_and_nothing_is_stored(client, people, gain, who):
    client.force_login(people[who])
    response = client.post(add_url(gain), posted(gain, measured_on="2026-02-01", value="30"))
    assert response.status_code == 403
    assert not gain.measurements.exists()


def test_a_project_leader_elsewhere_may_not_change_or_delete_a_measurement(client, role_user, gain):
    measurement = measure(gain, "2026-02-01", "30")
    client.force_login(role_user(roles.PROJECT_LEADER, username="annen"))
    args = [gain.project_id, gain.pk, measurement.pk]
    edit = reverse("benefits:indicator_measurement_edit", args=args)
    delete = reverse("benefits:indicator_measurement_delete", args=args)
    assert client.post(edit, {"measured_on": "2026-02-02", "value": "1"}).status_code == 403
    assert client.post(delete).status_code == 403
    measurement.refresh_from_db()
    assert (measurement.measured_on, measurement.value) == (datetime.date(2026, 2, 1), Decimal(30))


def test_a_financial_benefit_has_no_measurements_page(client, people, project):
    financial = add_benefit(project, title="Lavere husleie", planned=[100_000])
    client.force_login(people["leader"])
    assert client.get(add_url(financial)).status_code == 404


def test_changing_a_measurement_to_a_date_already_taken_is_refused(client, people, gain):
    measure(gain, "2026-01-01", "35")
    second = measure(gain, "2026-02-01", "30")
    client.force_login(people["leader"])
    url = reverse("benefits:indicator_measurement_edit", args=[gain.project_id, gain.pk, second.pk])
    original = client.get(url).context["form"].initial["original"]
    response = client.post(
        url, {"measured_on": "2026-01-01", "value": "29", "comment": "", "original": original}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["measured_on"] == [
        "Gevinsten har allerede en måling 01.01.2026. Endre den i stedet."
    ]
    data = {"measured_on": "2026-02-01", "value": "29", "comment": "Rettet", "original": original}
    response = client.post(url, data)
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.value, second.comment) == (Decimal(29), "Rettet")


def test_a_measurement_someone_else_changed_meanwhile_is_not_overwritten(client, people, gain):
    measurement = measure(gain, "2026-02-01", "30")
    client.force_login(people["leader"])
    url = reverse("benefits:indicator_measurement_edit", args=[gain.project_id, gain.pk, measurement.pk])
    original = client.get(url).context["form"].initial["original"]
    BenefitMeasurement.objects.filter(pk=measurement.pk).update(value=Decimal(31))
    response = client.post(
        url, {"measured_on": "2026-02-01", "value": "28", "comment": "", "original": original}
    )
    assert response.status_code == 200
    assert "Noen andre endret målingen i mellomtiden." in response.content.decode()
    measurement.refresh_from_db()
    assert measurement.value == Decimal(31)
    # The same value as the colleague's is no conflict.
    response = client.post(
        url, {"measured_on": "2026-02-01", "value": "31", "comment": "", "original": original}
    )
    assert response.status_code == 302


def test_deleting_a_measurement_asks_first_and_is_recorded(client, people, gain):
    measurement = measure(gain, "2026-02-01", "30")
    client.force_login(people["leader"])
    url = reverse("benefits:indicator_measurement_delete", args=[gain.project_id, gain.pk, measurement.pk])
    assert "Slette målingen av Kortere ventetid 01.02.2026 (30)?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not gain.measurements.exists()
    assert BenefitMeasurement.history.filter(history_type="-").get().history_user == people["leader"]
    log = client.get(page_url(gain)).context["history"]
    assert [(entry.subject, entry.action) for entry in log[:2]] == [
        ("Måling 01.02.2026 av «Kortere ventetid»", "slettet"),
        ("Måling 01.02.2026 av «Kortere ventetid»", "opprettet"),
    ]


def test_the_target_and_indicator_are_set_and_its_results_count(client, people, gain):
    indicator = IndicatorFactory(name="Ventetid for sykehjemsplass", unit="dager", direction="lower")
    indicator_value(indicator, 2025, "", "25")
    client.force_login(people["leader"])
    version = gain.version
    response = client.post(
        settings_url(gain),
        {
            "target_value": "15",
            "target_date": "2029-06-30",
            "indicator": indicator.pk,
            "original": f"{Decimal(20):f}|2028-12-31|",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    gain.refresh_from_db()
    assert (gain.target_value, gain.target_date, gain.indicator) == (
        Decimal(15),
        datetime.date(2029, 6, 30),
        indicator,
    )
    assert gain.version == version + 1  # a benefit form opened before now knows it is stale
    page = client.get(page_url(gain)).content.decode()
    assert "<strong>60 %</strong> av veien fra utgangspunkt til mål" in page  # (25 − 40) / (15 − 40)
    assert "Ventetid for sykehjemsplass" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"target_value": "40", "target_date": "2028-12-31"}, "target_value", "Målet er lik utgangsverdien"),
        ({"target_value": "20", "target_date": "2024-12-31"}, "target_date", "Måldatoen må komme etter"),
        (
            {"target_value": "20", "target_date": ""},
            "target_date",
            "Oppgi datoen målet skal være nådd innen.",
        ),
        ({"target_value": "mange", "target_date": "2028-12-31"}, "target_value", "Skriv et tall"),
    ],
)
def test_a_target_that_gives_no_way_to_go_is_refused(client, people, gain, fields, field, message):
    client.force_login(people["leader"])
    response = client.post(settings_url(gain), {**fields, "original": f"{Decimal(20):f}|2028-12-31|"})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert f'value="{fields["target_value"]}"' in response.content.decode()
    gain.refresh_from_db()
    assert gain.target_value == Decimal(20)


def test_a_target_someone_else_changed_meanwhile_is_not_overwritten(client, people, gain):
    Benefit.objects.filter(pk=gain.pk).update(target_value=Decimal(25))
    client.force_login(people["leader"])
    response = client.post(
        settings_url(gain),
        {"target_value": "15", "target_date": "2028-12-31", "original": f"{Decimal(20):f}|2028-12-31|"},
    )
    assert response.status_code == 200
    assert "Noen andre endret målet eller indikatoren i mellomtiden." in response.content.decode()
    gain.refresh_from_db()
    assert gain.target_value == Decimal(25)


def test_the_indicator_chooser_is_narrowed_by_a_search_and_keeps_the_linked_one(client, people, gain):
    scorecard = ScorecardFactory(title="Helse og omsorg")
    linked = IndicatorFactory(scorecard=scorecard, name="Liggetid på sykehus")
    for number in range(250):
        IndicatorFactory(scorecard=scorecard, name=f"Indikator nummer {number}")
    IndicatorFactory(scorecard=scorecard, name="Ventetid sykehjem")
    Benefit.objects.filter(pk=gain.pk).update(indicator=linked)
    client.force_login(people["leader"])
    form = client.get(settings_url(gain)).context["form"]
    assert (form.matched, form.shown) == (252, 200)
    response = client.get(settings_url(gain), {"q": "ventetid"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="indicator-chooser">')
    assert "Ventetid sykehjem" in html and "Liggetid på sykehus" in html  # the linked one stays
    assert "Indikator nummer 1" not in html
    assert "1 indikator passer med «ventetid»." in html


def test_the_programme_overview_shows_the_achievement_of_non_financial_gains(client, people, gain, programme):
    measure(gain, "2026-01-31", "45")
    client.force_login(people["executive"])
    page = client.get(reverse("benefits:programme_overview", args=[programme.pk])).content.decode()
    section = page.split('id="non-financial"')[1]
    assert "Kortere ventetid" in section
    assert "-25 %</strong> av veien fra utgangspunkt til mål" in section
    assert "dårligere enn utgangsverdien" in section


@pytest.mark.parametrize("size", [1, 6])
def test_project_page_with_measured_gains_has_a_fixed_query_count(
    client, project, people, django_assert_num_queries, size
):
    indicator = IndicatorFactory(unit="dager")
    indicator_value(indicator, 2025, "", "25")
    for number in range(size):
        benefit = BenefitFactory(
            project=project,
            title=f"Ventetid {number}",
            kind="time_saved",
            unit_of_measure="dager",
            baseline_value=Decimal(40),
            target_value=Decimal(20),
            indicator=indicator,
        )
        measure(benefit, "2026-01-31", "30")
    client.force_login(people["leader"])
    # session, user, roles, project, benefits, plan years, the history of benefits, plan years and
    # measurements; then the gains' measurements, their indicators and the indicators' values.
    with django_assert_num_queries(12):
        response = client.get(reverse("benefits:project_benefits", args=[project.pk]))
    assert response.status_code == 200


def test_the_overviews_figures_are_cached_until_a_measurement_changes_them(
    client, people, gain, programme, django_assert_num_queries
):
    from benefits.selectors.indicators import achievement_overview

    measure(gain, "2026-01-31", "30")
    assert achievement_overview(programme=programme).lines[0].achievement == Decimal(50)
    with django_assert_num_queries(1):  # the tables' fingerprint (core.freshness)
        assert achievement_overview(programme=programme).lines[0].achievement == Decimal(50)
    measure(gain, "2026-02-28", "25")
    assert achievement_overview(programme=programme).lines[0].achievement == Decimal(75)
