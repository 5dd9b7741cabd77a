"""Writes for non-financial gains as indicators: measurements, and a benefit's target and scorecard link.
Each write is recorded in the history (who, when, what) and shown in the gains change log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.history import delete_with_history, save_with_history

from .models import Benefit, BenefitMeasurement


class StaleEdit(Exception):
    """Someone else changed what the form was opened with: nothing was saved."""


def _save_measurement(measurement: BenefitMeasurement, user: AbstractBaseUser) -> None:
    measurement.full_clean()
    try:
        with transaction.atomic():
            save_with_history(measurement, user=user)
    except IntegrityError as exc:  # two people adding the same date at the same moment
        raise ValidationError(
            {"measured_on": _("The benefit already has a measurement on this date.")}
        ) from exc


@transaction.atomic
def measurement_create(
    *, benefit: Benefit, user: AbstractBaseUser, data: dict[str, Any]
) -> BenefitMeasurement:
    measurement = BenefitMeasurement(
        benefit=benefit,
        measured_on=data["measured_on"],
        value=data["value"],
        comment=data.get("comment", ""),
        recorded_by=user,
    )
    _save_measurement(measurement, user)
    return measurement


@transaction.atomic
def measurement_update(
    *, measurement_id: int, user: AbstractBaseUser, data: dict[str, Any], original: str, fingerprint
) -> BenefitMeasurement:
    """Changes a measurement. Raises StaleEdit when someone else changed it since `original` (the form's
    fingerprint) to something other than what is submitted, and BenefitMeasurement.DoesNotExist when it
    was deleted meanwhile."""
    measurement = BenefitMeasurement.objects.select_for_update().get(pk=measurement_id)
    stored = fingerprint(measurement)
    for name in ("measured_on", "value", "comment"):
        setattr(measurement, name, data[name])
    if stored != original and fingerprint(measurement) != stored:
        raise StaleEdit
    measurement.recorded_by = user
    _save_measurement(measurement, user)
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: BenefitMeasurement, user: AbstractBaseUser) -> None:
    delete_with_history(measurement, user=user)


@transaction.atomic
def benefit_indicator_set(
    *, benefit_id: int, user: AbstractBaseUser, data: dict[str, Any], original: str, fingerprint
) -> Benefit:
    """Sets the benefit's target value and date and its scorecard indicator; bumps its version, so a benefit
    form opened before knows it is stale. Raises StaleEdit when these fields changed since `original`
    (the form's fingerprint) to something other than what is submitted."""
    benefit = Benefit.objects.select_for_update().get(pk=benefit_id)
    stored = fingerprint(benefit)
    for name in ("target_value", "target_date", "indicator"):
        setattr(benefit, name, data[name])
    if stored != original and fingerprint(benefit) != stored:
        raise StaleEdit
    benefit.version += 1
    benefit.full_clean()
    save_with_history(benefit, user=user)
    return benefit
