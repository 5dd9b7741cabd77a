"""The kommunedirektør's front page shows the savings target against the expected gain and its range, and the
withdrawals against the target, from the ledger's selectors, with a link to the ledger page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from benefits.models import Benefit, BenefitPlanYear
from benefits.selectors.savings import savings_standing
from core.numbers import format_millions

from .test_front_page import build, front, text_of

pytestmark = pytest.mark.django_db


def test_executive_front_page_shows_the_target_against_the_range_and_the_withdrawals(client, executive):
    world = build(2)
    Benefit.objects.update(range_low_percent=50, range_high_percent=150)
    BenefitPlanYear.objects.update(withdrawal=Decimal(30_000))
    response, html = front(client, executive)
    text = text_of(html)
    standing = savings_standing(programme_id=world["programme"].pk)
    total = standing.total
    assert response.context["glance"].savings.total == total
    # 4 projects × 100 000 kr planned, with a range; 4 × 150 000 × 2 target per year over four years.
    assert (total.range.expected, total.ledger.target, total.ledger.withdrawal) == (
        400_000,
        1_200_000,
        120_000,
    )
    assert total.range.low == 200_000 < total.range.at_least < 400_000
    sentence = (
        f"Forventet {format_millions(total.range.expected)}, 80 % sikker på minst "
        f"{format_millions(total.range.at_least)}. Innsparingsmål 1,2 mill. kr; tatt ut av budsjettene 0,12 mill. kr."
    )
    assert sentence in text
    assert "Uttak som mangler til målet ⚠ 1,08 mill. kr" in text
    assert reverse("benefits:ledger", args=[world["programme"].pk]) in html


def test_sub_programme_leaders_front_page_leaves_the_programme_range_out(client, role_user):
    from core import roles

    leader = role_user(roles.PROGRAMME_LEADER, username="programleder")
    build(2, sub_leader=leader)
    response, html = front(client, leader)
    assert response.context["glances"][0].savings is None
    assert "80 % sikker på minst" not in text_of(html)
