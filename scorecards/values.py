"""Scorecard values as municipalities write them: parsing, Norwegian formatting, status and trend.

A value is what one cell of an annual report's scorecard holds: `4,5`, `98 %`, `-21%`, `<205`, `≥ 90 %`,
`1. plass`, `15 min`, `39 083`, `610 000 (pga pandemi)`, `Ikke målt` or `0`. `parse_value` turns the text
(or the number an Excel cell holds) into a `Value`; `format_value` prints a `Value` the Norwegian way, and
parsing that text gives the same `Value` again. An empty cell is `None` (no value), which is not the same
as `Ikke målt`. Anything else is a `ValueParseError` with a Norwegian message, never a silent zero.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.numbers import format_number, format_percent, parse_decimal


class Kind(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    RANK = "rank"
    DURATION = "duration"
    NOT_MEASURED = "not_measured"


class Bound(StrEnum):
    """A target given as a limit: `<205`, `>170`, `≤ 0,7`, `≥ 90 %`. NONE is a plain value."""

    NONE = ""
    LT = "<"
    LE = "≤"
    GT = ">"
    GE = "≥"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Status(StrEnum):
    MET = "met"
    MISSED = "missed"
    NOT_MEASURED = "not_measured"
    NO_TARGET = "no_target"


STATUS_LABELS = {
    Status.MET: _("Met"),
    Status.MISSED: _("Not met"),
    Status.NOT_MEASURED: _("Not measured"),
    Status.NO_TARGET: _("No target"),
}


class Trend(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"


TREND_LABELS = {
    Trend.BETTER: _("Better"),
    Trend.WORSE: _("Worse"),
    Trend.UNCHANGED: _("Unchanged"),
}

# Duration units as written in reports, each with its canonical spelling and its length in minutes.
DURATION_UNITS: dict[str, tuple[str, int]] = {
    "min": ("min", 1),
    "min.": ("min", 1),
    "minutt": ("min", 1),
    "minutter": ("min", 1),
    "t": ("t", 60),
    "t.": ("t", 60),
    "time": ("t", 60),
    "timer": ("t", 60),
    "døgn": ("døgn", 1440),
    "dag": ("dager", 1440),
    "dager": ("dager", 1440),
    "dg": ("dager", 1440),
    "uke": ("uker", 10080),
    "uker": ("uker", 10080),
    "mnd": ("mnd", 43200),
    "mnd.": ("mnd", 43200),
    "måned": ("mnd", 43200),
    "måneder": ("mnd", 43200),
}

# The canonical form of a unit written behind a number; anything not listed is kept as written.
_BOUND_WORDS = (
    (re.compile(r"^(mindre enn|lavere enn|under)\s*", re.I), Bound.LT),
    (re.compile(r"^(mer enn|høyere enn|større enn|over)\s*", re.I), Bound.GT),
    (re.compile(r"^(minst|minimum|min\.)\s*", re.I), Bound.GE),
    (re.compile(r"^(maks(imum)?\.?|høyst|inntil|max\.?)\s*", re.I), Bound.LE),
)
_BOUND_SIGNS = {"<=": Bound.LE, ">=": Bound.GE, "=<": Bound.LE, "=>": Bound.GE, "<": Bound.LT, ">": Bound.GT}
_BOUND_SIGNS |= {"≤": Bound.LE, "≥": Bound.GE, "⩽": Bound.LE, "⩾": Bound.GE}
_SIGN = re.compile(r"^(<=|>=|=<|=>|<|>|≤|≥|⩽|⩾)\s*")
_NOT_MEASURED = re.compile(r"^ikkj?e\s+(?:m[åa]lt|registrert|rapportert)\b[\s.:,;–-]*(.*)$", re.I | re.S)
# Other ways reports say there is no result; kept as the remark of a not-measured value.
_NO_RESULT = re.compile(
    r"^(?:ikkj?e\s+(?:aktuelt|relevant|tilgjengelig|gjennomført|målbart)|ingen\s+måling|mangler\s+data|"
    r"data\s+mangler|utgår|n/a|i\.?\s?a\.?|i\.?\s?m\.?)\b.*$|^(?:i\.?\s?a\.?|i\.?\s?m\.?|n/a)$",
    re.I | re.S,
)
_REMARK = re.compile(r"^(.*?)\s*\((.*)\)\s*$", re.S)
# A footnote mark: `98 %*`, or a superscript right after a digit or % (`98 %¹`; `m²` is a unit, not a note).
_FOOTNOTE = re.compile(r"^(.*?)\s*(\*+|(?<=[\d%])[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$", re.S)
_RANK = re.compile(r"^(?:nr\.?\s*)?(\d+)\s*\.?\s*plass(?:\.|en)?$|^(?:plass|nr\.?)\s*(\d+)\.?$", re.I)
_RANK_OF = re.compile(r"^(.*?plass)\s+(av\s+\d[\d\s]*\D*)$", re.I)  # `10. plass av 356 kommuner`
_PERCENT = re.compile(r"^(.*?)\s*(%|prosent|pst\.?)$", re.I)
_NUMBER_UNIT = re.compile(r"^([-+\u2212]?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*)\s*(\D.*)?$")
_WHITESPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
# An amount with the currency first, as tables of kroner per unit are often written: `kr 1 250`, `NOK 205`.
_CURRENCY_FIRST = re.compile(r"^(?:kr\.?|nok)\s*([-+\u2212]?\d.*)$", re.I)
MAX_DIGITS = 18  # the database keeps 18 digits before and 6 after the decimal point
DECIMAL_PLACES = 6


class ValueParseError(ValueError):
    """A cell whose text is not a value; `message` is Norwegian and says what was expected."""

    def __init__(self, text: str, reason: str = ""):
        self.text = text
        self.reason = reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        base = _(
            "«%(text)s» is not a value. Write a number (4,5 or 39 083), a percentage (98 %%), a limit "
            "(<205 or >170), a rank (1. plass), a duration (15 min), or «Ikke målt»."
        ) % {"text": self.text}
        return f"{base} {self.reason}".strip()

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Value:
    """One parsed scorecard value. `number` is None only for NOT_MEASURED; `unit` is the unit written behind
    a number or duration (`kr`, `m²`, `min`), `remark` the text in parentheses (`pga pandemi`)."""

    kind: Kind
    number: Decimal | None = None
    bound: Bound = Bound.NONE
    unit: str = ""
    remark: str = field(default="")

    @property
    def is_measured(self) -> bool:
        return self.kind != Kind.NOT_MEASURED

    @property
    def minutes(self) -> Decimal | None:
        """A duration's length in minutes, so that `2 t` and `120 min` compare as equal."""
        if self.kind != Kind.DURATION or self.number is None:
            return None
        return self.number * DURATION_UNITS.get(self.unit, ("", 1))[1]

    @property
    def comparable(self) -> Decimal | None:
        return self.minutes if self.kind == Kind.DURATION else self.number

    def __str__(self) -> str:
        return format_value(self)


NOT_MEASURED = Value(Kind.NOT_MEASURED)


def clean_text(text: str) -> str:
    """One line with single spaces: Excel cells carry line breaks, tabs and non-breaking spaces."""
    return _WHITESPACE.sub(" ", str(text)).strip()


def parse_number(text: str) -> Decimal:
    """`4,5`, `39 083`, `1.250.000`, `−21`, `0,7` (core.numbers.parse_decimal), as many digits as the database
    keeps; raises ValueError for anything else (`4 5`, `1e5`, `NaN`)."""
    return _checked(parse_decimal(text), text)


def _checked(number: Decimal, text: str) -> Decimal:
    """Refuses what the database cannot keep exactly: more than 6 decimals or 18 integer digits."""
    if not number.is_finite():
        raise ValueError(text)
    number = number + 0  # -0 is 0
    if number.as_tuple().exponent < -DECIMAL_PLACES or abs(number) >= Decimal(10) ** MAX_DIGITS:
        raise ValueError(text)
    return number


def number_from_cell(value: int | float | Decimal, *, percent_format: bool = False) -> Value:
    """A number as Excel stores it; a cell formatted as percent holds 0.98 for `98 %`."""
    if isinstance(value, bool):
        raise ValueParseError(str(value))
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueParseError(str(value))
    if percent_format:
        number *= 100
    # Excel's floats carry binary noise (0.1 + 0.2); 10 significant digits is more than any report has.
    if isinstance(value, float) and number != 0:
        number = Decimal(format(float(number), ".10g"))
    if number.as_tuple().exponent < -DECIMAL_PLACES:
        number = number.quantize(Decimal(1).scaleb(-DECIMAL_PLACES))  # a formula's 4,5333333333
    number = number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()
    try:
        number = _checked(number, str(value))
    except ValueError as exc:
        raise ValueParseError(str(value)) from exc
    return Value(Kind.PERCENT if percent_format else Kind.NUMBER, number)


def parse_value(raw: object, *, percent_format: bool = False) -> Value | None:
    """The value of one cell: None for an empty cell, a `Value` otherwise; raises ValueParseError.

    `raw` is the cell as read: text, or a number (int, float, Decimal) when Excel stored a number, with
    `percent_format` when the cell is formatted as percent.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueParseError(str(raw))
    if isinstance(raw, int | float | Decimal):
        return number_from_cell(raw, percent_format=percent_format)
    if isinstance(raw, datetime.date | datetime.time | datetime.timedelta):
        raise ValueParseError(
            str(raw), str(_("Excel has turned the value into a date; format the cell as text."))
        )
    text = clean_text(raw)
    if text in ("", "-", "–", "—", "--"):
        return None
    return _parse_text(text)


def _parse_text(text: str) -> Value:
    if match := _NOT_MEASURED.match(text):
        remark = match.group(1).strip()
        if remark.startswith("(") and remark.endswith(")"):
            remark = remark[1:-1].strip()
        return Value(Kind.NOT_MEASURED, remark=remark)
    if _NO_RESULT.match(text):
        return Value(Kind.NOT_MEASURED, remark=text)
    body, remark = text, ""
    if match := _REMARK.match(body):
        body, remark = match.group(1), clean_text(match.group(2))
        if not body:
            raise ValueParseError(text)
    elif match := _FOOTNOTE.match(body):
        body, remark = match.group(1), match.group(2)
    elif match := _RANK_OF.match(body):
        body, remark = match.group(1), clean_text(match.group(2))
    bound = Bound.NONE
    if match := _SIGN.match(body):
        bound, body = _BOUND_SIGNS[match.group(1)], body[match.end() :]
    else:
        for pattern, word_bound in _BOUND_WORDS:
            if match := pattern.match(body):
                bound, body = word_bound, body[match.end() :]
                break
    body = body.strip()
    try:
        value = _parse_plain(body)
    except ValueError as exc:
        raise ValueParseError(text) from exc
    return Value(value.kind, value.number, bound, value.unit, remark)


def _parse_plain(body: str) -> Value:
    if match := _RANK.match(body):
        return Value(Kind.RANK, Decimal(match.group(1) or match.group(2)))
    if match := _PERCENT.match(body):
        return Value(Kind.PERCENT, parse_number(match.group(1)))
    if match := _CURRENCY_FIRST.match(body):
        return Value(Kind.NUMBER, parse_number(match.group(1)), unit="kr")
    match = _NUMBER_UNIT.match(body)
    if not match:
        raise ValueError(body)
    number_text, unit = match.group(1).strip(), clean_text(match.group(2) or "")
    number = parse_number(number_text)
    if not unit:
        return Value(Kind.NUMBER, number)
    canonical = DURATION_UNITS.get(unit.casefold())
    if canonical:
        return Value(Kind.DURATION, number, unit=canonical[0])
    if unit.casefold() in ("nok", "kr.", "kroner"):
        return Value(Kind.NUMBER, number, unit="kr")
    if unit == "‰":  # per mille, e.g. sick leave or births per 1,000 inhabitants
        return Value(Kind.NUMBER, number, unit=unit)
    if not re.fullmatch(r"[^\d()<>≤≥%]{1,20}", unit) or not any(c.isalpha() for c in unit):
        raise ValueError(body)
    return Value(Kind.NUMBER, number, unit=unit)


# A value's text is kept as written, and clean_text writes every space as a plain one: so do its numbers.
_PLAIN_SPACE = " "


def format_value(value: Value | None) -> str:
    """The Norwegian way to write a value; parse_value(format_value(v)) == v."""
    if value is None:
        return ""
    if value.kind == Kind.NOT_MEASURED:
        text = "Ikke målt"
    else:
        number = format_number(value.number, separator=_PLAIN_SPACE)
        if value.kind == Kind.PERCENT:
            text = format_percent(value.number, separator=_PLAIN_SPACE)
        elif value.kind == Kind.RANK:
            text = f"{number}. plass"
        elif value.unit:
            text = f"{number} {value.unit}"
        else:
            text = number
        if value.bound:
            text = f"{value.bound}{text}"
    if value.remark:
        footnote = set(value.remark) <= set("*¹²³⁴⁵⁶⁷⁸⁹⁰") and value.kind in (Kind.NUMBER, Kind.PERCENT)
        text = f"{text}{value.remark}" if footnote and not value.unit else f"{text} ({value.remark})"
    return text


def infer_direction(*values: Value | None) -> tuple[Direction, str]:
    """The direction that the values say, with the reason in Norwegian; higher is better by default.

    `<205` and `1. plass` say lower is better; `>170` says higher is better.
    """
    for value in values:
        if value is None or not value.is_measured:
            continue
        if value.bound in (Bound.LT, Bound.LE):
            return Direction.LOWER, str(_("the target %(value)s is an upper limit")) % {"value": value}
        if value.bound in (Bound.GT, Bound.GE):
            return Direction.HIGHER, str(_("the target %(value)s is a lower limit")) % {"value": value}
    for value in values:
        if value is not None and value.kind == Kind.RANK:
            return Direction.LOWER, str(_("%(value)s is a rank")) % {"value": value}
    return Direction.HIGHER, str(_("no limit or rank in the values, so the default"))


def status(target: Value | None, result: Value | None, direction: Direction | str) -> Status:
    """Nådd / Ikke nådd / Ikke målt / Mangler mål for one indicator and year.

    A bound in the target decides by itself (`<205` is met by 194 and missed by 205); a rank is better the
    lower it is; otherwise the direction decides, and reaching the target exactly meets it.
    """
    if result is None or not result.is_measured:
        return Status.NOT_MEASURED
    if target is None or not target.is_measured:
        return Status.NO_TARGET
    goal, actual = target.comparable, result.comparable
    if goal is None or actual is None:
        return Status.NOT_MEASURED
    if target.bound == Bound.LT:
        met = actual < goal
    elif target.bound == Bound.LE:
        met = actual <= goal
    elif target.bound == Bound.GT:
        met = actual > goal
    elif target.bound == Bound.GE:
        met = actual >= goal
    elif target.kind == Kind.RANK or result.kind == Kind.RANK or direction == Direction.LOWER:
        met = actual <= goal
    else:
        met = actual >= goal
    return Status.MET if met else Status.MISSED


def trend(earlier: Value | None, later: Value | None, direction: Direction | str) -> Trend | None:
    """Whether the later result is better than the earlier one; None when either was not measured."""
    if earlier is None or later is None or not earlier.is_measured or not later.is_measured:
        return None
    before, after = earlier.comparable, later.comparable
    if before is None or after is None:
        return None
    if after == before:
        return Trend.UNCHANGED
    lower_is_better = direction == Direction.LOWER or later.kind == Kind.RANK
    improved = after < before if lower_is_better else after > before
    return Trend.BETTER if improved else Trend.WORSE
