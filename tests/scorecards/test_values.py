"""Scorecard values as municipalities write them: every form in DOMAIN.md, errors, formatting and status."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecards.values import (
    Bound,
    Direction,
    Kind,
    Status,
    Trend,
    Value,
    ValueParseError,
    format_value,
    parse_value,
    status,
    trend,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scores with a decimal comma
        ("4,5", Value(Kind.NUMBER, D("4.5"))),
        ("4,53", Value(Kind.NUMBER, D("4.53"))),
        # percentages with or without a space, negative, with a decimal, with a unicode minus
        ("98 %", Value(Kind.PERCENT, D(98))),
        ("58 %", Value(Kind.PERCENT, D(58))),
        ("-21%", Value(Kind.PERCENT, D(-21))),
        ("\u221221 %", Value(Kind.PERCENT, D(-21))),
        ("99,9 %", Value(Kind.PERCENT, D("99.9"))),
        ("98\u00a0%", Value(Kind.PERCENT, D(98))),
        # bounds as targets
        ("<205", Value(Kind.NUMBER, D(205), Bound.LT)),
        (">170", Value(Kind.NUMBER, D(170), Bound.GT)),
        ("<0,7", Value(Kind.NUMBER, D("0.7"), Bound.LT)),
        ("< 205", Value(Kind.NUMBER, D(205), Bound.LT)),
        ("≤ 1,5", Value(Kind.NUMBER, D("1.5"), Bound.LE)),
        (">=90 %", Value(Kind.PERCENT, D(90), Bound.GE)),
        ("≥92 %", Value(Kind.PERCENT, D(92), Bound.GE)),
        ("under 5", Value(Kind.NUMBER, D(5), Bound.LT)),
        ("minst 90 %", Value(Kind.PERCENT, D(90), Bound.GE)),
        # ranks
        ("1. plass", Value(Kind.RANK, D(1))),
        ("10. plass", Value(Kind.RANK, D(10))),
        ("3.plass", Value(Kind.RANK, D(3))),
        # durations
        ("15 min", Value(Kind.DURATION, D(15), unit="min")),
        ("2 timer", Value(Kind.DURATION, D(2), unit="t")),
        # counts with spaces (also non-breaking) between thousands, with a remark in parentheses
        ("39 083", Value(Kind.NUMBER, D(39083))),
        ("39\u00a0083", Value(Kind.NUMBER, D(39083))),
        ("610 000", Value(Kind.NUMBER, D(610000))),
        ("610 000 (pga pandemi)", Value(Kind.NUMBER, D(610000), remark="pga pandemi")),
        ("1.250.000", Value(Kind.NUMBER, D(1250000))),
        # a unit behind the number
        ("205 kr", Value(Kind.NUMBER, D(205), unit="kr")),
        # zero is a value
        ("0", Value(Kind.NUMBER, D(0))),
        ("0 %", Value(Kind.PERCENT, D(0))),
        # not measured, in any case, with a note
        ("Ikke målt", Value(Kind.NOT_MEASURED)),
        ("IKKE MÅLT", Value(Kind.NOT_MEASURED)),
        ("ikke målt", Value(Kind.NOT_MEASURED)),
        ("Ikke målt (ny undersøkelse fra 2026)", Value(Kind.NOT_MEASURED, remark="ny undersøkelse fra 2026")),
        ("  4,5\n", Value(Kind.NUMBER, D("4.5"))),
        # other ways reports write the same forms
        ("98 pst.", Value(Kind.PERCENT, D(98))),
        ("10. plass av 356 kommuner", Value(Kind.RANK, D(10), remark="av 356 kommuner")),
        ("Ikke aktuelt", Value(Kind.NOT_MEASURED, remark="Ikke aktuelt")),
        ("i.a.", Value(Kind.NOT_MEASURED, remark="i.a.")),
        ("98 %¹", Value(Kind.PERCENT, D(98), remark="¹")),
        ("0,7 m²", Value(Kind.NUMBER, D("0.7"), unit="m²")),
        # kroner with the currency first or as NOK, and per mille
        ("kr 1 250", Value(Kind.NUMBER, D(1250), unit="kr")),
        ("<kr 205", Value(Kind.NUMBER, D(205), Bound.LT, unit="kr")),
        ("NOK 500", Value(Kind.NUMBER, D(500), unit="kr")),
        ("500 NOK", Value(Kind.NUMBER, D(500), unit="kr")),
        ("3,2 ‰", Value(Kind.NUMBER, D("3.2"), unit="‰")),
    ],
)
def test_every_form_in_the_domain_is_parsed_into_a_typed_value(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["", "   ", None, "\u00a0", "-", "–"])
def test_an_empty_cell_is_no_value_and_not_the_same_as_not_measured(text):
    assert parse_value(text) is None


def test_zero_is_a_value_and_not_measured_is_not():
    assert parse_value("0").is_measured
    assert not parse_value("Ikke målt").is_measured


@pytest.mark.parametrize(
    ("cell", "percent", "expected"),
    [
        (0.98, True, Value(Kind.PERCENT, D(98))),
        (-0.21, True, Value(Kind.PERCENT, D(-21))),
        (0.999, True, Value(Kind.PERCENT, D("99.9"))),
        (39083, False, Value(Kind.NUMBER, D(39083))),
        (39083.0, False, Value(Kind.NUMBER, D(39083))),
        (4.53, False, Value(Kind.NUMBER, D("4.53"))),
        (0, False, Value(Kind.NUMBER, D(0))),
        (0.1 + 0.2, False, Value(Kind.NUMBER, D("0.3"))),
    ],
)
def test_numbers_stored_as_numbers_in_excel_are_read_and_percent_cells_are_scaled(cell, percent, expected):
    assert parse_value(cell, percent_format=percent) == expected


@pytest.mark.parametrize("text", ["4 5", "1e5", "4,5,6", "<", "12 34 %", "<>", "3/4/5", "+", True])
def test_unparseable_text_is_a_norwegian_error_never_a_silent_zero(text):
    with pytest.raises(ValueParseError) as raised:
        parse_value(text)
    assert raised.value.message.startswith(f"«{text}» er ikke en verdi. Skriv et tall")


@pytest.mark.parametrize(
    ("target", "result", "direction", "expected"),
    [
        ("<205", "194", "higher", Status.MET),
        ("<205", "226", "higher", Status.MISSED),
        ("<205", "205", "lower", Status.MISSED),
        ("≤205", "205", "lower", Status.MET),
        (">170", "175", "lower", Status.MET),
        (">170", "170", "higher", Status.MISSED),
        ("1. plass", "1. plass", "higher", Status.MET),
        ("1. plass", "3. plass", "higher", Status.MISSED),
        ("10. plass", "4. plass", "higher", Status.MET),
        ("98 %", "99 %", "higher", Status.MET),
        ("98 %", "97,5 %", "higher", Status.MISSED),
        ("5 min", "4 min", "lower", Status.MET),
        ("5 min", "1 t", "lower", Status.MISSED),
        ("0", "0", "lower", Status.MET),
        ("0", "1", "lower", Status.MISSED),
        ("-5 %", "-21%", "lower", Status.MET),
        ("4,5", "Ikke målt", "higher", Status.NOT_MEASURED),
        ("4,5", "", "higher", Status.NOT_MEASURED),
        ("", "4,5", "higher", Status.NO_TARGET),
        ("Ikke målt", "4,5", "higher", Status.NO_TARGET),
    ],
)
def test_status_follows_bounds_ranks_and_direction(target, result, direction, expected):
    assert status(parse_value(target), parse_value(result), direction) == expected


def test_trend_compares_results_by_direction_and_ranks_are_better_lower():
    assert trend(parse_value("6,8 %"), parse_value("6,1 %"), Direction.LOWER) == Trend.BETTER
    assert trend(parse_value("6,8 %"), parse_value("6,1 %"), Direction.HIGHER) == Trend.WORSE
    assert trend(parse_value("3. plass"), parse_value("1. plass"), Direction.HIGHER) == Trend.BETTER
    assert trend(parse_value("4,5"), parse_value("4,5"), Direction.HIGHER) == Trend.UNCHANGED
    assert trend(parse_value("Ikke målt"), parse_value("4,5"), Direction.HIGHER) is None


@pytest.mark.parametrize(
    ("text", "formatted"),
    [
        ("39083", "39 083"),
        ("4.5", "4,5"),
        ("-21%", "-21 %"),
        ("<0,7", "<0,7"),
        (">= 90%", "≥90 %"),
        ("1.plass", "1. plass"),
        ("15 minutter", "15 min"),
        ("610000 (pga pandemi)", "610 000 (pga pandemi)"),
        ("IKKE MÅLT", "Ikke målt"),
    ],
)
def test_values_are_formatted_the_norwegian_way(text, formatted):
    assert format_value(parse_value(text)) == formatted


# --- Round trips -----------------------------------------------------------------------------------------

numbers = st.decimals(
    min_value=D("-999999999999"), max_value=D("999999999999"), places=3, allow_nan=False, allow_infinity=False
)
remarks = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ", min_size=0, max_size=20).map(
    lambda s: " ".join(s.split())
)
measured = st.one_of(
    st.builds(
        lambda n, b, r: Value(Kind.NUMBER, n, b, remark=r), numbers, st.sampled_from(list(Bound)), remarks
    ),
    st.builds(lambda n, b: Value(Kind.PERCENT, n, b), numbers, st.sampled_from(list(Bound))),
    st.builds(lambda n: Value(Kind.RANK, D(n)), st.integers(min_value=1, max_value=500)),
    st.builds(
        lambda n, u: Value(Kind.DURATION, n, unit=u),
        numbers.filter(lambda n: n >= 0),
        st.sampled_from(["min", "t", "dager", "uker", "mnd", "døgn"]),
    ),
    st.builds(
        lambda n, u: Value(Kind.NUMBER, n, unit=u), numbers, st.sampled_from(["kr", "m²", "kr per m²", "kWh"])
    ),
    st.builds(lambda r: Value(Kind.NOT_MEASURED, remark=r), remarks),
)


@given(measured)
def test_parsing_a_formatted_value_gives_the_same_value(value):
    assert parse_value(format_value(value)) == value


texts = st.one_of(
    st.text(alphabet="0123456789 ,.-−%<>≤≥()abcplasminIkemålt\u00a0", max_size=25),
    st.sampled_from(
        ["4,5", "98 %", "-21%", "<205", "1. plass", "15 min", "610 000 (pga pandemi)", "Ikke målt"]
    ),
)


@given(texts)
def test_formatting_a_parsed_text_and_parsing_again_gives_the_same_value(text):
    try:
        value = parse_value(text)
    except ValueParseError:
        return
    assert parse_value(format_value(value)) == value
