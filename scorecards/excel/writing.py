"""Scorecards out to Excel and CSV: the long form, one row per indicator and year, and the template to fill in."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from core.exports import Sheet, csv_bytes, xlsx_bytes

from ..values import Direction
from .layout import LONG_HEADERS, WIDE_HEADERS, direction_text

LONG_WIDTHS = (26, 20, 50, 14, 18, 8, 16, 22, 12)


def long_rows(scorecard_rows: Iterable[list[object]]) -> Iterable[list[object]]:
    """Header and rows of the long form from `selectors.scorecard_export_rows`."""
    yield list(LONG_HEADERS)
    yield from scorecard_rows


def export_xlsx(rows: Iterable[list[object]]) -> bytes:
    # Text cells stay text, so that `4,5` and `98 %` come back exactly as written.
    return xlsx_bytes([Sheet(title=_("Scorecard"), header=list(LONG_HEADERS), rows=rows, widths=LONG_WIDTHS)])


def export_csv(rows: Iterable[list[object]]) -> bytes:
    """Semicolon-separated UTF-8 with a byte order mark, which Norwegian Excel opens as it is."""
    return csv_bytes(long_rows(rows))


def template_xlsx() -> bytes:
    """An empty scorecard in the wide layout with two example rows, to fill in and import."""
    headers = [*WIDE_HEADERS, "Mål 2024", "Resultat 2024", "Mål 2025", "Resultat 2025"]
    examples = [
        [
            "Administrasjon",
            "Økonomi",
            "Netto driftsresultat i prosent av driftsinntektene",
            "%",
            direction_text(Direction.HIGHER),
            "1,75 %",
            "0,9 %",
            "2 %",
            "Ikke målt",
        ],
        [
            "Eiendom",
            "Økonomi",
            "Energikostnad per kvadratmeter",
            "kr",
            direction_text(Direction.LOWER),
            "<205",
            "194",
            "<200",
            "",
        ],
    ]
    return xlsx_bytes(
        [
            Sheet(
                title=_("Scorecard"),
                header=headers,
                rows=examples,
                widths=(22, 18, 50, 10, 18, 12, 14, 12, 14),
            )
        ]
    )
