"""What an import found wrong with a file and what it did: the one problem type (row, column, Norwegian
message) and the one summary that both imports, their pages, their jobs and their commands share.

An import is all or nothing: a parse step turns the file into typed rows and a list of problems without
touching the database (a `ParsedFile`), and the write step runs only when that list is empty. A write that
finds a problem only the stored data can show raises `ImportRefused`, so its transaction writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with a file: its row as Excel numbers it (1 is the first row; None for the file as a
    whole), its column as the file names it ("" for the whole row), and a Norwegian message."""

    row: int | None
    column: str
    message: str

    @classmethod
    def for_file(cls, message: str) -> ImportProblem:
        return cls(None, "", message)

    @classmethod
    def from_json(cls, data: list) -> ImportProblem:
        row, column, message = data
        return cls(row, column, message)

    def to_json(self) -> list:
        return [self.row, self.column, self.message]

    @property
    def location(self) -> str:
        """«Rad 12, kolonne «Plan 2027»», «Rad 1», or "" for the file as a whole."""
        if self.row is None:
            return ""
        if self.column:
            return _("Row %(row)s, column «%(column)s»") % {"row": self.row, "column": self.column}
        return _("Row %(row)s") % {"row": self.row}

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class ImportRefused(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class ParsedFile:
    """What a parse step read: an import's typed rows (in a subclass) and the file's problems."""

    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class SummaryLine(NamedTuple):
    level: str  # a message level's tag: "success" or "info"
    text: str


@dataclass
class ImportSummary:
    """What an import did: how many of the things it imports it created, updated and left unchanged (found
    as they were), and the Norwegian lines that say so; or the problems of a refused file, when nothing was
    written. A job keeps only the problems and the lines (core.models.ImportJob)."""

    problems: list[ImportProblem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: list[SummaryLine] = field(default_factory=list)

    @classmethod
    def refused_file(cls, message: str) -> ImportSummary:
        """A file refused as a whole (too large, not a workbook …)."""
        return cls(problems=[ImportProblem.for_file(message)])

    @classmethod
    def from_json(cls, *, problems: list, lines: list) -> ImportSummary:
        return cls(
            problems=[ImportProblem.from_json(problem) for problem in problems],
            lines=[SummaryLine(*line) for line in lines],
        )

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def say(self, text: str, *, level: str = "success") -> None:
        self.lines.append(SummaryLine(level, text))
