"""An indicator whose direction nobody has confirmed is never Nådd or Ikke nådd: not in the one status
function, not on the scorecard page, whatever its name, targets and results."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecards.direction import HIGHER_IS_BETTER, LOWER_IS_BETTER
from scorecards.models import DirectionSource, Indicator, IndicatorValue
from scorecards.values import Direction, Status, parse_value
from tests.scorecards.factories import IndicatorFactory, ScorecardFactory, indicator_value

YEARS = (2024, 2025)
TEXTS = [
    "",
    "0",
    "3",
    "4,5",
    "98 %",
    "<205",
    "≤ 2",
    "=‹ 2",
    ">170",
    "minst 90 %",
    "maks 5",
    "1. plass",
    "3. plass",
    "15 min",
    "<3 uker",
    "ja",
    "***)nei",
    "38/62",
    "50/50",
    "som i fjor",
    "nivå som 2024",
    "økning",
    "reduksjon",
    "Ikke målt",
    "Tiltaket er utsatt",
]
stems = [word for word in (*LOWER_IS_BETTER, *HIGHER_IS_BETTER) if word.isalpha()]
names = st.builds(
    lambda prefix, word, suffix: " ".join(part for part in (prefix, word, suffix) if part).capitalize(),
    st.sampled_from(["", "Antall", "Andel", "Gjennomsnittlig", "Brukernes"]),
    st.one_of(st.sampled_from(stems), st.text(alphabet="abcdefghijklmnoprstuvyæøå", min_size=1, max_size=12)),
    st.sampled_from(["", "i %", "per innbygger", "fra vedlikeholdsplan", "uten avvik"]),
)
cells = st.lists(st.tuples(st.sampled_from(TEXTS), st.sampled_from(TEXTS)), min_size=2, max_size=2)
# Not confirmed: an unknown direction from any source, or a known one that was only inferred.
unconfirmed = st.one_of(
    st.tuples(st.just(Direction.UNKNOWN), st.sampled_from(list(DirectionSource))),
    st.tuples(st.sampled_from([Direction.HIGHER, Direction.LOWER]), st.just(DirectionSource.INFERRED)),
)


def unsaved_values(indicator: Indicator, pairs) -> dict[int, IndicatorValue]:
    by_year = {}
    for year, (target, result) in zip(YEARS, pairs, strict=True):
        value = IndicatorValue(indicator=indicator, year=year)
        value.set_value("target", target, parse_value(target))
        value.set_value("result", result, parse_value(result))
        by_year[year] = value
    return by_year


@given(name=names, pairs=cells, direction_and_source=unconfirmed)
def test_the_one_status_function_never_says_met_or_not_met_without_a_confirmed_direction(
    name, pairs, direction_and_source
):
    direction, source = direction_and_source
    indicator = Indicator(name=name, direction=direction, direction_source=source)
    by_year = unsaved_values(indicator, pairs)
    assert not indicator.direction_confirmed
    for year in YEARS:
        assert indicator.status_in(year, by_year) not in (Status.MET, Status.MISSED)


@given(pairs=cells, direction=st.sampled_from([Direction.HIGHER, Direction.LOWER]))
def test_a_confirmed_direction_gives_the_status_the_values_give(pairs, direction):
    from scorecards import values

    indicator = Indicator(name="Indikator", direction=direction, direction_source=DirectionSource.USER)
    by_year = unsaved_values(indicator, pairs)
    for year in YEARS:
        value = by_year[year]
        results = {y: v.result for y, v in by_year.items()}
        expected = values.status(value.target, value.result, direction, year=year, results=results)
        assert indicator.status_in(year, by_year) == expected
        assert expected != Status.NO_DIRECTION


ROW = re.compile(r'<tr id="indicator-\d+">.*?</tr>', re.S)
COUNT = re.compile(r'app-goal-status--(met|missed)">.*?</span> <strong>(\d+)</strong>', re.S)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names, pairs=cells, direction_and_source=unconfirmed)
def test_the_scorecard_page_never_shows_met_or_not_met_without_a_confirmed_direction(
    client, owner, name, pairs, direction_and_source
):
    Indicator.objects.all().delete()
    scorecard = ScorecardFactory(owner=owner, first_year=YEARS[0], last_year=YEARS[-1])
    direction, source = direction_and_source
    indicator = IndicatorFactory(scorecard=scorecard, name=name, direction=direction, direction_source=source)
    for year, (target, result) in zip(YEARS, pairs, strict=True):
        if target or result:
            indicator_value(indicator, year, target, result)
    client.force_login(owner)
    for year in YEARS:
        page = client.get(f"{scorecard.get_absolute_url()}?year={year}").content.decode()
        row = ROW.search(page).group(0)
        assert "Nådd" not in row.replace("Ikke nådd", "") and "Ikke nådd" not in row
        assert "retning ikke bekreftet" in row
        assert {status: int(n) for status, n in COUNT.findall(page)} == {"met": 0, "missed": 0}
        assert 'id="directions"' in page and f'id="confirm-{indicator.pk}"' in page
    scorecard.delete()
