"""Amounts as Norwegians type them: whole kroner with spaces or dots between thousands, `1,25 mill.`."""

from decimal import Decimal

import pytest
from django.utils.formats import number_format
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from core.numbers import parse_decimal, parse_kroner


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
    ],
)
def test_decimal_comma_and_thousands_separators_are_understood(text, number):
    assert parse_decimal(text) == number


@pytest.mark.parametrize("text", ["", ",", "-", "1,2,3", "abc", "NaN", "Infinity", "1e3", "1,000.00"])
def test_text_that_is_not_a_number_is_refused_by_parse_decimal(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


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
