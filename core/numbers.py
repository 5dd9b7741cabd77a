"""Numbers and money as Norwegians read and write them, in one place: `1 250 000`, `68 627 kr`,
`1,25 mill. kr`, `2,5 årsverk`, `12,5 %`, `2026`, read back from `1 250 000 kr`, `kr 1,5 mill.` or `1.250.000`.

Every page, Excel message, PDF report, chart and history text formats its figures with these functions (the
template filters in core/templatetags/formatting.py wrap them), so a rule is changed here once. The rules:

- Thousands are grouped with a non-breaking space (a figure is never broken across lines), decimals follow a
  comma, and a negative number starts with a hyphen-minus: `-1 250,5`. Django's own number localisation
  reads the same separators (config/formats/nb/formats.py imports them from here).
- Rounding is half up, as Norwegians learn it at school and as Django's `floatformat` does: 2,45 with one
  decimal is 2,5. A figure that rounds to zero is `0`, never `-0`.
- Millions have at most two decimals and no trailing zeros: `1,25 mill. kr`, `6 mill. kr`, so that any
  amount in tens of thousands reads back exactly.
- Years are never grouped (`2026`), and a missing figure is an en dash: `–`.
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from django.utils.formats import date_format
from django.utils.translation import gettext as _

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"  # a non-breaking space
MISSING = "–"  # an en dash: no figure

Number = int | float | Decimal

# --- Reading ------------------------------------------------------------------------------------------------

_MILLION = re.compile(r"\s*(mill(ioner)?|mnok|mkr)\.?\s*(kr\.?|nok)?\s*$", re.IGNORECASE)
_KRONER = re.compile(r"\s*(kr\.?|nok|,-)\s*$", re.IGNORECASE)
_CURRENCY_FIRST = re.compile(r"^(kr\.?|nok)\s*", re.IGNORECASE)  # `kr 1 250 000`, `NOK 1,5 mill.`
_GAP = r"[\s\u00a0\u202f\u2007']"  # what stands between groups of thousands: spaces of any kind, `'`
_GAPS = re.compile(_GAP)
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # the minus sign and the en dash, as typed
# Spaces group thousands only: `39 083` and `1 250 000,5` are numbers, `4 5` and `12 34` are not.
_SPACED = re.compile(rf"\d{_GAP}+\d")
_SPACE_GROUPED = re.compile(rf"[-+]?\s*\d{{1,3}}(?:{_GAP}\d{{3}})+(?:[,.]\d+)?")
# After the spaces are gone: digits (ASCII only), an optional sign, an optional decimal comma or point,
# dots (or, in threes or more, commas) only as thousands separators. A decimal separator needs digits
# behind it: `3.` is the ordinal «third», not 3. Anything else (exponents like `1e99999999`, which would
# take minutes to turn into an int, `NaN`, `1_000`, `1,000.00`) is refused.
_THOUSANDS_DOTS = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
_WITH_COMMA = re.compile(rf"([-+]?(?:[0-9]*|{_THOUSANDS_DOTS})),([0-9]+)")
_DOT_GROUPED = re.compile(rf"[-+]?{_THOUSANDS_DOTS}")
_COMMA_GROUPED = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:,[0-9]{3}){2,}")  # 1,250,000 written the English way
_PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)")


def parse_decimal(value: str | Number) -> Decimal:
    """A number from Norwegian text (`4,5`, `1 250 000`, `1.250.000`, `−21`) or a number as it is;
    raises ValueError for anything else, also for infinities and NaN."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise ValueError(value)
        return number
    text = str(value).strip().translate(_MINUS)
    if _SPACED.search(text) and not _SPACE_GROUPED.fullmatch(text):
        raise ValueError(value)
    cleaned = _GAPS.sub("", text)
    if with_comma := _WITH_COMMA.fullmatch(cleaned):
        integer, fraction = with_comma.groups()
        cleaned = f"{integer.replace('.', '')}.{fraction}"
    elif _DOT_GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")  # 1.250.000 as a thousands-separated integer
    elif _COMMA_GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif not _PLAIN.fullmatch(cleaned):
        raise ValueError(value)
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def parse_kroner(value: str | Number) -> int:
    """Whole kroner from a number or Norwegian text; `1,25 mill.` is 1 250 000. Raises ValueError."""
    if isinstance(value, str):
        text = _CURRENCY_FIRST.sub("", value.strip())
        if not text:
            raise ValueError(value)
        if million := _MILLION.search(text):
            amount = parse_decimal(text[: million.start()]).scaleb(6)
        else:
            amount = parse_decimal(_KRONER.sub("", text))
    elif isinstance(value, int) and not isinstance(value, bool):
        return value
    else:
        amount = parse_decimal(value)
    if amount != amount.to_integral_value():
        raise ValueError(value)
    return int(amount)


# --- Writing ------------------------------------------------------------------------------------------------


def _decimal(value: Number | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    # str gives a float's shortest text that reads back: 0.1 is 0.1, not 0.1000000000000000055511151231257827.
    number = Decimal(str(value) if isinstance(value, float) else value)
    if not number.is_finite():
        raise ValueError(value)
    return number


def _rounded(number: Decimal, places: int) -> Decimal:
    """Half up to `places` decimals, with the precision the number needs (quantize refuses more digits
    than its context has: 28 by default)."""
    precision = max(number.adjusted(), 0) + places + 2
    return number.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP, Context(prec=max(precision, 28)))


def _grouped(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    return separator.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def format_number(
    value: Number | None, places: int | None = None, *, separator: str = THOUSAND_SEPARATOR
) -> str:
    """`68 627`, `4,5`, `-1 250,75`: thousands grouped, a decimal comma. With `places`, exactly that many
    decimals (rounded half up); without, as many as the value needs (`4,50` is `4,5`). None is `–`.

    `separator` is for scorecard values, whose text is stored as written with plain spaces."""
    if value is None:
        return MISSING
    number = _decimal(value)
    if places is not None:
        number = _rounded(number, places)
    sign = "-" if number < 0 else ""  # a rounded zero keeps no sign: Decimal("-0.0") < 0 is False
    # copy_abs, as abs() would round to 28 digits
    integer, _point, fraction = format(number.copy_abs(), "f").partition(".")
    if places is None:
        fraction = fraction.rstrip("0")
    grouped = _grouped(integer, separator)
    return f"{sign}{grouped}{DECIMAL_SEPARATOR}{fraction}" if fraction else f"{sign}{grouped}"


def format_kroner(value: Number | None) -> str:
    """Whole kroner: `68 627 kr` (rounded half up); None is `–`."""
    if value is None:
        return MISSING
    return _("%(amount)s kr") % {"amount": format_number(value, 0)}


def format_millions(value: Number | None, *, unit: bool = True) -> str:
    """Kroner in millions with at most two decimals: `1,25 mill. kr`, `6 mill. kr`, `0,05 mill. kr`; without
    the unit (`1,25`) for a chart's axis, whose label names it. None is `–`."""
    if value is None:
        return MISSING
    kroner = _decimal(value)
    millions = kroner.scaleb(-6, Context(prec=max(len(kroner.as_tuple().digits), 28)))  # exact
    amount = format_number(_rounded(millions, 2))
    return _("%(amount)s mill. kr") % {"amount": amount} if unit else amount


def format_person_years(value: Number | None) -> str:
    """Person-years with one decimal: `2,5 årsverk`; None is `–`."""
    if value is None:
        return MISSING
    return _("%(n)s person-years") % {"n": format_number(value, 1)}


def format_percent(
    value: Number | None, places: int | None = None, *, separator: str = THOUSAND_SEPARATOR
) -> str:
    """A share in per cent, 0–100: `12,5 %`, `-21 %`; `places` as for format_number. None is `–`."""
    if value is None:
        return MISSING
    return f"{format_number(value, places, separator=separator)} %"


def format_year(value: int | None) -> str:
    """A year as it is written: `2026`, never `2 026`; None is `–`."""
    return MISSING if value is None else str(int(value))


def format_date(value: datetime.date | None) -> str:
    """A date the short Norwegian way: `05.03.2026`; None is `–`."""
    return MISSING if value is None else date_format(value, "SHORT_DATE_FORMAT")


def format_as_typed(value: object) -> object:
    """A stored number as a person types it in a text field (`1 250 000`, `4,5`), parsed back as it is;
    empty for None, and text (what the person typed) unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return value
    return format_number(value)
