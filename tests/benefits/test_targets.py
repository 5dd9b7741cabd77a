"""The programme's economic plan period and savings targets: set by Administrator and Kommunedirektør."""

import pytest
from django.urls import reverse

from benefits.models import EconomicPlan, SavingsTarget

pytestmark = pytest.mark.django_db


def form_data(programme, sub, **changes):
    return {
        "start_year": "2026",
        "years": "4",
        "target_programme_2026": "25 mill.",
        "target_programme_2027": "25 000 000",
        f"target_{sub.pk}_2026": "9 mill.",
    } | changes


def test_executive_sets_the_period_and_targets_with_history(client, programme, project, people):
    sub = project.sub_programme
    client.force_login(people["executive"])
    response = client.post(reverse("benefits:targets_edit", args=[programme.pk]), form_data(programme, sub))
    assert response.status_code == 302
    assert dict(SavingsTarget.objects.filter(sub_programme=None).values_list("year", "amount")) == {
        2026: 25_000_000,
        2027: 25_000_000,
    }
    assert SavingsTarget.objects.get(sub_programme=sub).amount == 9_000_000
    assert SavingsTarget.history.first().history_user == people["executive"]
    # An emptied field removes the target; a longer period adds years.
    client.post(
        reverse("benefits:targets_edit", args=[programme.pk]),
        form_data(programme, sub, years="5", target_programme_2027=""),
    )
    assert list(SavingsTarget.objects.filter(sub_programme=None).values_list("year", flat=True)) == [2026]
    assert EconomicPlan.objects.get(programme=programme).year_list == [2026, 2027, 2028, 2029, 2030]


@pytest.mark.parametrize("role", ["programme_leader", "leader", "politician"])
def test_other_roles_may_not_set_targets(client, programme, project, people, role):
    client.force_login(people[role])
    response = client.post(
        reverse("benefits:targets_edit", args=[programme.pk]), form_data(programme, project.sub_programme)
    )
    assert response.status_code == 403
    assert not SavingsTarget.objects.exists()
