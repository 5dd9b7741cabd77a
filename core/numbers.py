"""Parsing of amounts as Norwegians write them: `1 250 000`, `1 250 000 kr`, `kr 1 250 000`, `1,25 mill.`."""

import re
from decimal import Decimal, InvalidOperation

_MILLION = re.compile(r"\s*(mill(ioner)?|mnok|mkr)\.?\s*(kr\.?|nok)?\s*$", re.IGNORECASE)
_KRONER = re.compile(r"\s*(kr\.?|nok|,-)\s*$", re.IGNORECASE)
_CURRENCY_FIRST = re.compile(r"^(kr\.?|nok)\s*", re.IGNORECASE)  # `kr 1 250 000`, `NOK 1,5 mill.`
_SPACES = re.compile(r"[\s\u00a0\u202f]")
# After the spaces are gone: digits (ASCII only), an optional sign, an optional decimal comma or point,
# and dots only as thousands separators in front of the decimal comma. Anything else (exponents like
# `1e99999999`, which would take minutes to turn into an int, `NaN`, `1_000`, `1,000.00`) is refused.
_THOUSANDS_DOTS = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
_WITH_COMMA = re.compile(rf"([-+]?(?:[0-9]*|{_THOUSANDS_DOTS})),([0-9]*)")
_DOT_GROUPED = re.compile(rf"[-+]?{_THOUSANDS_DOTS}")
_PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def parse_decimal(text: str) -> Decimal:
    """A number with a decimal comma and spaces (or dots) between thousands; raises ValueError."""
    cleaned = _SPACES.sub("", text.strip()).replace("\u2212", "-")
    if with_comma := _WITH_COMMA.fullmatch(cleaned):
        integer, fraction = with_comma.groups()
        if not any(c.isdigit() for c in integer + fraction):
            raise ValueError(text)
        cleaned = f"{integer.replace('.', '')}.{fraction}"
    elif _DOT_GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")  # 1.250.000 as a thousands-separated integer
    elif not _PLAIN.fullmatch(cleaned):
        raise ValueError(text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    return value


def parse_kroner(value: str | int | float | Decimal) -> int:
    """Whole kroner from a number or Norwegian text; `1,25 mill.` is 1 250 000. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        amount = Decimal(str(value))
        if not amount.is_finite():  # int() of an infinity raises OverflowError, of sNaN InvalidOperation
            raise ValueError(value)
    else:
        text = _CURRENCY_FIRST.sub("", str(value).strip())
        if not text:
            raise ValueError(value)
        million = _MILLION.search(text)
        if million:
            amount = parse_decimal(text[: million.start()]) * 1_000_000
        else:
            amount = parse_decimal(_KRONER.sub("", text))
    if amount != amount.to_integral_value():
        raise ValueError(value)
    return int(amount)
