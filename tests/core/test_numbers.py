"""Figures as Norwegians read and write them (core.numbers): every form the formatters produce, and amounts
typed with spaces or dots between thousands, `1,25 mill.`, read back."""

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.formats import number_format
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from core.numbers import (
    format_as_typed,
    format_date,
    format_kroner,
    format_millions,
    format_number,
    format_percent,
    format_person_years,
    format_year,
    parse_decimal,
    parse_kroner,
)

NBSP = "\u00a0"


def nb(text: str) -> str:
    """The tables write every space; between digits (thousands) it is a non-breaking one."""
    return re.sub(r"(?<=\d) (?=\d)", NBSP, text)


@pytest.fixture(autouse=True)
def norwegian():
    with override("nb"):
        yield


# --- Writing ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (68_627, None, "68 627"),
        (0, None, "0"),
        (-21, None, "-21"),
        (999, None, "999"),
        (1_000, None, "1 000"),
        (1_250_000, None, "1 250 000"),
        (10**30 + 1, None, "1 000 000 000 000 000 000 000 000 000 001"),  # exact past Decimal's 28 digits
        (Decimal("4.50"), None, "4,5"),  # as many decimals as the value needs
        (Decimal("1250000.00"), None, "1 250 000"),
        (Decimal("1250.75"), None, "1 250,75"),
        (Decimal("-1250.75"), None, "-1 250,75"),
        (Decimal("0.001"), None, "0,001"),
        (Decimal("1E+3"), None, "1 000"),  # no exponent
        (0.1 + 0.2, 1, "0,3"),  # a float's binary noise is rounded away
        (2.5, None, "2,5"),
        (Decimal("12"), 1, "12,0"),  # exactly `places` decimals
        (Decimal("2.45"), 1, "2,5"),  # half up, as at school (and floatformat)
        (Decimal("2.44"), 1, "2,4"),
        (Decimal("-2.45"), 1, "-2,5"),
        (Decimal("-0.04"), 1, "0,0"),  # a rounded zero has no sign
        (Decimal("1234.5"), 0, "1 235"),
        (Decimal("1234.49"), 0, "1 234"),
        (None, None, "–"),
        (None, 1, "–"),
    ],
)
def test_numbers_are_grouped_with_non_breaking_spaces_and_have_a_decimal_comma(value, places, text):
    assert format_number(value, places) == nb(text)


def test_a_scorecard_value_asks_for_plain_spaces_as_its_text_is_stored_with():
    assert format_number(Decimal("39083"), separator=" ") == "39 083"
    assert format_percent(Decimal("-1250.5"), separator=" ") == "-1 250,5 %"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (68_627, "68 627 kr"),
        (0, "0 kr"),
        (-5_000, "-5 000 kr"),
        (999_999_999_999, "999 999 999 999 kr"),
        (Decimal("68627.00"), "68 627 kr"),
        (Decimal("1.5"), "2 kr"),  # whole kroner, half up
        (Decimal("1.49"), "1 kr"),
        (None, "–"),
    ],
)
def test_kroner_are_whole_and_grouped(value, text):
    assert format_kroner(value) == nb(text)


@pytest.mark.parametrize(
    ("kroner", "text"),
    [
        (1_250_000, "1,25 mill. kr"),
        (1_500_000, "1,5 mill. kr"),  # no trailing zeros
        (6_000_000, "6 mill. kr"),
        (25_000_000, "25 mill. kr"),
        (1_234_500_000, "1 234,5 mill. kr"),
        (1_249_999, "1,25 mill. kr"),  # at most two decimals, rounded half up
        (1_244_999, "1,24 mill. kr"),
        (1_245_000, "1,25 mill. kr"),
        (50_000, "0,05 mill. kr"),
        (5_000, "0,01 mill. kr"),
        (4_999, "0 mill. kr"),
        (-4_999, "0 mill. kr"),  # never «-0»
        (-1_250_000, "-1,25 mill. kr"),
        (0, "0 mill. kr"),
        (Decimal("1250000.00"), "1,25 mill. kr"),
        (2_500_000.0, "2,5 mill. kr"),  # a chart's axis hands floats
        (None, "–"),
    ],
)
def test_millions_have_at_most_two_decimals(kroner, text):
    assert format_millions(kroner) == nb(text)


def test_millions_without_the_unit_are_a_charts_axis_ticks():
    assert format_millions(1_250_000, unit=False) == "1,25"
    assert format_millions(1_234_500_000, unit=False) == nb("1 234,5")
    assert format_millions(None, unit=False) == "–"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("2.5"), "2,5 årsverk"),
        (Decimal("12"), "12,0 årsverk"),
        (1, "1,0 årsverk"),
        (Decimal("0.05"), "0,1 årsverk"),
        (Decimal("1234.5"), nb("1 234,5 årsverk")),
        (None, "–"),
    ],
)
def test_person_years_have_one_decimal(value, text):
    assert format_person_years(value) == text


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("12.5"), None, "12,5 %"),
        (85, None, "85 %"),
        (-21, None, "-21 %"),
        (0, None, "0 %"),
        (9_999, None, nb("9 999 %")),
        (Decimal("0.123"), 2, "0,12 %"),
        (Decimal("33.333"), 1, "33,3 %"),
        (None, None, "–"),
    ],
)
def test_percentages_have_a_space_before_the_sign(value, places, text):
    assert format_percent(value, places) == text


@pytest.mark.parametrize(("value", "text"), [(2026, "2026"), (1999, "1999"), (10_000, "10000"), (None, "–")])
def test_years_are_never_grouped(value, text):
    assert format_year(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(datetime.date(2026, 3, 5), "05.03.2026"), (datetime.date(2026, 12, 31), "31.12.2026"), (None, "–")],
)
def test_dates_are_written_short_with_dots(value, text):
    assert format_date(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1_250_000, nb("1 250 000")),
        (Decimal("1250000.00"), nb("1 250 000")),
        (Decimal("4.50"), "4,5"),
        (Decimal("-1250.5"), nb("-1 250,5")),
        (None, ""),  # an empty field
        ("1 2 3", "1 2 3"),  # what the person typed is given back as it is
    ],
)
def test_a_stored_number_is_shown_in_a_field_as_it_would_be_typed(value, text):
    assert format_as_typed(value) == text


@pytest.mark.parametrize(
    ("template", "context", "text"),
    [
        ("{{ v|nok }}", {"v": 68_627}, nb("68 627 kr")),
        ("{{ v|nok }}", {"v": None}, "–"),
        ("{{ missing|nok }}", {}, "–"),
        ("{{ v|mnok }}", {"v": 1_250_000}, "1,25 mill. kr"),
        ("{{ v|number }}", {"v": 10_000}, nb("10 000")),
        ("{{ v|number:1 }}", {"v": Decimal("12")}, "12,0"),
        ("{{ v|number:0 }}", {"v": Decimal("4.5")}, "5"),
        ("{{ v|percent }}", {"v": Decimal("12.5")}, "12,5 %"),
        ("{{ v|percent:1 }}", {"v": 12}, "12,0 %"),
        ("{{ v|person_years }}", {"v": Decimal("2.5")}, "2,5 årsverk"),
        ("{{ v|year }}", {"v": 2026}, "2026"),
        # A report snapshot keeps exact decimals as strings (portfolio.reports.snapshot).
        ("{{ v|number }}", {"v": "12.5"}, "12,5"),
        ("{{ v|number:1 }}", {"v": "-1250.25"}, nb("-1 250,3")),
        ("{{ v|percent:0 }}", {"v": "49.5"}, "50 %"),
        ("{{ v|person_years }}", {"v": "2.5"}, "2,5 årsverk"),
        ("{{ v|nok }}", {"v": "68627"}, nb("68 627 kr")),
    ],
)
def test_the_template_filters_write_what_core_numbers_writes(template, context, text):
    assert Template("{% load formatting %}" + template).render(Context(context)) == text


# --- Reading ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kroner"),
    [
        ("1 250 000", 1_250_000),
        ("1\u00a0250\u00a0000", 1_250_000),
        ("1\u202f250\u202f000", 1_250_000),
        ("  1 250 000  ", 1_250_000),
        ("1 250 000 kr", 1_250_000),
        ("1 250 000 kr.", 1_250_000),
        ("1 250 000 NOK", 1_250_000),
        ("1 250 000,-", 1_250_000),
        ("1,25 mill.", 1_250_000),
        ("1,25 mill", 1_250_000),
        ("1,5 mill. kr", 1_500_000),
        ("2 millioner", 2_000_000),
        ("0,25 MNOK", 250_000),
        ("0.250 mill.", 250_000),
        ("68627", 68_627),
        ("68 627,00", 68_627),
        ("-21", -21),
        ("\u221221", -21),
        ("1.250.000", 1_250_000),
        ("1.250.000,00", 1_250_000),
        ("1,250,000", 1_250_000),  # English grouping, never a decimal with three or more groups
        ("1'250'000", 1_250_000),
        ("\u2013500", -500),  # an en dash typed as minus
        ("0", 0),
    ],
)
def test_norwegian_amount_text_is_read_as_whole_kroner(text, kroner):
    assert parse_kroner(text) == kroner


@pytest.mark.parametrize(
    ("value", "kroner"),
    [
        (68_627, 68_627),
        (0, 0),
        (-21, -21),
        (Decimal("1250000"), 1_250_000),
        (Decimal("68627.00"), 68_627),
        (1_250_000.0, 1_250_000),
        (1e20, 10**20),
    ],
)
def test_numbers_that_are_whole_kroner_are_accepted_as_they_are(value, kroner):
    result = parse_kroner(value)
    assert result == kroner
    assert type(result) is int


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "abc",
        "kr",
        "mill.",
        "1,2,3",
        "1,255 kr",  # a fraction of a krone: amounts are whole kroner
        "68 627,50",
        "0,5",
        "1,2345678 mill.",  # 1 234 567,8 kr
        "NaN",
        "nan",
        "sNaN",
        "Infinity",
        "-Infinity",
        "inf",
        "1e3",  # exponents are not how amounts are written, and `1e99999999` would hang the worker
        "1e99999999",
        "1_000",
        "0.500",  # not a thousands-grouped number: a group never starts with 0
        "1,000.00",  # English grouping: not silently one krone
        "1.25.000",
        "4 5",  # spaces group thousands only: not 45
        "1 25 000",
        "1 250 000,",  # a decimal separator needs digits behind it
        "3.",  # the ordinal «third»
        "--5",
        "12-3",
        "\u0661\u0662",  # Arabic-Indic digits
        True,
        1.5,
        Decimal("0.5"),
        float("nan"),
        float("inf"),
        Decimal("Infinity"),
        Decimal("sNaN"),
    ],
)
def test_text_that_is_not_whole_kroner_is_refused_with_value_error(value):
    with pytest.raises(ValueError):
        parse_kroner(value)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        ("0,25", Decimal("0.25")),
        (",5", Decimal("0.5")),
        ("1 250,75", Decimal("1250.75")),
        ("1.250,75", Decimal("1250.75")),
        ("1.250", Decimal("1250")),  # a dot followed by three digits groups thousands, as in Norway
        ("0.500", Decimal("0.5")),
        ("-0,5", Decimal("-0.5")),
        ("12", Decimal("12")),
        ("39 083", Decimal("39083")),
        ("39\u202f083", Decimal("39083")),
        ("1 250 000,5", Decimal("1250000.5")),
        (4.53, Decimal("4.53")),  # a number as Excel stores it
        (Decimal("4.5"), Decimal("4.5")),
        (12, Decimal("12")),
    ],
)
def test_decimal_comma_and_thousands_separators_are_understood(text, number):
    assert parse_decimal(text) == number


@pytest.mark.parametrize(
    "text", ["", ",", "-", "1,2,3", "abc", "NaN", "Infinity", "1e3", "1,000.00", "12 34", "1,", "3."]
)
def test_text_that_is_not_a_number_is_refused_by_parse_decimal(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize("value", [True, float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")])
def test_numbers_that_are_no_figure_are_refused_by_parse_decimal(value):
    with pytest.raises(ValueError):
        parse_decimal(value)


@given(st.integers(min_value=0, max_value=10**30))
def test_any_amount_formatted_the_norwegian_way_reads_back_as_the_same_number(n):
    with override("nb"):
        text = number_format(n, force_grouping=True)
    assert parse_kroner(text) == n
    assert parse_kroner(f"{text} kr") == n


@given(st.integers(min_value=0, max_value=10**14))
def test_amounts_in_millions_with_two_decimals_read_back_exactly(tens_of_thousands):
    kroner = tens_of_thousands * 10_000
    with override("nb"):
        millions = number_format(Decimal(kroner) / 1_000_000, decimal_pos=2, force_grouping=True)
    assert parse_kroner(f"{millions} mill.") == kroner
    assert parse_kroner(f"{millions} mill. kr") == kroner


@pytest.mark.parametrize(
    ("text", "expected"),
    [("kr 1 250 000", 1_250_000), ("Kr. 68 627", 68_627), ("NOK 1,5 mill.", 1_500_000), ("kr 0", 0)],
)
def test_currency_written_before_the_amount_is_understood(text, expected):
    assert parse_kroner(text) == expected


@pytest.mark.parametrize("text", ["kr", "kr ", "NOK kr 5"])
def test_a_currency_without_an_amount_is_refused(text):
    with pytest.raises(ValueError):
        parse_kroner(text)


# --- Round trips: what is written reads back as the same number -------------------------------------------


@given(st.integers(min_value=-(10**30), max_value=10**30))
def test_any_whole_number_written_reads_back_as_the_same_kroner(n):
    assert parse_kroner(format_number(n)) == n
    assert parse_kroner(format_kroner(n)) == n


@given(st.decimals(min_value=-(10**15), max_value=10**15, places=6, allow_nan=False, allow_infinity=False))
def test_any_decimal_written_reads_back_as_the_same_number(number):
    assert parse_decimal(format_number(number)) == number
    assert parse_decimal(format_as_typed(number)) == number


@given(st.integers(min_value=-(10**14), max_value=10**14))
def test_millions_written_read_back_exactly_for_amounts_in_tens_of_thousands(tens_of_thousands):
    kroner = tens_of_thousands * 10_000
    assert parse_kroner(format_millions(kroner)) == kroner
