"""The import's parse step on single cells: amounts as Norwegians write them, and what is refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benefits.excel import parse_amount

kroner = st.integers(min_value=0, max_value=10**12)


def norwegian(amount: int, style: int) -> str | int | float:
    grouped = f"{amount:,}".replace(",", " ")
    return [amount, float(amount), grouped, f"{grouped} kr", grouped.replace(" ", "\u00a0"), f"{grouped},-"][
        style
    ]


@given(amount=kroner, style=st.integers(min_value=0, max_value=5))
def test_whole_kroner_written_any_usual_way_parse_to_the_amount(amount, style):
    if style == 1 and amount > 2**53:
        return  # beyond a float's whole numbers; Excel cannot hold such a cell either
    assert parse_amount(norwegian(amount, style), financial=True) == Decimal(amount)


@given(millions=st.integers(min_value=0, max_value=10**6), hundredths=st.integers(min_value=0, max_value=99))
def test_millions_with_a_decimal_comma_parse_to_whole_kroner(millions, hundredths):
    text = f"{millions},{hundredths:02d} mill."
    assert parse_amount(text, financial=True) == Decimal(millions * 1_000_000 + hundredths * 10_000)


@given(
    value=st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
)
def test_own_unit_values_keep_two_decimals(value):
    text = f"{value:f}".replace(".", ",")
    assert parse_amount(text, financial=False) == value


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1 250,50", "«1 250,50» er ikke et beløp i hele kroner; skriv f.eks. 1 250 000 eller 1,25 mill."),
        ("-5", "En gevinst kan ikke være negativ."),
        ("1e999999", "«1e999999» er ikke et beløp i hele kroner; skriv f.eks. 1 250 000 eller 1,25 mill."),
        (True, "«True» er ikke et beløp."),
        ("10 000 000 000 000", "Tallet er for stort."),
    ],
)
def test_amounts_that_are_refused_say_why(cell, message):
    with pytest.raises(ValueError) as error:
        parse_amount(cell, financial=True)
    assert str(error.value) == message


def test_empty_cells_are_not_zero():
    assert parse_amount(None, financial=True) is None
    assert parse_amount("  ", financial=False) is None
    assert parse_amount(0, financial=True) == Decimal(0)
