"""Scorecard values as municipalities write them: parsing, Norwegian formatting, status and trend.

A value is what one cell of an annual report's scorecard holds: `4,5`, `98 %`, `-21%`, `<205`, `≥ 90 %`,
`1. plass`, `15 min`, `39 083`, `610 000 (pga pandemi)`, `Ikke målt`, `0`, `ja`, `***)nei`, `38/62`, a
target relative to another year (`som i fjor`, `nivå som 2015`, `økning`), or a comment (`Tiltaket er
utsatt`, `16 % økning fra 2017`), which is kept as a note. `parse_value` turns the text (or the number an
Excel cell holds) into a `Value`; `format_value` prints a `Value` the Norwegian way, and parsing that text
gives the same `Value` again. An empty cell or a dash is `None` (no value), which is not the same as `Ikke
målt`. Text that looks like a number but is not one (`4 5`, `1e5`) is a `ValueParseError` with a Norwegian
message, never a silent zero.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
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
    YES_NO = "yes_no"  # `ja` is 1, `nei` is 0
    RATIO = "ratio"  # `38/62`: the first share is the number, the second is kept in `unit`
    RELATIVE = "relative"  # `økning fra 2015`: the relation is kept in `unit`, the year (if any) in `number`
    TEXT = "text"  # a comment where a value was expected, kept in `remark`


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
    UNKNOWN = "unknown"


DIRECTION_LABELS = {
    Direction.HIGHER: _("higher is better"),
    Direction.LOWER: _("lower is better"),
    Direction.UNKNOWN: _("direction unknown"),
}


class Status(StrEnum):
    MET = "met"
    MISSED = "missed"
    NOT_MEASURED = "not_measured"
    NO_TARGET = "no_target"
    # The target and the result cannot be compared: a comment, a ratio, a relative target without the
    # result it refers to. Never a guess.
    NOT_ASSESSABLE = "not_assessable"
    # They could be compared, but nobody has confirmed which way is better.
    NO_DIRECTION = "no_direction"


STATUS_LABELS = {
    Status.MET: _("Met"),
    Status.MISSED: _("Not met"),
    Status.NOT_MEASURED: _("Not measured"),
    Status.NO_TARGET: _("No target"),
    Status.NOT_ASSESSABLE: _("Not assessable"),
    Status.NO_DIRECTION: _("Direction missing"),
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
# Text copied out of a PDF turns `<` into the quotation mark `‹`: `=‹ 2`.
_BOUND_SIGNS |= {"‹": Bound.LT, "›": Bound.GT, "=‹": Bound.LE, "‹=": Bound.LE, "=›": Bound.GE, "›=": Bound.GE}
_SIGN = re.compile(r"^(<=|>=|=<|=>|=‹|‹=|=›|›=|<|>|≤|≥|⩽|⩾|‹|›)\s*")
_NOT_MEASURED = re.compile(r"^ikkj?e\s+(?:m[åa]lt|registrert|rapportert)\b[\s.:,;–-]*(.*)$", re.I | re.S)
# Other ways reports say there is no result; kept as the remark of a not-measured value.
_NO_RESULT = re.compile(
    r"^(?:ikkj?e\s+(?:aktuelt|relevant|tilgjengelig|gjennomført|målbart)|ingen\s+måling|mangler\s+data|"
    r"data\s+mangler|utgår|n/a|i\.?\s?a\.?|i\.?\s?m\.?)\b.*$|^(?:i\.?\s?a\.?|i\.?\s?m\.?|n/a)$",
    re.I | re.S,
)
_REMARK = re.compile(r"^(.*?)\s*\((.*)\)\s*$", re.S)
# A footnote mark in front, as tables copied from reports print it: `***)ja`, `¹) 4,5`.
_LEADING_FOOTNOTE = re.compile(r"^(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\)?\s*(?=\S)")
_FOOTNOTE_MARKS = set("*¹²³⁴⁵⁶⁷⁸⁹⁰")
# A footnote mark: `98 %*`, or a superscript right after a digit or % (`98 %¹`; `m²` is a unit, not a note).
_FOOTNOTE = re.compile(r"^(.*?)\s*(\*+|(?<=[\d%])[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$", re.S)
_RANK = re.compile(r"^(?:nr\.?\s*)?(\d+)\s*\.?\s*plass(?:\.|en)?$|^(?:plass|nr\.?)\s*(\d+)\.?$", re.I)
_RANK_OF = re.compile(r"^(.*?plass)\s+(av\s+\d[\d\s]*\D*)$", re.I)  # `10. plass av 356 kommuner`
_PERCENT = re.compile(r"^(.*?)\s*(%|prosent|pst\.?)$", re.I)
_NUMBER_UNIT = re.compile(r"^([-+\u2212]?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*)\s*(\D.*)?$")
_WHITESPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
# An amount with the currency first, as tables of kroner per unit are often written: `kr 1 250`, `NOK 205`.
_CURRENCY_FIRST = re.compile(r"^(?:kr\.?|nok)\s*([-+\u2212]?\d.*)$", re.I)
_YES_NO = {"ja": Decimal(1), "nei": Decimal(0)}
_RATIO = re.compile(r"^(\d+(?:,\d+)?)\s*/\s*(\d+(?:,\d+)?)$")
# A target relative to another year's result: each relation with the ways reports write it. Without a year the
# reference is the year before (`i fjor`). `høyere`/`lavere` need `enn i fjor`: `lavere enn 5` is a limit.
_YEAR = r"(?P<year>fjor|(?:19|20)\d{2})"
_SINCE = rf"(?:\s+(?:fra|sammenlignet\s+med|mot)\s+(?:i\s+)?{_YEAR})?"
_RELATIONS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (relation, re.compile(pattern, re.I))
    for relation, pattern in (
        ("økning", rf"^(?:en\s+)?(?:økning|økt|øke|stigning|vekst){_SINCE}$"),
        ("økning", r"^høyere\s+enn\s+i\s+(?P<year>fjor)$"),
        ("reduksjon", rf"^(?:en\s+)?(?:reduksjon|redusert|redusere|nedgang){_SINCE}$"),
        ("reduksjon", r"^lavere\s+enn\s+i\s+(?P<year>fjor)$"),
        ("forbedring", rf"^(?:en\s+)?(?:forbedring|forbedret){_SINCE}$"),
        ("forbedring", r"^bedre\s+enn\s+i\s+(?P<year>fjor)$"),
        ("nivå", rf"^(?:på\s+)?(?:samme\s+)?nivå\s+(?:som|med)\s+(?:i\s+)?{_YEAR}$"),
        ("nivå", rf"^(?:samme\s+som|som|lik)\s+(?:i\s+)?{_YEAR}$"),
    )
)
# Text that starts like a number, a limit or a sign is a mistyped value, not a comment: `4 5`, `1e5`, `<`;
# so is a number written in words (`fire`, `to uker`) or a lone letter (`x`). Unless it goes on in words: a
# comment that starts with a figure (`16 % økning fra 2017`, `>3 prosentpoeng økning per år`) is a comment.
_NUMERIC_START = re.compile(r"^[\s<>≤≥⩽⩾‹›=+\-\u2212–]*(\d|$)")
_WORD = re.compile(r"[^\W\d_]{2,}")
_NUMBER_WORD = re.compile(
    r"^(?:null|en|ett|én|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tjue|hundre|tusen)(?:\s+\S+)?$",
    re.I,
)
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
    """One parsed scorecard value. `number` is None for NOT_MEASURED, TEXT and a RELATIVE target without a
    year; `unit` is the unit written behind a number or duration (`kr`, `m²`, `min`), the second share of a
    RATIO (`62`) or the relation of a RELATIVE target (`økning`); `remark` is the text in parentheses
    (`pga pandemi`), a footnote mark (`*`), or the whole comment of a TEXT value."""

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
        """The number a status compares, or None when the value cannot be compared as it stands."""
        if self.kind in (Kind.RATIO, Kind.RELATIVE, Kind.TEXT):
            return None
        return self.minutes if self.kind == Kind.DURATION else self.number

    @property
    def is_note(self) -> bool:
        """A comment kept where a value was expected: shown, exported as written, never compared."""
        return self.kind == Kind.TEXT

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
    try:
        return _parse_value_text(text)
    except ValueParseError:
        # A comment where a value was expected is kept as a note on the cell; a mistyped number is refused.
        mistyped = _NUMERIC_START.match(text) and len(_WORD.findall(text)) < 2
        if mistyped or _NUMBER_WORD.match(text) or sum(c.isalpha() for c in text) < 2:
            raise
        return Value(Kind.TEXT, remark=text)


def _parse_value_text(text: str) -> Value:
    if match := _NOT_MEASURED.match(text):
        remark = match.group(1).strip()
        if remark.startswith("(") and remark.endswith(")"):
            remark = remark[1:-1].strip()
        return Value(Kind.NOT_MEASURED, remark=remark)
    if _NO_RESULT.match(text):
        return Value(Kind.NOT_MEASURED, remark=text)
    body, remark = text, ""
    if match := _LEADING_FOOTNOTE.match(body):
        remark, body = match.group(1), body[match.end() :]
        value = _parse_value_text(body)
        if value.remark:
            raise ValueParseError(text)  # two notes on one cell: kept as written, as a comment
        return Value(value.kind, value.number, value.bound, value.unit, remark)
    if match := _REMARK.match(body):
        body, remark = match.group(1), clean_text(match.group(2))
        if not body:
            raise ValueParseError(text)
    elif match := _FOOTNOTE.match(body):
        body, remark = match.group(1), match.group(2)
    elif match := _RANK_OF.match(body):
        body, remark = match.group(1), clean_text(match.group(2))
    for relation, pattern in _RELATIONS:
        if match := pattern.match(body):
            year = match.group("year")  # none named, or `i fjor`: the year before
            number = None if year in (None, "fjor") else Decimal(year)
            return Value(Kind.RELATIVE, number, unit=relation, remark=remark)
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
    if body.casefold() in _YES_NO:
        return Value(Kind.YES_NO, _YES_NO[body.casefold()])
    if match := _RATIO.match(body):
        second = format_number(parse_number(match.group(2)), separator=_PLAIN_SPACE)
        return Value(Kind.RATIO, parse_number(match.group(1)), unit=second)
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
    if value.kind == Kind.TEXT:
        return value.remark
    if value.kind == Kind.NOT_MEASURED:
        text = "Ikke målt"
    elif value.kind == Kind.RELATIVE:
        text = _relative_text(value)
    elif value.kind == Kind.YES_NO:
        text = "ja" if value.number else "nei"
    else:
        number = format_number(value.number, separator=_PLAIN_SPACE)
        if value.kind == Kind.PERCENT:
            text = format_percent(value.number, separator=_PLAIN_SPACE)
        elif value.kind == Kind.RANK:
            text = f"{number}. plass"
        elif value.kind == Kind.RATIO:
            text = f"{number}/{value.unit}"
        elif value.unit:
            text = f"{number} {value.unit}"
        else:
            text = number
        if value.bound:
            text = f"{value.bound}{text}"
    if value.remark:
        # Written right behind the value only where parsing reads it back as a footnote (`98 %¹`, `ja*`).
        footnote = value.kind in (Kind.NUMBER, Kind.PERCENT) and set(value.remark) <= _FOOTNOTE_MARKS
        footnote |= value.kind == Kind.YES_NO and set(value.remark) == {"*"}
        text = f"{text}{value.remark}" if footnote and not value.unit else f"{text} ({value.remark})"
    return text


def _relative_text(value: Value) -> str:
    year = None if value.number is None else int(value.number)
    if value.unit == "nivå":
        return "som i fjor" if year is None else f"nivå som {year}"
    return value.unit if year is None else f"{value.unit} fra {year}"


def status(
    target: Value | None,
    result: Value | None,
    direction: Direction | str,
    *,
    year: int | None = None,
    results: Mapping[int, Value | None] | None = None,
) -> Status:
    """Nådd / Ikke nådd / Ikke målt / Mangler mål / Ikke vurderbar / Retning mangler for one indicator and year.

    A bound in the target decides by itself (`<205` is met by 194 and missed by 205); a rank is better the
    lower it is; a yes/no target is met by the same answer; otherwise the direction decides, and reaching the
    target exactly meets it. A target relative to another year (`som i fjor`, `økning fra 2015`) is compared
    with that year's result from `results` (by year; the year before `year` when it names none). With
    `Direction.UNKNOWN` (a direction nobody confirmed) a target that could be met or missed gives
    NO_DIRECTION: never Met or Not met on a guess.
    """
    if result is None or not result.is_measured:
        return Status.NOT_MEASURED
    if target is None or not target.is_measured:
        return Status.NO_TARGET
    if target.kind == Kind.RELATIVE:
        target = _resolved(target, year, results or {}, direction)
        if target is None:
            return Status.NOT_ASSESSABLE
    goal, actual = target.comparable, result.comparable
    if goal is None or actual is None or (target.kind == Kind.YES_NO) != (result.kind == Kind.YES_NO):
        return Status.NOT_ASSESSABLE
    if direction not in (Direction.HIGHER, Direction.LOWER):
        return Status.NO_DIRECTION
    if target.bound == Bound.LT:
        met = actual < goal
    elif target.bound == Bound.LE:
        met = actual <= goal
    elif target.bound == Bound.GT:
        met = actual > goal
    elif target.bound == Bound.GE:
        met = actual >= goal
    elif target.kind == Kind.YES_NO:
        met = actual == goal
    elif target.kind == Kind.RANK or result.kind == Kind.RANK or direction == Direction.LOWER:
        met = actual <= goal
    else:
        met = actual >= goal
    return Status.MET if met else Status.MISSED


# How a relation compares the result with the year it refers to: a limit, or Bound.NONE for «at least as
# good» (the direction decides); `forbedring` (strictly better) depends on the direction.
_RELATION_BOUNDS = {"økning": Bound.GT, "reduksjon": Bound.LT, "nivå": Bound.NONE}


def _resolved(
    target: Value, year: int | None, results: Mapping[int, Value | None], direction: Direction | str
) -> Value | None:
    """A relative target as the value it refers to (`økning fra 2015` is `>` the 2015 result); None when that
    result is not there to compare with."""
    reference_year = int(target.number) if target.number is not None else (year - 1 if year else None)
    reference = results.get(reference_year) if reference_year is not None else None
    if reference is None or reference.comparable is None or reference.kind == Kind.YES_NO:
        return None
    if target.unit == "forbedring":  # strictly better, whichever way better is
        bound = {Direction.HIGHER: Bound.GT, Direction.LOWER: Bound.LT}.get(direction, Bound.NONE)
    else:
        bound = _RELATION_BOUNDS[target.unit]
    return Value(reference.kind, reference.number, bound, reference.unit)


def trend(earlier: Value | None, later: Value | None, direction: Direction | str) -> Trend | None:
    """Whether the later result is better than the earlier one; None when either was not measured, they
    cannot be compared, or nobody has confirmed which way is better."""
    if direction not in (Direction.HIGHER, Direction.LOWER):
        return None
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
