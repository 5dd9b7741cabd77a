"""One meaning of «portefølje» everywhere: the projects decided into it (the decision «Ta inn i
porteføljen»). The projects above the capacity line are named «innenfor kapasiteten» – on the board, the
scenario page, the overview and the PDF report alike; and the board's count says what it counts."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from portfolio import services
from portfolio.models import Outcome

pytestmark = pytest.mark.django_db

BOARD = reverse("portfolio:board")
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_the_board_counts_the_projects_that_fit_and_those_in_the_portfolio_by_their_names(
    make_board, client, executive
):
    _programme, projects = make_board(5, capacity_person_years="3")
    # Rejected: above the line on the board, but takes no capacity, so it is not one that "fits".
    services.decision_record(project=projects[0], outcome=Outcome.REJECT, rationale="Nei", user=executive)
    services.decision_record(project=projects[1], outcome=Outcome.INCLUDE, rationale="Ja", user=executive)
    client.force_login(executive)
    html = client.get(BOARD).content.decode()
    assert "5 prosjekter: 3 får plass innenfor kapasiteten, 1 i porteføljen." in html
    assert not re.search(r"\d+ over kapasitetslinjen", html)
    assert "Over linjen" not in html
    assert "<h1" in html and "Prioriteringstavle: Utvikling og bærekraft" in html


def test_the_pdf_names_the_projects_above_the_line_within_the_capacity_not_the_portfolio():
    # The capacity table of the report (the PDF and the web version).
    text = (TEMPLATES / "reports" / "body" / "capacity.html").read_text(encoding="utf-8")
    assert "within the capacity" in text
    assert "the projects in the portfolio" not in text
    assert "Used by the portfolio" not in text
    assert "Planned gain of the portfolio" not in text
