"""The report's frozen content (portfolio/reports/snapshot.py): valid against its published schema, its
SHA-256 stable across the database's round trip, and refused when it does not follow the schema."""

import copy
import json
from decimal import Decimal

import jsonschema
import pytest

from core.periods import Period
from portfolio.reports import services, snapshot
from portfolio.reports.models import Report, ReportStatus

pytestmark = pytest.mark.django_db(transaction=True)


def floats(value, path="$"):
    """The places of binary floating-point numbers in a JSON document."""
    if isinstance(value, float):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from floats(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from floats(item, f"{path}[{index}]")


def test_the_demo_report_is_stored_with_a_valid_exact_snapshot_and_its_digest(demo, media_root):
    """(One demo report for every check: making it is the slow part.)"""
    report, _created = services.report_order(user=None, scope_object=demo, period=Period.from_key("2026-T2"))
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    stored = Report.objects.get(pk=report.pk).snapshot  # as the database gives it back (jsonb)
    snapshot.validate(stored)
    assert snapshot.digest(stored) == report.snapshot_sha256
    assert stored["schema_version"] == snapshot.SCHEMA_VERSION
    assert stored["report"]["title"] == report.title
    names = [sheet["project"]["name"] for section in stored["sections"] for sheet in section["projects"]]
    assert len(names) == stored["summary"]["project_count"] > 10
    # No binary floats: kroner are integers and other decimals exact strings.
    assert list(floats(stored)) == []

    # A snapshot that breaks the schema is refused.
    broken = copy.deepcopy(stored)
    broken["summary"]["gains"]["planned_total"] = 12.5  # a float where whole kroner belong
    with pytest.raises(jsonschema.ValidationError):
        snapshot.validate(broken)
    broken = copy.deepcopy(stored)
    del broken["sections"][0]["projects"][0]["status"]
    with pytest.raises(jsonschema.ValidationError):
        snapshot.validate(broken)


def test_the_digest_is_over_sorted_compact_utf8_json():
    data = {"b": "blåbær", "a": [1, {"d": None, "c": True}]}
    assert snapshot.canonical_bytes(data) == '{"a":[1,{"c":true,"d":null}],"b":"blåbær"}'.encode()
    assert snapshot.digest(data) == snapshot.digest(json.loads(json.dumps(data, indent=2)))


def test_load_gives_dates_back_and_leaves_exact_decimals_as_written():
    loaded = snapshot.load(
        {
            "period": {"start": "2026-05-01", "end": "2026-08-31"},
            "made_at": "2026-09-01T10:00:00+02:00",
            "milestones": [{"done_date": None, "planned_date": "2026-06-30", "title": "2026-06-30"}],
            "baseline": "12.5",
        }
    )
    assert str(loaded["period"]["start"]) == "2026-05-01"
    assert loaded["made_at"].utcoffset().total_seconds() == 7200
    assert loaded["milestones"][0]["planned_date"].month == 6
    assert loaded["milestones"][0]["title"] == "2026-06-30"  # a title is text, whatever it looks like
    assert loaded["milestones"][0]["done_date"] is None
    assert Decimal(loaded["baseline"]) == Decimal("12.5")
