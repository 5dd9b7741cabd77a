"""What the report body's templates (templates/reports/body/) are given, the same for the PDF and the web
version: the report's snapshot as the templates read it (`s`), the Report row, how the one-page summary cuts
its lists, and the snapshot's SHA-256. Nothing here reads the live data: a report renders from its snapshot
alone, today or years from now."""

from __future__ import annotations

from dataclasses import dataclass

from . import selectors, snapshot
from .models import Report


@dataclass(frozen=True)
class SummaryCut:
    """The summary's lists as the one page shows them; a cut list follows the summary in full."""

    attention_on_summary: list
    attention_cut: bool
    decisions_on_summary: list
    decisions_cut: bool
    target_gap: int | None  # how far the plan is from the target, as a positive amount

    @property
    def lists_continue(self) -> bool:
        return self.attention_cut or self.decisions_cut


def summary_cut(loaded: dict) -> SummaryCut:
    summary = loaded["summary"]
    attention, attention_cut = selectors.on_summary(summary["attention"])
    decisions, decisions_cut = selectors.on_summary(summary["decisions"])
    gap = summary["gains"]["gap_total"]
    return SummaryCut(
        attention_on_summary=attention,
        attention_cut=attention_cut,
        decisions_on_summary=decisions,
        decisions_cut=decisions_cut,
        target_gap=None if gap is None else abs(gap),
    )


def body_context(*, report: Report, frozen: dict, web: bool = False) -> dict:
    """The context of templates/reports/body/report.html for `report` rendered from its snapshot `frozen`
    (as stored in `report.snapshot`); `web` for the web version (charts inline rather than as images)."""
    loaded = snapshot.load(frozen)
    return {
        "s": loaded,
        "report": report,
        "cut": summary_cut(loaded),
        "web": web,
        # The stored digest when there is one: it is what the report's page and archive say.
        "snapshot_sha256": report.snapshot_sha256 or snapshot.digest(frozen),
    }
