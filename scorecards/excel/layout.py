"""The scorecard file format, read and written: its limits, its column names and their aliases, and the words
for a direction."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from core import intake

from ..values import Direction

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
MAX_HEADER_SEARCH_ROWS = 30
# Title rows above the header, then the indicators; 256 columns hold a target and a result for 100 years.
LIMITS = intake.Limits(max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS + MAX_HEADER_SEARCH_ROWS, max_columns=256)

# Header aliases, compared after `reading._normalise_header`.
AREA, PERSPECTIVE, INDICATOR, UNIT, DIRECTION, YEAR, TARGET, RESULT, STATUS = (
    "area",
    "perspective",
    "indicator",
    "unit",
    "direction",
    "year",
    "target",
    "result",
    "status",
)
HEADER_ALIASES = {
    AREA: (
        "område",
        "tjenesteområde",
        "omrade",
        "virksomhet",
        "tjeneste",
        "sektor",
        "hovedområde",
        "avdeling",
    ),
    PERSPECTIVE: ("perspektiv", "fokusområde", "dimensjon", "kategori"),
    INDICATOR: (
        "indikator",
        "indikatorer",
        "måleindikator",
        "indikator/måleparameter",
        "kjennetegn",
        "måleparameter",
    ),
    UNIT: ("enhet", "måleenhet"),
    DIRECTION: ("retning", "ønsket retning"),
    YEAR: ("år", "årstall"),
    TARGET: ("mål", "måltall", "målverdi", "målsetting"),
    RESULT: ("resultat", "resultater", "måling", "oppnådd", "faktisk"),
    STATUS: ("status",),
}

# A `Retning` cell as the export writes it, in the product's language; the Norwegian words are what
# municipalities write, and the reading accepts them in any language (DIRECTION_PREFIXES).
_DIRECTION_TEXT = {
    Direction.HIGHER: gettext_lazy("higher is better"),
    Direction.LOWER: gettext_lazy("lower is better"),
}
# What a `Retning` cell starts with: `høyere er bedre`, `Høy`, `↑`, `lavere er bedre`, `lavt`, `↓` …
DIRECTION_PREFIXES = {
    Direction.HIGHER: ("høy", "hoy", "stig", "øk", "opp", "↑", "higher", "max", "størst"),
    Direction.LOWER: ("lav", "synk", "redu", "ned", "↓", "lower", "min", "minst"),
}

WIDE_HEADERS = ("Område", "Perspektiv", "Indikator", "Enhet", "Retning")
LONG_HEADERS = ("Område", "Perspektiv", "Indikator", "Enhet", "Retning", "År", "Mål", "Resultat", "Status")


def direction_text(direction: Direction | str) -> str:
    """«høyere er bedre» or «lavere er bedre», in the active language."""
    return str(_DIRECTION_TEXT[Direction(direction)])
