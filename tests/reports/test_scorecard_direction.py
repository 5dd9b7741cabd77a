"""«Avvik fra vedlikeholdsplan» with target 0 and result 3, from a file without a direction column: the page,
the Excel export and the PDF report say «Retning mangler» until the owner confirms that lower is better, and
«Ikke nådd» after (it was shown as «Nådd» when higher was assumed)."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.periods import Period
from portfolio.reports import services as report_services
from portfolio.reports.models import ReportStatus
from scorecards import excel, services
from scorecards.models import DirectionSource, Indicator
from tests.scorecards.factories import GoalFactory, ProjectGoalFactory, ScorecardFactory

from .conftest import PERIOD_KEY, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Avvik fra vedlikeholdsplan"
MET = re.compile(r"(?<!Ikke )Nådd")


def file_without_direction() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Målekort eiendom"])
    sheet.append(["Område", "Perspektiv", "Indikator", "Mål 2026", "Resultat 2026"])
    sheet.append(["Eiendom", "Tjenestekvalitet", NAME, 0, 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def page_row(client, scorecard) -> str:
    page = client.get(scorecard.get_absolute_url()).content.decode()
    return re.search(r'<tr id="indicator-\d+">.*?</tr>', page, re.S).group(0), page


def exported_row(client, scorecard) -> dict:
    response = client.get(reverse("scorecards:scorecard_export", args=[scorecard.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return dict(zip(rows[0], rows[1], strict=True))


def pdf_scorecard_section(user, programme) -> str:
    report, _created = report_services.report_order(
        user=user, scope_object=programme, period=Period.from_key(PERIOD_KEY)
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    text = pdf_text(report.file.read()).replace("\u2010 ", "")  # words hyphenated in narrow columns
    return text[text.index("Indikatorer som måler målene") :]


def test_an_unconfirmed_direction_shows_direction_missing_everywhere_until_the_owner_confirms_it(
    client, report_world, media_root
):
    owner = report_world["executive"]
    goal = GoalFactory(code="2", title="Godt vedlikeholdte bygg")
    ProjectGoalFactory(project=report_world["projects"][2], goal=goal)
    scorecard = ScorecardFactory(title="121: Eiendom", owner=owner, first_year=2026, last_year=2026)
    parsed = excel.read_scorecard_file(file_without_direction(), "eiendom.xlsx")
    assert parsed.problems == []
    services.scorecard_import(scorecard=scorecard, parsed=parsed, user=owner)
    indicator = Indicator.objects.get(name=NAME)
    assert (indicator.direction, indicator.direction_source) == ("lower", DirectionSource.INFERRED)
    Indicator.objects.filter(pk=indicator.pk).update(goal=goal)
    client.force_login(owner)

    # Before: no Nådd or Ikke nådd anywhere, and the page asks the owner to confirm the proposal.
    row, page = page_row(client, scorecard)
    assert "Retning mangler" in row and "Ikke nådd" not in row and not MET.search(row)
    confirm = re.search(r'<li class="app-confirm-item" id="confirm-\d+">.*?</li>', page, re.S).group(0)
    assert NAME in confirm and "Målet er 0: lavere er bedre." in confirm
    assert 'value="lower"' in confirm and 'value="higher"' in confirm
    exported = exported_row(client, scorecard)
    assert (exported["Mål"], exported["Resultat"], exported["Status"]) == ("0", "3", "Retning mangler")
    assert not exported["Retning"], "an unconfirmed direction is not exported as if the file had stated it"
    section = pdf_scorecard_section(owner, report_world["programme"])
    assert NAME in section and "Retning mangler" in section
    assert "Ikke nådd" not in section and not MET.search(section)

    # The owner confirms in one click; the change is in the indicator's history.
    response = client.post(
        reverse("scorecards:direction_confirm", args=[indicator.pk]), {"direction": "lower", "year": "2026"}
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.direction, indicator.direction_source) == ("lower", DirectionSource.USER)
    record = indicator.history.first()
    assert (record.history_user, record.history_change_reason) == (owner, "Retning bekreftet")

    # After: the status shows, on the page, in the export and in a new PDF.
    row, page = page_row(client, scorecard)
    assert "Ikke nådd" in row and "Retning mangler" not in row and "lavere er bedre" in row
    assert 'id="directions"' not in page
    exported = exported_row(client, scorecard)
    assert (exported["Retning"], exported["Status"]) == ("lavere er bedre", "Ikke nådd")
    section = pdf_scorecard_section(owner, report_world["programme"])
    assert "Ikke nådd" in section and "Retning mangler" not in section
