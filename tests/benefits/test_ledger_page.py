"""The gains ledger page: who may see it, what it shows (figures, range, withdrawals per unit, projects not
in the ledger, an empty programme, no targets, no ranges), that it follows a change, and its fixed queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

from .test_ledger import gain

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def world(freeze_2026):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4, horizon_years=5)
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    project = ProjectFactory(sub_programme=sub, name="Digitale trygghetsalarmer")
    SavingsTarget.objects.create(programme=programme, year=2026, amount=30_000_000)
    gain(
        project,
        "Færre utrykninger",
        [
            {
                "planned": 27_400_000,
                "operating_cost": 400_000,
                "realised": 20_000_000,
                "withdrawal": 21_000_000,
            },
            {"planned": 10_000_000, "withdrawal": 5_000_000},
        ],
        unit="Hjemmetjenesten",
        range_low_percent=70,
        range_high_percent=110,
    )
    gain(project, "Uten spenn", [None, {"planned": 1_000_000}])
    ProjectFactory(sub_programme=sub, name="Bare en idé", estimated_annual_gain=None)
    return programme


def get(client, user, programme):
    client.force_login(user)
    response = client.get(reverse("benefits:ledger", args=[programme.pk]))
    assert response.status_code == 200
    return response, text_of(response.content.decode())


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse("benefits:ledger", args=[world.pk]))
    assert (response.status_code == 302 and "/login" in response["Location"]) or "logg" in response[
        "Location"
    ]


def test_unknown_programme_is_not_found(client, executive):
    client.force_login(executive)
    assert client.get(reverse("benefits:ledger", args=[999_999])).status_code == 404


def test_ledger_page_shows_target_expected_range_and_withdrawals(client, politician, world):
    response, text = get(client, politician, world)
    standing = response.context["standing"]
    first = standing.years[0]
    assert (first.ledger.target, first.range.expected, first.ledger.withdrawal) == (
        30_000_000,
        27_400_000,
        21_000_000,
    )
    assert first.range.low == 19_180_000 and first.range.high == 30_140_000
    assert [y.year for y in standing.years] == [2026, 2027, 2028, 2029, 2030]
    assert "30 000 000 kr" in text and "27 400 000 kr" in text
    assert f"{first.range.at_least:,} kr".replace(",", " ") in text
    assert "Hjemmetjenesten" in text and "Ikke angitt" in text  # the gain without a unit
    # target − withdrawals in 2026
    assert "9 000 000 kr" in text
    # The gain without a range is said, with its money.
    assert "1 gevinst har ikke kjent spenn for 1 000 000 kr" in text
    # The idea without a plan is listed, not counted as 0 kr.
    assert "Bare en idé" in text and "ikke anslått" in text
    # The withdrawal of 2027, not realised yet, is warned about.
    assert "er uttak større enn det gevinsten har realisert" in text
    assert 'href="/hjelp/#gains-range"' in response.content.decode()
    assert response.context["chart"].alt.startswith("Linjediagram")


def test_a_programme_without_targets_or_gains_shows_an_empty_ledger(client, executive, freeze_2026):
    programme = ProgrammeFactory(name="Tomt program")
    _response, text = get(client, executive, programme)
    assert "Sparemål ikke satt" in text
    assert "Ingen økonomisk gevinst er planlagt i disse årene ennå." in text
    assert "Programmet har ingen delprogrammer ennå." in text
    assert "Programmet har ingen prosjekter ennå." in text
    assert "80 % sikker på minst 0 mill. kr" not in text  # no sentence, and no chart, of nothing
    assert _response.context["standing"].is_empty


def test_a_programme_without_ranges_says_the_range_has_no_width(client, executive, world):
    Benefit.objects.update(range_low_percent=None, range_high_percent=None)
    response, text = get(client, executive, world)
    band = response.context["band"]
    assert band.without_range == 2 and band.total.p10 == band.total.p90 == band.total.expected
    assert "2 gevinster har ikke kjent spenn" in text


def test_the_page_follows_a_change_made_after_it_was_cached(client, executive, world):
    get(client, executive, world)
    BenefitPlanYear.objects.filter(year=2026).update(withdrawal=22_000_000)
    response, _text = get(client, executive, world)
    assert response.context["standing"].years[0].ledger.withdrawal == 22_000_000
    SavingsTarget.objects.filter(programme=world).delete()
    response, text = get(client, executive, world)
    assert response.context["standing"].total.ledger.target is None
    assert "Det er ikke satt noe innsparingsmål for disse årene." in text
    EconomicPlan.objects.filter(programme=world).update(horizon_years=None, years=3)
    response, _text = get(client, executive, world)
    assert [y.year for y in response.context["standing"].years] == [2026, 2027, 2028]
    Benefit.objects.filter(title="Uten spenn").update(range_low_percent=90, range_high_percent=100)
    response, _text = get(client, executive, world)
    assert response.context["band"].without_range == 0


def test_no_warning_when_no_withdrawal_exceeds_what_is_realised(client, executive, world):
    BenefitPlanYear.objects.filter(year=2026).update(withdrawal=20_000_000)
    BenefitPlanYear.objects.filter(year=2027).update(withdrawal=None)
    response, text = get(client, executive, world)
    assert response.context["ledger"].over_realised == 0
    assert "uttak større enn det gevinsten har realisert" not in text


def test_the_gain_overview_links_to_the_ledger(client, executive, world):
    client.force_login(executive)
    html = client.get(reverse("benefits:programme_overview", args=[world.pk])).content.decode()
    assert reverse("benefits:ledger", args=[world.pk]) in html


def _grow(programme, n):
    subs = [SubProgrammeFactory(programme=programme) for _ in range(2)]
    for i in range(n):
        project = ProjectFactory(sub_programme=subs[i % 2])
        for b in range(3):
            gain(
                project,
                f"Gevinst {b}",
                [{"planned": 100_000, "withdrawal": 50_000}] * 5,
                unit=f"Enhet {i % 4}",
                range_low_percent=80,
                range_high_percent=120,
            )


def _queries(client, user, programme) -> tuple[int, int]:
    client.force_login(user)
    url = reverse("benefits:ledger", args=[programme.pk])
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    return len(cold), len(warm)


@pytest.mark.parametrize("n", [5, 50])
def test_ledger_page_query_count_does_not_grow_with_projects(client, executive, world, n):
    _grow(world, n)
    cold, warm = _queries(client, executive, world)
    # Session, user, groups (navigation), the programme; the fingerprint. Computing adds the ledger's 8
    # (one project is not in the ledger) and the range's 1.
    assert (cold, warm) == (14, 5)
