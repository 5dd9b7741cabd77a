"""Norwegian number and date formats for Django's own localisation: `68 627` with a non-breaking space and
a decimal comma, the separators core.numbers writes every figure with."""

from core.numbers import DECIMAL_SEPARATOR, THOUSAND_SEPARATOR

DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j. F Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
NUMBER_GROUPING = 3

__all__ = [
    "DATETIME_FORMAT",
    "DATE_FORMAT",
    "DATE_INPUT_FORMATS",
    "DECIMAL_SEPARATOR",
    "NUMBER_GROUPING",
    "SHORT_DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "THOUSAND_SEPARATOR",
]
