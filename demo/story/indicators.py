"""The demo story's non-financial gains followed as indicators: baseline and target with their dates, the
measurements the benefit owners have recorded, and a scorecard indicator whose results count as
measurements (benefits.selectors.indicators)."""

from __future__ import annotations

from typing import NamedTuple


class DemoIndicatorGain(NamedTuple):
    title: str  # a benefit of demo.story.benefits.BENEFITS
    baseline: str
    baseline_date: str
    target: str
    target_date: str
    indicator: tuple[str, str] | None  # (scorecard title, indicator name) of demo.story.scorecards
    measurements: tuple[tuple[str, str, str], ...] = ()  # (date, value, comment)


INDICATOR_GAINS: tuple[DemoIndicatorGain, ...] = (
    DemoIndicatorGain(
        "Flere ansatte i hel stilling",
        "38",
        "2022-12-31",
        "70",
        "2029-12-31",
        ("254: Helse og omsorg i hjemmet", "Andel heltidsstillinger"),
        (("2026-06-30", "61", "Turnusplan for sommeren 2026."),),
    ),
    DemoIndicatorGain(
        "Svar hele døgnet",
        "20",
        "2025-01-01",
        "40",
        "2029-12-31",
        None,
        (
            ("2026-03-31", "24", "Første kvartal med chatboten."),
            ("2026-06-30", "26", ""),
            ("2026-09-30", "29", "Flere spørsmål om byggesak besvares digitalt."),
        ),
    ),
    # Hours saved a year: no measurement yet, so its achievement is unknown, not 0.
    DemoIndicatorGain("Kortere saksbehandlingstid", "0", "2025-01-01", "4000", "2029-12-31", None),
)
