"""Reads about a report's versions: a correction is a new report pointing to the published one it corrects
(`Report.corrects`), so the versions of a report form a chain, the original being version 1.

Corrections are rare (a few a year), so every correction link is read in one small query and the chains
are followed in Python: a list of reports of any length gets its version numbers and replacements in that
one query, never a query per report.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Report


def with_versions(reports: Iterable[Report]) -> list[Report]:
    """The reports, each with `version` (1 for an original, one more per correction before it) and
    `replacement` (the published correction of it, with its own `version`, or None) set. One query."""
    reports = list(reports)
    corrections = list(
        Report.objects.filter(corrects__isnull=False)
        .only("pk", "corrects_id", "published_at")
        .order_by("published_at", "pk")
    )
    corrected = {correction.pk: correction.corrects_id for correction in corrections}

    def number(pk: int) -> int:
        seen = {pk}
        while pk in corrected and corrected[pk] not in seen:
            pk = corrected[pk]
            seen.add(pk)
        return len(seen)

    replacements: dict[int, Report] = {}
    for correction in corrections:
        correction.version = number(correction.pk)
        if correction.published_at is not None:
            replacements.setdefault(correction.corrects_id, correction)
    for report in reports:
        report.version = number(report.pk)
        report.replacement = replacements.get(report.pk)
    return reports


def version_number(report: Report) -> int:
    """1 for an original report, 2 for the correction of it, and so on."""
    if not hasattr(report, "version"):
        with_versions([report])
    return report.version


def replaced_by(report: Report) -> Report | None:
    """The published correction that replaces the report (with its `version`), or None."""
    if not hasattr(report, "replacement"):
        with_versions([report])
    return report.replacement


def pending_correction(report: Report) -> Report | None:
    """A correction of the report ordered but not yet published (being made, done or failed), or None."""
    return report.corrections.filter(published_at__isnull=True).order_by("-pk").first()
