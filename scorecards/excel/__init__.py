"""Scorecards in and out of Excel and CSV, in the layout of municipal annual reports: the file format
(layout), the pure reading of a file into typed rows and problems (reading), and the export (writing)."""

from .layout import (
    LIMITS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    RESULT,
    TARGET,
    direction_text,
)
from .reading import IndicatorRow, ParsedCell, ParsedScorecard, read_scorecard_file
from .writing import export_csv, export_xlsx, template_xlsx

__all__ = [
    "LIMITS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "RESULT",
    "TARGET",
    "IndicatorRow",
    "ParsedCell",
    "ParsedScorecard",
    "direction_text",
    "export_csv",
    "export_xlsx",
    "read_scorecard_file",
    "template_xlsx",
]
