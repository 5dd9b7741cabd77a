"""«Changes since the last report» (portfolio.reports.changes): the comparison of two snapshots, built here by
hand as the worker stores them (plain JSON), the ranking of the five that matter most, the report compared
with, and the two templates that show the changes."""

import copy
import datetime
import json

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from portfolio.reports import changes, snapshot
from portfolio.reports.models import Report, ReportStatus
from programmes.models import risk_level
from tests.reports.test_report_pages import make_report

T2 = ("2026-T2", "2. tertial 2026", "2026-05-01", "2026-08-31", "2026-09-02")
T3 = ("2026-T3", "3. tertial 2026", "2026-09-01", "2026-12-31", "2027-01-03")
RATINGS = (
    ("overall", "samlet status"),
    ("schedule", "fremdrift"),
    ("cost", "kostnad"),
    ("scope", "omfang og kvalitet"),
    ("gains", "gevinster"),
)


def status(period_label="2. tertial 2026", *, is_old=False, **ratings) -> dict:
    values = {name: ratings.get(name, "green") for name, _label in RATINGS}
    return {
        "id": 1,
        "period_label": period_label,
        "is_old": is_old,
        "overall": values["overall"],
        "ratings": [
            {"dimension": name, "label": label, "rating": values[name], "comment": ""}
            for name, label in RATINGS
        ],
        "decisions_needed": "",
    }


def milestone(pk, title, planned, *, done=None, forecast=None, is_late=False) -> dict:
    return {
        "id": pk,
        "title": title,
        "planned_date": planned,
        "forecast_date": forecast,
        "done_date": done,
        "is_late": is_late,
    }


def risk(pk, title, probability, consequence) -> dict:
    score = probability * consequence
    return {"id": pk, "title": title, "score": score, "level": risk_level(score)}


def benefit(pk, title, planned, realised, *, financial=True) -> dict:
    return {
        "id": pk,
        "title": title,
        "kind": "reduced_cost" if financial else "quality",
        "kind_label": "Redusert kostnad" if financial else "Kvalitet",
        "is_financial": financial,
        "planned_total": planned if financial else None,
        "realised_total": realised if financial else None,
    }


def sheet(
    pk,
    name,
    *,
    sub="Innbyggerløftet",
    phase="execution",
    phase_label="Gjennomføring",
    status_=None,
    owes_report=True,
    milestones=(),
    risks=(),
    benefits=(),
    decision_points=(),
) -> dict:
    return {
        "project": {
            "id": pk,
            "name": name,
            "sub_programme": sub,
            "phase": phase,
            "phase_label": phase_label,
        },
        "status": status_ if status_ is not None else status(),
        "owes_report": owes_report,
        "milestones": list(milestones),
        "risks": list(risks),
        "gains": {"rows": list(benefits)},
        "decision_points": list(decision_points),
    }


def snap(period=T2, *, projects=(), decisions=(), scorecard=(), report_id=1) -> dict:
    key, label, start, end, made_on = period
    return {
        "report": {
            "id": report_id,
            "title": f"Statusrapport {label}: Utvikling og bærekraft",
            "period": {"key": key, "label": label, "start": start, "end": end},
            "made_on": made_on,
        },
        "summary": {"decisions": list(decisions)},
        "sections": [{"projects": list(projects)}],
        "scorecard_results": list(scorecard),
        "changes": None,
    }


def kinds(result) -> list[tuple[str, str | None]]:
    return [(item["kind"], item["subject"]) for item in result["items"]]


# --- The comparison ---------------------------------------------------------------------------------------


def test_two_equal_snapshots_have_no_changes_but_say_what_they_compared_with():
    world = [sheet(1, "Digital innbyggerdialog", milestones=[milestone(1, "Chatbot i drift", "2027-03-01")])]
    before = snap(T2, projects=world, report_id=7)
    after = snap(T3, projects=copy.deepcopy(world), report_id=8)
    result = changes.compare(before, after, published_on=datetime.date(2026, 9, 10))
    assert result == {
        "compared_with": {
            "report_id": 7,
            "title": "Statusrapport 2. tertial 2026: Utvikling og bærekraft",
            "period_label": "2. tertial 2026",
            "published_on": "2026-09-10",
        },
        "items": [],
        "top": [],
        "counts": {},
        "totals": {"gain_realised": 0, "gain_plan": 0},
    }


def test_the_first_report_stores_a_comparison_with_nothing():
    first = changes.first_report()
    assert first["compared_with"] is None and first["items"] == [] and first["top"] == []
    assert first  # a non-empty dict: the templates say «Første rapport» rather than leaving the section out


def test_a_dimension_going_from_green_to_red_is_one_change_with_from_and_to():
    before = snap(T2, projects=[sheet(1, "Arealeffektivisering")])
    after = snap(
        T3, projects=[sheet(1, "Arealeffektivisering", status_=status("3. tertial 2026", cost="red"))]
    )
    result = changes.compare(before, after)
    assert len(result["items"]) == 1
    item = result["items"][0]
    assert (item["kind"], item["dimension"], item["from"], item["to"], item["direction"]) == (
        "status",
        "cost",
        "green",
        "red",
        "worse",
    )
    assert (item["project_id"], item["project"], item["sub_programme"]) == (
        1,
        "Arealeffektivisering",
        "Innbyggerløftet",
    )
    assert result["counts"] == {"status": 1}
    assert result["top"] == [item]


def test_every_dimension_that_changed_is_listed_and_an_improvement_too():
    before = snap(T2, projects=[sheet(1, "A", status_=status(overall="yellow", schedule="red"))])
    after = snap(
        T3, projects=[sheet(1, "A", status_=status("3. tertial 2026", overall="red", schedule="green"))]
    )
    result = changes.compare(before, after)
    assert [(i["dimension"], i["from"], i["to"], i["direction"]) for i in result["items"]] == [
        ("overall", "yellow", "red", "worse"),
        ("schedule", "red", "green", "better"),
    ]


def test_a_status_report_missing_now_but_there_before_is_its_own_kind():
    before = snap(T2, projects=[sheet(1, "A", status_=status(overall="yellow"))])
    old = status(overall="yellow", is_old=True)  # the latest report is still the one for 2. tertial
    after = snap(T3, projects=[sheet(1, "A", status_=old)])
    result = changes.compare(before, after)
    assert kinds(result) == [("status_missing", "2. tertial 2026")]
    assert result["items"][0]["from"] == "yellow"
    # A project that owes no report (a closed one, say) is not missing one.
    after["sections"][0]["projects"][0]["owes_report"] = False
    assert changes.compare(before, after)["items"] == []


def test_new_projects_closed_stopped_and_gone_projects():
    before = snap(
        T2,
        projects=[sheet(1, "Ferdig"), sheet(2, "Stoppet"), sheet(3, "Borte"), sheet(4, "Uendret")],
    )
    stop = {
        "id": 9,
        "decided_on": "2026-10-15",
        "from_phase_label": "Gjennomføring",
        "to_phase_label": "Gevinstrealisering",
        "outcome": "stop",
        "outcome_label": "Stopp",
    }
    after = snap(
        T3,
        projects=[
            sheet(1, "Ferdig", phase="closed", phase_label="Avsluttet", owes_report=False),
            sheet(
                2,
                "Stoppet",
                phase="closed",
                phase_label="Avsluttet",
                owes_report=False,
                decision_points=[stop],
            ),
            sheet(4, "Uendret"),
            sheet(5, "Ny", phase="planning", phase_label="Planlegging"),
        ],
    )
    result = changes.compare(before, after)
    closed = [
        (i["project"], i["reason"], i["from"], i["to"])
        for i in result["items"]
        if i["kind"] == "project_closed"
    ]
    assert closed == [
        ("Ferdig", "closed", "Gjennomføring", "Avsluttet"),
        ("Stoppet", "stopped", "Gjennomføring", "Avsluttet"),
        ("Borte", "left", "Gjennomføring", None),
    ]
    assert [(i["project"], i["to"]) for i in result["items"] if i["kind"] == "project_new"] == [
        ("Ny", "Planlegging")
    ]
    links = {i["project"]: i["in_report"] for i in result["items"]}
    assert links["Borte"] is False and links["Ny"] is True
    assert result["counts"] == {"project_new": 1, "project_closed": 3, "decision_point": 1}


def test_decision_points_and_portfolio_decisions_of_the_period_but_not_a_skipped_phase():
    point = {
        "id": 3,
        "decided_on": "2026-10-01",
        "from_phase_label": "Planlegging",
        "to_phase_label": "Gjennomføring",
        "outcome": "go",
        "outcome_label": "Videre",
    }
    skipped = point | {"id": 4, "outcome": "skipped", "outcome_label": "Hoppet over"}
    decision = {
        "id": 11,
        "decided_on": "2026-11-20",
        "project_id": 1,
        "project": "A",
        "outcome": "approved",
        "outcome_label": "Godkjent",
        "rationale": "Stor gevinst.",
    }
    before = snap(T2, projects=[sheet(1, "A")])
    after = snap(T3, projects=[sheet(1, "A", decision_points=[point, skipped])], decisions=[decision])
    result = changes.compare(before, after)
    assert kinds(result) == [("decision_point", "Videre"), ("portfolio_decision", "Godkjent")]
    assert result["items"][0]["from"] == "Planlegging" and result["items"][0]["to"] == "Gjennomføring"
    assert result["items"][1]["decided_on"] == "2026-11-20"
    assert snapshot.load(result)["items"][1]["decided_on"] == datetime.date(2026, 11, 20)


def test_a_milestone_reached_in_the_period_and_one_reached_before_it():
    before = snap(
        T2,
        projects=[
            sheet(
                1,
                "A",
                milestones=[
                    milestone(1, "Pilot", "2026-10-01"),
                    milestone(2, "Anbud", "2026-06-01", done="2026-06-01"),
                ],
            )
        ],
    )
    after = snap(
        T3,
        projects=[
            sheet(
                1,
                "A",
                milestones=[
                    milestone(1, "Pilot", "2026-10-01", done="2026-10-05", is_late=True),
                    milestone(2, "Anbud", "2026-06-01", done="2026-06-01"),
                ],
            )
        ],
    )
    result = changes.compare(before, after)
    assert kinds(result) == [("milestone_reached", "Pilot")]
    assert result["items"][0]["done_date"] == "2026-10-05"


def test_a_missed_milestone_is_reported_once_and_not_again_in_the_next_report():
    t1 = ("2027-T1", "1. tertial 2027", "2027-01-01", "2027-04-30", "2027-05-02")
    planned = milestone(1, "Ny turnusordning", "2026-11-15")
    first = snap(T2, projects=[sheet(1, "A", milestones=[planned])])
    second = snap(T3, projects=[sheet(1, "A", milestones=[planned | {"is_late": True}])])
    third = snap(t1, projects=[sheet(1, "A", milestones=[planned | {"is_late": True}])])
    assert kinds(changes.compare(first, second)) == [("milestone_missed", "Ny turnusordning")]
    assert changes.compare(second, third)["items"] == []
    # Late already in the previous report (its forecast after the planned date): not news now.
    forecast_late = planned | {"forecast_date": "2026-12-20", "is_late": True}
    first_late = snap(T2, projects=[sheet(1, "A", milestones=[forecast_late])])
    assert changes.compare(first_late, second)["items"] == []


def test_a_milestone_planned_after_the_day_the_report_was_made_is_not_missed_yet():
    made_early = ("2026-T3", "3. tertial 2026", "2026-09-01", "2026-12-31", "2026-12-02")
    before = snap(T2, projects=[sheet(1, "A", milestones=[milestone(1, "Juleavslutning", "2026-12-15")])])
    after = snap(
        made_early, projects=[sheet(1, "A", milestones=[milestone(1, "Juleavslutning", "2026-12-15")])]
    )
    assert changes.compare(before, after)["items"] == []


def test_a_new_high_risk_is_reported_and_a_risk_already_high_is_not_reported_again():
    before = snap(
        T2,
        projects=[
            sheet(1, "A", risks=[risk(1, "Leverandør går konkurs", 4, 5), risk(2, "Lav bemanning", 2, 4)])
        ],
    )
    after = snap(
        T3,
        projects=[
            sheet(
                1,
                "A",
                risks=[
                    risk(1, "Leverandør går konkurs", 5, 5),  # was high, still high
                    risk(2, "Lav bemanning", 4, 4),  # medium → high
                    risk(3, "Streik", 3, 5),  # new, high
                    risk(4, "Regnvær", 2, 2),  # new, low
                ],
            )
        ],
    )
    result = changes.compare(before, after)
    assert [(i["subject"], i["from"], i["to"], i["score"]) for i in result["items"]] == [
        ("Lav bemanning", "medium", "high", 16),
        ("Streik", None, "high", 15),
    ]


def test_gains_realised_and_changes_to_the_plan_are_exact_in_kroner():
    before = snap(
        T2,
        projects=[
            sheet(
                1,
                "A",
                benefits=[
                    benefit(1, "Færre telefonhenvendelser", 1_000_000, 600_000),
                    benefit(2, "Bedre inneklima", None, None, financial=False),
                ],
            ),
            sheet(
                2,
                "B",
                benefits=[
                    benefit(3, "Lavere husleie", 2_250_000, 750_000),
                    benefit(4, "Mindre papir", 120_000, 0),
                ],
            ),
        ],
    )
    after = snap(
        T3,
        projects=[
            sheet(
                1,
                "A",
                benefits=[
                    benefit(1, "Færre telefonhenvendelser", 1_000_000, 850_000),
                    benefit(2, "Bedre inneklima", None, None, financial=False),
                ],
            ),
            sheet(
                2,
                "B",
                benefits=[
                    benefit(3, "Lavere husleie", 2_000_001, 750_000),
                    benefit(5, "Digital post", 333_333, 12_345),
                ],
            ),
        ],
    )
    result = changes.compare(before, after)
    realised = [
        (i["subject"], i["from"], i["to"], i["amount"])
        for i in result["items"]
        if i["kind"] == "gain_realised"
    ]
    assert realised == [
        ("Færre telefonhenvendelser", 600_000, 850_000, 250_000),
        ("Digital post", 0, 12_345, 12_345),
    ]
    plan = [
        (i["subject"], i["change"], i["from"], i["to"], i["amount"])
        for i in result["items"]
        if i["kind"] == "gain_plan"
    ]
    assert plan == [
        ("Lavere husleie", "changed", 2_250_000, 2_000_001, -249_999),
        ("Digital post", "added", None, 333_333, 333_333),
        ("Mindre papir", "removed", 120_000, None, -120_000),
    ]
    assert result["totals"] == {"gain_realised": 262_345, "gain_plan": -36_666}


def test_scorecard_results_that_changed_status():
    result_row = {"indicator_id": 5, "name": "Brukertilfredshet", "scorecard": "Helse 2026", "year": 2026}
    before = snap(
        T2,
        scorecard=[
            result_row | {"status": "missed", "status_label": "Ikke nådd"},
            {"indicator_id": 6, "name": "Sykefravær", "status": "met", "status_label": "Nådd"},
        ],
    )
    after = snap(
        T3,
        scorecard=[
            result_row | {"status": "met", "status_label": "Nådd"},
            {"indicator_id": 6, "name": "Sykefravær", "status": "met", "status_label": "Nådd"},
        ],
    )
    result = changes.compare(before, after)
    assert [(i["kind"], i["subject"], i["from"], i["to"]) for i in result["items"]] == [
        ("scorecard", "Brukertilfredshet", "Ikke nådd", "Nådd")
    ]


def test_the_five_that_matter_most_follow_the_documented_order_one_per_project():
    before = snap(
        T2,
        projects=[
            sheet(1, "Grønn til rød", benefits=[benefit(1, "G1", 100, 0)]),
            sheet(2, "Kostnad rød"),
            sheet(3, "Stor planendring", benefits=[benefit(3, "G3", 5_000_000, 0)]),
            sheet(4, "Liten planendring", benefits=[benefit(4, "G4", 1_000_000, 0)]),
            sheet(5, "Ny risiko"),
            sheet(6, "Bedre", status_=status(overall="yellow")),
        ],
    )
    after = snap(
        T3,
        projects=[
            # Overall red and a larger gain change: the project takes one place, for its red status.
            sheet(
                1,
                "Grønn til rød",
                status_=status("3. tertial 2026", overall="red"),
                benefits=[benefit(1, "G1", 9_000_000, 0)],
            ),
            sheet(2, "Kostnad rød", status_=status("3. tertial 2026", cost="red")),
            sheet(3, "Stor planendring", benefits=[benefit(3, "G3", 3_000_000, 0)]),
            sheet(4, "Liten planendring", benefits=[benefit(4, "G4", 1_100_000, 0)]),
            sheet(5, "Ny risiko", risks=[risk(1, "Brann", 5, 4)]),
            sheet(6, "Bedre", status_=status("3. tertial 2026")),
        ],
    )
    result = changes.compare(before, after)
    assert [(i["project"], i["kind"]) for i in result["top"]] == [
        ("Grønn til rød", "status"),
        ("Kostnad rød", "status"),
        ("Ny risiko", "risk_high"),
        ("Stor planendring", "gain_plan"),
        ("Liten planendring", "gain_plan"),
    ]
    assert len(result["items"]) == 7
    # The same input gives the same ranking.
    assert changes.compare(before, after)["top"] == result["top"]


def test_the_comparison_is_plain_json_and_its_dates_load_as_dates():
    before = snap(T2, projects=[sheet(1, "A", milestones=[milestone(1, "M", "2026-10-01")])])
    after = snap(
        T3, projects=[sheet(1, "A", milestones=[milestone(1, "M", "2026-10-01", done="2026-10-02")])]
    )
    result = changes.compare(before, after, published_on=datetime.date(2026, 9, 10))
    assert json.loads(json.dumps(result)) == result
    loaded = snapshot.load({"changes": result})["changes"]
    assert loaded["compared_with"]["published_on"] == datetime.date(2026, 9, 10)
    assert loaded["items"][0]["done_date"] == datetime.date(2026, 10, 2)


# --- The templates ----------------------------------------------------------------------------------------


def render(changes_dict) -> tuple[str, str]:
    s = snapshot.load({"changes": changes_dict})
    return (
        render_to_string("reports/body/changes_summary.html", {"s": s}),
        render_to_string("reports/body/changes_full.html", {"s": s}),
    )


def test_the_templates_name_the_report_compared_with_and_link_the_projects():
    before = snap(T2, projects=[sheet(1, "Arealeffektivisering"), sheet(2, "Borte")])
    after = snap(
        T3,
        projects=[
            sheet(
                1,
                "Arealeffektivisering",
                status_=status("3. tertial 2026", cost="red"),
                benefits=[benefit(1, "Lavere husleie", 1_500_000, 0)],
            )
        ],
    )
    summary, full = render(changes.compare(before, after, published_on=datetime.date(2026, 9, 10)))
    assert '<a href="#project-1">Arealeffektivisering</a>' in summary
    assert 'href="#changes"' in summary
    assert "«Statusrapport 2. tertial 2026: Utvikling og bærekraft» (2. tertial 2026)" in summary
    assert 'id="changes"' in full and "Endringer siden forrige rapport" in full
    assert '<a href="#project-1">Arealeffektivisering</a>' in full
    assert 'href="#project-2"' not in full and "Borte" in full  # gone from the report: named, not linked
    assert '<th scope="col">' in full and "<caption>" in full
    assert "1\xa0500\xa0000 kr" in full


def test_the_templates_say_so_for_the_first_report():
    summary, full = render(changes.first_report())
    for html in (summary, full):
        assert "Første rapport: ingen tidligere publisert rapport å sammenligne med" in html


# --- The report compared with -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_previous_report_is_the_newest_published_one_of_an_earlier_period_not_replaced(report_world):
    published = timezone.make_aware(datetime.datetime(2026, 9, 10, 12))

    def report(period_key, *, published_at=None, corrects=None, frozen=True):
        return make_report(
            report_world,
            period_key=period_key,
            status=ReportStatus.DONE,
            progress=100,
            snapshot={"report": {}} if frozen else None,
            published_at=published_at,
            corrects=corrects,
        )

    current = report("2026-T3")
    assert changes.previous_report(current) is None
    t1 = report("2026-T1", published_at=published)
    report("2026-T2")  # a draft is not compared with
    report("2026-T1", published_at=published, frozen=False)  # made before snapshots existed
    assert changes.previous_report(current) == t1
    other_scope = make_report(
        report_world,
        report_world["sub_programmes"][0],
        period_key="2026-T2",
        status=ReportStatus.DONE,
        snapshot={"report": {}},
        published_at=published,
    )
    assert changes.previous_report(current) == t1  # another scope's report is not this one's last
    t2 = report("2026-T2", published_at=published)
    report("2026-T3", published_at=published)  # the same period is not «the last report»
    assert changes.previous_report(current) == t2
    correction = report("2026-T2", published_at=published + datetime.timedelta(days=3), corrects=t2)
    report("2026-T2", corrects=correction)  # a draft correction replaces nothing
    assert changes.previous_report(current) == correction
    assert Report.objects.filter(scope_key=current.scope_key).count() == 8
    assert changes.previous_report(other_scope) is None
