"""What an import will store, indicator by indicator, for a person to check before anything is written: each
value as parsed beside the text the file shows, the status it gives, where each direction comes from, the
heading rows and notes, and every problem. The preview page and `import_scorecard --dry-run` show the same."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.import_problems import ImportProblem
from core.tables import LineKind

from .. import values
from ..values import Direction, Status
from .layout import AREA, PERSPECTIVE, RESULT, TARGET
from .reading import IndicatorRow, ParsedCell, ScorecardReading, heading_target, inferred_direction


def preview_status(target: ParsedCell | None, result: ParsedCell | None, direction: Direction) -> Status:
    """The status an indicator's values give for a year: the one place the preview asks for it."""
    return values.status(target and target.value, result and result.value, direction)


@dataclass(frozen=True)
class PreviewYear:
    """An indicator's target and result in one year, as they will be stored, and the status they give;
    `covered` says whether the file has a target and a result column for that year at all."""

    year: int
    target: ParsedCell | None
    result: ParsedCell | None
    covered: tuple[bool, bool]
    status: Status


@dataclass
class PreviewRow:
    indicator: IndicatorRow
    years: list[PreviewYear]
    direction_source: str  # "file" (its direction column), "chosen" (in the preview) or "inferred"
    inferred: (
        tuple[Direction, str] | None
    )  # what would be inferred, with the reason, when the file says nothing
    problems: list[ImportProblem] = field(default_factory=list)


@dataclass(frozen=True)
class PreviewHeading:
    """A heading row inside the table, and what it becomes (AREA, PERSPECTIVE, or "" when it is left out)."""

    row: int
    text: str
    becomes: str


@dataclass
class Preview:
    reading: ScorecardReading
    entries: list[PreviewRow | PreviewHeading]  # in the order of the file
    years: list[int]
    other_problems: list[ImportProblem]  # the problems of no indicator shown (the header, nameless rows …)

    @property
    def rows(self) -> list[PreviewRow]:
        return [entry for entry in self.entries if isinstance(entry, PreviewRow)]

    @property
    def problems(self) -> list[ImportProblem]:
        return self.reading.problems

    @property
    def inferred(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.direction_source == "inferred"]

    @property
    def repeated_headers(self) -> list[int]:
        """The rows that repeat the header inside the table (a table in blocks): skipped, and said so."""
        return [line.number for line in self.reading.lines if line.kind == LineKind.HEADER]


def build_preview(reading: ScorecardReading) -> Preview:
    parsed, mapping = reading.parsed, reading.mapping
    years = parsed.years
    by_row: dict[int, list[ImportProblem]] = {}
    for problem in parsed.problems:
        by_row.setdefault(problem.row, []).append(problem)
    entries: list[PreviewRow | PreviewHeading] = []
    for indicator in parsed.rows:
        yearly = [
            PreviewYear(
                year,
                indicator.targets.get(year),
                indicator.results.get(year),
                ((TARGET, year) in indicator.covered, (RESULT, year) in indicator.covered),
                preview_status(
                    indicator.targets.get(year),
                    indicator.results.get(year),
                    # A guess is a proposal: no Nådd/Ikke nådd until the file or the person states it.
                    Direction.UNKNOWN if indicator.direction_inferred else indicator.direction,
                ),
            )
            for year in years
        ]
        inferred = None
        if indicator.direction_inferred:
            source, inferred = "inferred", (indicator.direction, indicator.direction_inferred)
        elif mapping is not None and indicator.row in mapping.directions:
            source, inferred = "chosen", inferred_direction(indicator)
        else:
            source = "file"
        entries.append(PreviewRow(indicator, yearly, source, inferred, by_row.pop(indicator.row, [])))
    if mapping is not None:
        headings = [line for line in reading.lines if line.kind == LineKind.HEADING]
        for line in headings:
            becomes = heading_target(line, mapping)
            entries.append(
                PreviewHeading(line.number, line.text, becomes if becomes in (AREA, PERSPECTIVE) else "")
            )
    entries.sort(key=lambda entry: entry.row if isinstance(entry, PreviewHeading) else entry.indicator.row)
    other = [problem for problems in by_row.values() for problem in problems]
    return Preview(reading, entries, years, other)
