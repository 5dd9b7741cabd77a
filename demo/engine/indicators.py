"""Writes the demo's non-financial gains as indicators: baseline, target and scorecard indicator on the
benefit, and the measurements its owner recorded."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from benefits.models import Benefit, BenefitMeasurement
from demo.story.benefits import BENEFITS
from demo.story.indicators import INDICATOR_GAINS
from scorecards.models import Indicator

from .programmes import ProgrammeDemo
from .rows import Tally, upsert


def seed_indicator_gains(demo: ProgrammeDemo, tally: Tally) -> None:
    """Set the indicator gains' targets and links and record their measurements; running it again changes
    nothing. Needs the benefits and the scorecards loaded first."""
    projects = {spec.title: name for name, specs in BENEFITS.items() for spec in specs}
    for gain in INDICATOR_GAINS:
        benefit = Benefit.objects.get(project=demo.projects[projects[gain.title]], title=gain.title)
        indicator = None
        if gain.indicator:
            scorecard, name = gain.indicator
            indicator = Indicator.objects.get(scorecard__title=scorecard, name=name)
        upsert(
            Benefit,
            match={"pk": benefit.pk},
            values={
                "baseline_value": Decimal(gain.baseline),
                "baseline_date": datetime.date.fromisoformat(gain.baseline_date),
                "target_value": Decimal(gain.target),
                "target_date": datetime.date.fromisoformat(gain.target_date),
                "indicator": indicator,
            },
            tally=tally,
            label=_("benefits"),
        )
        for date, value, comment in gain.measurements:
            measured_on = datetime.date.fromisoformat(date)
            upsert(
                BenefitMeasurement,
                match={"benefit": benefit, "measured_on": measured_on},
                values={
                    "benefit": benefit,
                    "measured_on": measured_on,
                    "value": Decimal(value),
                    "comment": comment,
                    "recorded_by": benefit.owner,
                },
                tally=tally,
                label=_("measurements"),
                created_by=benefit.owner,
            )
