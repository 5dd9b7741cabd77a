"""Parsing of amounts as Norwegians write them: `1 250 000`, `1 250 000 kr`, `1,25 mill.`, `68627`."""

import re
from decimal import Decimal, InvalidOperation

_MILLION = re.compile(r"\s*(mill(ioner)?|mnok|mkr)\.?\s*(kr\.?|nok)?\s*$", re.IGNORECASE)
_KRONER = re.compile(r"\s*(kr\.?|nok|,-)\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_decimal(text: str) -> Decimal:
    """A number with a decimal comma and spaces (or dots) between thousands; raises ValueError."""
    cleaned = _SPACES.sub("", text.strip()).replace("\u2212", "-")
    if cleaned.count(",") > 1:
        raise ValueError(text)
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # 1.250.000 as a thousands-separated integer
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_kroner(value: str | int | float | Decimal) -> int:
    """Whole kroner from a number or Norwegian text; `1,25 mill.` is 1 250 000. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        amount = Decimal(str(value))
    else:
        text = str(value).strip()
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
