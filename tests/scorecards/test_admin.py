"""The admin pages of scorecard values: a target or result changed there is parsed like everywhere else."""

import pytest
from django.urls import reverse

from scorecards.models import IndicatorValue
from tests.scorecards.factories import IndicatorFactory, indicator_value

pytestmark = pytest.mark.django_db


def test_a_result_changed_in_the_admin_changes_the_status_too(admin_client):
    indicator = IndicatorFactory(name="Energikostnad", direction="lower")
    value = indicator_value(indicator, 2025, "<205", "226")
    url = reverse("admin:scorecards_indicatorvalue_change", args=[value.pk])
    data = {"indicator": indicator.pk, "year": 2025, "target_text": "<205", "result_text": "194"}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.result_text, value.result_number, value.status) == ("194", 194, "met")


def test_a_value_that_is_not_a_value_is_refused_in_the_admin(admin_client):
    value = indicator_value(IndicatorFactory(), 2025, "4,5", "4,6")
    url = reverse("admin:scorecards_indicatorvalue_change", args=[value.pk])
    data = {"indicator": value.indicator_id, "year": 2025, "target_text": "4 5", "result_text": "4,6"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "«4 5» er ikke en verdi" in response.content.decode()
    assert IndicatorValue.objects.get().target_text == "4,5"
