"""The scorecard file format, read and written: its limits, its columns' roles with the names municipalities
give them, the product's own headers, and the words for a direction."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy

from core import intake, tables

from ..values import Direction

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
# Title rows above the header, then the indicators; 256 columns hold a target and a result for 100 years.
LIMITS = intake.Limits(
    max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS + tables.HEADER_SEARCH_ROWS, max_columns=256
)

# The roles of a scorecard file's columns (core.tables): their keys, the headers municipalities give them
# (compared after core.tables.normalise), and how their cells are read.
AREA, PERSPECTIVE, INDICATOR, UNIT, DIRECTION, YEAR, TARGET, RESULT = (
    "area",
    "perspective",
    "indicator",
    "unit",
    "direction",
    "year",
    "target",
    "result",
)
IGNORE = tables.IGNORE
ROLES = (
    tables.Role(
        INDICATOR,
        (
            "indikator",
            "indikatorer",
            "måleindikator",
            "måleindikatorer",
            "område / måleindikator",
            "område / indikator",
            "dimensjoner med indikatorer",
            "indikatorer på tjenestekvalitet",
            "indikator / måleparameter",
            "kjennetegn",
            "måleparameter",
            "styringsparameter",
            "styringsparametere",
            "utvalgte styringsparametere",
            "kvalitetsindikator",
            "resultatindikator",
            "nøkkeltall",
        ),
        item=True,
    ),
    tables.Role(
        AREA,
        ("område", "omrade", "tjenesteområde", "virksomhet", "tjeneste", "sektor", "hovedområde", "avdeling"),
    ),
    tables.Role(PERSPECTIVE, ("perspektiv", "fokusområde", "dimensjon", "kategori", "målområde")),
    tables.Role(UNIT, ("enhet", "måleenhet", "benevning")),
    tables.Role(DIRECTION, ("retning", "ønsket retning")),
    tables.Role(YEAR, ("år", "årstall")),
    tables.Role(TARGET, ("mål", "måltall", "målverdi", "målsetting", "målsetning"), yearly=True, value=True),
    tables.Role(
        RESULT,
        ("resultat", "resultater", "res", "måling", "oppnådd", "faktisk"),
        yearly=True,
        bare_year=True,
        value=True,
    ),
)
SINGLE_ROLES = (INDICATOR, AREA, PERSPECTIVE, UNIT, DIRECTION, YEAR)  # at most one column each
HEADING_ROLES = (AREA, PERSPECTIVE, IGNORE)  # what heading rows inside the table may become

ROLE_LABELS = {
    INDICATOR: gettext_lazy("Indicator"),
    AREA: gettext_lazy("Area"),
    PERSPECTIVE: gettext_lazy("Perspective"),
    UNIT: gettext_lazy("Unit"),
    DIRECTION: gettext_lazy("Direction"),
    YEAR: gettext_lazy("Year (one row per year)"),
    IGNORE: gettext_lazy("Not to be imported"),
}
_YEARLY_LABELS = {TARGET: gettext_lazy("Target %(year)s"), RESULT: gettext_lazy("Result %(year)s")}
_YEARLESS_LABELS = {
    TARGET: gettext_lazy("Target (the year in the column Year)"),
    RESULT: gettext_lazy("Result (the year in the column Year)"),
}


def role_label(role: tables.ColumnRole) -> str:
    """«Indikator», «Mål 2015», «Resultat (året i kolonnen År)», «Importeres ikke»."""
    if role.key in _YEARLY_LABELS:
        if role.year is None:
            return str(_YEARLESS_LABELS[role.key])
        return str(_YEARLY_LABELS[role.key]) % {"year": role.year}
    return str(ROLE_LABELS[role.key])


def role_name(role: tables.ColumnRole) -> str:
    """A role as a form or a stored mapping writes it: `indicator`, `target:2015`, `result:`."""
    return tables.role_name(role, ROLES)


def role_from_name(name: str) -> tables.ColumnRole | None:
    """The role `role_name` wrote; None for anything else."""
    return tables.role_from_name(name, ROLES)


# The words a mapping file (`import_scorecard --mapping`) may use for a role, Norwegian or English; a target
# or result takes its year after the word: `resultat 2016`.
ROLE_WORDS = {
    "indikator": INDICATOR,
    "indicator": INDICATOR,
    "område": AREA,
    "area": AREA,
    "perspektiv": PERSPECTIVE,
    "perspective": PERSPECTIVE,
    "enhet": UNIT,
    "unit": UNIT,
    "retning": DIRECTION,
    "direction": DIRECTION,
    "år": YEAR,
    "year": YEAR,
    "mål": TARGET,
    "target": TARGET,
    "resultat": RESULT,
    "result": RESULT,
    "ignorer": IGNORE,
    "ikke importer": IGNORE,
    "ignore": IGNORE,
}

# A `Retning` cell as the export writes it, in the product's language; the Norwegian words are what
# municipalities write, and the reading accepts them in any language (DIRECTION_PREFIXES).
_DIRECTION_TEXT = {
    Direction.HIGHER: gettext_lazy("higher is better"),
    Direction.LOWER: gettext_lazy("lower is better"),
    Direction.UNKNOWN: gettext_lazy("direction unknown"),
}
# What a `Retning` cell starts with: `høyere er bedre`, `Høy`, `↑`, `lavere er bedre`, `lavt`, `↓` …
DIRECTION_PREFIXES = {
    Direction.HIGHER: ("høy", "hoy", "stig", "øk", "opp", "↑", "higher", "max", "størst"),
    Direction.LOWER: ("lav", "synk", "redu", "ned", "↓", "lower", "min", "minst"),
}

WIDE_HEADERS = ("Område", "Perspektiv", "Indikator", "Enhet", "Retning")
LONG_HEADERS = ("Område", "Perspektiv", "Indikator", "Enhet", "Retning", "År", "Mål", "Resultat", "Status")


_OWN_HEADERS = {tables.normalise(name) for name in (*WIDE_HEADERS, *LONG_HEADERS)}
_OWN_YEAR_HEADER = re.compile(r"^(mål|resultat) \d{4}$")


def is_own_layout(header: tables.Header) -> bool:
    """Whether a header is the product's own (the template's, or an export's): one row, and every column
    named exactly as the product names it. Such a file is imported without asking about its columns."""
    names = [tables.normalise(column.header) for column in header.named]
    return len(header.rows) == 1 and all(
        name in _OWN_HEADERS or _OWN_YEAR_HEADER.match(name) for name in names
    )


def direction_text(direction: Direction | str) -> str:
    """«høyere er bedre», «lavere er bedre» or «retning ukjent», in the active language."""
    return str(_DIRECTION_TEXT[Direction(direction)])
