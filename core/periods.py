"""Reporting periods (tertials or months) for status reports: labels, dates and the current period."""

import calendar
import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class ReportingScheme(models.TextChoices):
    TERTIAL = "tertial", _("Per tertial (three times a year)")
    MONTHLY = "monthly", _("Monthly")


PERIODS_PER_YEAR = {ReportingScheme.TERTIAL: 3, ReportingScheme.MONTHLY: 12}


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period, e.g. 2. tertial 2026 (May–August) or March 2026."""

    year: int
    number: int
    scheme: str = ReportingScheme.TERTIAL

    @property
    def months(self) -> int:
        return 12 // PERIODS_PER_YEAR[ReportingScheme(self.scheme)]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def end(self) -> datetime.date:
        last_month = self.number * self.months
        return datetime.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def key(self) -> str:
        """A stable, sortable text key stored on status reports: `2026-T2` or `2026-03`."""
        if self.scheme == ReportingScheme.TERTIAL:
            return f"{self.year}-T{self.number}"
        return f"{self.year}-{self.number:02d}"

    @property
    def label(self) -> str:
        if self.scheme == ReportingScheme.TERTIAL:
            return _("%(number)s. tertial %(year)s") % {"number": self.number, "year": self.year}
        return formats.date_format(self.start, "F Y").capitalize()

    def __str__(self) -> str:
        return str(self.label)

    def previous(self) -> "Period":
        if self.number > 1:
            return Period(self.year, self.number - 1, self.scheme)
        return Period(self.year - 1, PERIODS_PER_YEAR[ReportingScheme(self.scheme)], self.scheme)

    def next(self) -> "Period":
        if self.number < PERIODS_PER_YEAR[ReportingScheme(self.scheme)]:
            return Period(self.year, self.number + 1, self.scheme)
        return Period(self.year + 1, 1, self.scheme)

    @classmethod
    def containing(cls, day: datetime.date, scheme: str = ReportingScheme.TERTIAL) -> "Period":
        months = 12 // PERIODS_PER_YEAR[ReportingScheme(scheme)]
        return cls(day.year, (day.month - 1) // months + 1, scheme)

    @classmethod
    def from_key(cls, key: str) -> "Period":
        """The period of a key such as `2026-T2` or `2026-03`; ValueError for anything else (`2026-T4`)."""
        year, _sep, rest = key.partition("-")
        scheme = ReportingScheme.TERTIAL if rest.startswith("T") else ReportingScheme.MONTHLY
        number = int(rest.removeprefix("T"))
        if not (year.isdigit() and len(year) == 4 and 1 <= number <= PERIODS_PER_YEAR[scheme]):
            raise ValueError(f"Not a reporting period key: {key!r}")
        return cls(int(year), number, scheme)


def recent_periods(today: datetime.date, scheme: str, *, back: int = 3, ahead: int = 0) -> list[Period]:
    """The current period with a few before (and optionally after) it, newest first."""
    current = Period.containing(today, scheme)
    periods = [current]
    for _i in range(back):
        periods.append(periods[-1].previous())
    later = current
    for _i in range(ahead):
        later = later.next()
        periods.insert(0, later)
    return periods
