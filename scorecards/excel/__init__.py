"""Scorecards in and out of Excel and CSV, in the layout of municipal annual reports: the file format
(layout), the pure reading of a file with a mapping of its columns into typed rows and problems (reading), what
an import will store, shown before it is written (preview), and the export (writing)."""

from .layout import (
    HEADING_ROLES,
    LIMITS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    RESULT,
    TARGET,
    direction_text,
    role_from_name,
    role_label,
    role_name,
)
from .preview import Preview, PreviewHeading, PreviewRow, build_preview
from .reading import (
    IndicatorRow,
    Mapping,
    ParsedCell,
    ParsedScorecard,
    Remembered,
    ScorecardReading,
    mapping_questions,
    proposed_mapping,
    read_scorecard,
    read_scorecard_file,
)
from .writing import export_csv, export_xlsx, template_xlsx

__all__ = [
    "HEADING_ROLES",
    "LIMITS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "RESULT",
    "TARGET",
    "IndicatorRow",
    "Mapping",
    "ParsedCell",
    "ParsedScorecard",
    "Preview",
    "PreviewHeading",
    "PreviewRow",
    "Remembered",
    "ScorecardReading",
    "build_preview",
    "direction_text",
    "export_csv",
    "export_xlsx",
    "mapping_questions",
    "proposed_mapping",
    "read_scorecard",
    "read_scorecard_file",
    "role_from_name",
    "role_label",
    "role_name",
    "template_xlsx",
]
