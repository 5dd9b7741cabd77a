"""Every URL of the project, asked by every role: the permission table of DESIGN.md's roles.

The test walks the project's URL patterns, so a new URL without an entry in EXPECTED fails here until
someone decides who may see it. Pages that change data are also POSTed to by the roles that may not
change anything, and the database must be unchanged afterwards.
"""

import datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.static import serve

from benefits.models import (
    BenefitMeasurement,
    BenefitPlanExport,
    BenefitPlanImport,
    BenefitUpload,
    ProjectChange,
)
from core import roles
from core.periods import Period
from programmes.models import NEXT_PHASE, DecisionPoint, Milestone, Project, Risk, StatusReport
from scorecards.models import ScorecardExport, ScorecardImport, ScorecardUpload
from tests.factories import (
    BenefitFactory,
    MilestoneFactory,
    ProgrammeFactory,
    ProjectFactory,
    RiskFactory,
    StatusReportFactory,
    SubProgrammeFactory,
    project_form_data,
)
from tests.scorecards.factories import scorecard_world
from tests.scorecards.real_files import ADOLFSEN

SAVINGS = Path(__file__).parents[1] / "data" / "real" / "savings_kristiansand_kultur_2018-2021.xlsx"

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ADMINISTRATOR = roles.ADMINISTRATOR
EXECUTIVE = roles.EXECUTIVE
PROGRAMME_LEADER = roles.PROGRAMME_LEADER  # leads the sub-programme of the project
PROJECT_LEADER = roles.PROJECT_LEADER  # leads the project
OTHER_PROJECT_LEADER = "Prosjektleder who leads nothing here"  # leads a project elsewhere
POLITICIAN = roles.POLITICIAN

ROLES = (
    ANONYMOUS,
    ADMINISTRATOR,
    EXECUTIVE,
    PROGRAMME_LEADER,
    PROJECT_LEADER,
    OTHER_PROJECT_LEADER,
    POLITICIAN,
)
SIGNED_IN = ROLES[1:]
EDITORS = (ADMINISTRATOR, PROGRAMME_LEADER, PROJECT_LEADER)


def everyone_signed_in(status: int) -> dict[str, int]:
    """Anonymous users are sent to the login page; every signed-in role gets `status`."""
    return {ANONYMOUS: 302} | dict.fromkeys(SIGNED_IN, status)


def project_editors_only() -> dict[str, int]:
    """Administrator, the sub-programme's leader and the project's leader; nobody else."""
    return {role: 302 if role == ANONYMOUS else 200 if role in EDITORS else 403 for role in ROLES}


# Status of a GET request per URL name and role. 302 for anonymous is always the login page with ?next=;
# 302 for a signed-in role is a redirect elsewhere (never to the login page).
EXPECTED: dict[str, dict[str, int]] = {
    # The front page of each role (config/front.py): every signed-in role has one.
    "home": everyone_signed_in(200),
    # Open to anonymous users; signed-in users are sent on to the landing page.
    "login": {ANONYMOUS: 200} | dict.fromkeys(SIGNED_IN, 302),
    # Signing out is a POST (tests/config/test_access.py); a GET is 405 Method Not Allowed.
    "logout": everyone_signed_in(405),
    "admin_login": everyone_signed_in(403) | {ADMINISTRATOR: 302},
    # Sign-in with the municipality's account: not found while OpenID Connect is not configured, as here
    # (with it: tests/accounts/ and tests/e2e/test_oidc_sign_in.py).
    "oidc_authentication_init": dict.fromkeys(ROLES, 404),
    "oidc_authentication_callback": dict.fromkeys(ROLES, 404),
    "programmes:programme_list": everyone_signed_in(200),
    "programmes:programme_detail": everyone_signed_in(200),
    "programmes:my_projects": everyone_signed_in(200),
    # The project register and its Excel export: the read-only portfolio overview, open to every role.
    "programmes:project_list": everyone_signed_in(200),
    "programmes:project_export": everyone_signed_in(200),
    "programmes:project_detail": everyone_signed_in(200),
    # Every employee may propose a project (rules: programmes.add_project); elected members may not.
    "programmes:project_create": everyone_signed_in(200) | {POLITICIAN: 403},
    "programmes:project_edit": project_editors_only(),
    "programmes:status_report_create": project_editors_only(),
    "programmes:milestone_create": project_editors_only(),
    "programmes:milestone_edit": project_editors_only(),
    "programmes:risk_create": project_editors_only(),
    "programmes:risk_edit": project_editors_only(),
    # Deleting asks first: the confirmation page is for the project's editors only.
    "programmes:milestone_delete": project_editors_only(),
    "programmes:risk_delete": project_editors_only(),
    # Decision points between phases (programmes/rules.py): the project's editors prepare; the project owner
    # (here a line leader outside the roles table), the Kommunedirektør and the Administrator decide.
    "programmes:decision_prepare": project_editors_only(),
    "programmes:decision_decide": everyone_signed_in(403) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    # Goals and scorecards: everyone reads; a scorecard is changed by its owner (the Kommunedirektør here)
    # and administrators; new scorecards by every employee; a project's goal links by its editors.
    "scorecards:index": everyone_signed_in(200),
    "scorecards:goal_detail": everyone_signed_in(200),
    "scorecards:scorecard_detail": everyone_signed_in(200),
    "scorecards:scorecard_export": everyone_signed_in(200),
    "scorecards:import_template": everyone_signed_in(200),
    # An export made by a worker is seen and downloaded only by the person who ordered it (the
    # Kommunedirektør here); the world's export is not finished, so it has no file yet.
    "scorecards:export_job": everyone_signed_in(404) | {EXECUTIVE: 200},
    "scorecards:export_file": everyone_signed_in(404),
    # So is an import left to a worker (uploaded by the Kommunedirektør here); trying again is a POST only.
    "scorecards:import_job": everyone_signed_in(404) | {EXECUTIVE: 200},
    "scorecards:import_retry": everyone_signed_in(405),
    # And a file kept while its uploader chooses its columns; its preview waits for that choice.
    "scorecards:upload_columns": everyone_signed_in(404) | {EXECUTIVE: 200},
    "scorecards:upload_preview": everyone_signed_in(404) | {EXECUTIVE: 302},
    "scorecards:scorecard_create": everyone_signed_in(200) | {POLITICIAN: 403},
    "scorecards:scorecard_import": everyone_signed_in(403) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "scorecards:value_edit": everyone_signed_in(403) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    # Confirming an indicator's direction is a POST (tests/scorecards/test_direction_confirm.py).
    "scorecards:direction_confirm": everyone_signed_in(405),
    "scorecards:project_goals": everyone_signed_in(200),
    "scorecards:project_goal_edit": project_editors_only(),
    # PDF status reports (portfolio/reports/rules.py): the archive is open to all; ordering to
    # Administrator, Kommunedirektør and the Programleder of a sub-programme. The world's report is a draft
    # of the whole programme without a file or a snapshot: only those who may publish it or order its
    # scope (Administrator, Kommunedirektør) learn of it, everyone else gets 404; its web version says
    # only the PDF exists. Retrying is a POST only.
    "reports:archive": everyone_signed_in(200),
    "reports:order": everyone_signed_in(403)
    | dict.fromkeys((ADMINISTRATOR, EXECUTIVE, PROGRAMME_LEADER), 200),
    "reports:detail": everyone_signed_in(404) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "reports:read": everyone_signed_in(404) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "reports:download": everyone_signed_in(404),
    # Publishing asks first on a page of its own (only Kommunedirektør and Administrator may publish).
    "reports:publish": everyone_signed_in(404) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "reports:retry": everyone_signed_in(405),
    # A corrected version is ordered by those who publish, of a published report only: the world's report is
    # a draft, so they are sent back to it with the reason (302); the others do not learn of the draft.
    "reports:correct": everyone_signed_in(404) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 302),
    # Gains (benefits/rules.py): read by everyone, edited by the project's editors; the import by
    # Administrator, Kommunedirektør and Programleder; the period and targets by Administrator and
    # Kommunedirektør. Deleting a benefit is a POST only.
    "benefits:overview": everyone_signed_in(200),
    "benefits:programme_overview": everyone_signed_in(200),
    "benefits:ledger": everyone_signed_in(200),
    "benefits:sub_programme_overview": everyone_signed_in(200),
    "benefits:benefit_export": everyone_signed_in(200),
    "benefits:benefit_template": everyone_signed_in(200),
    # As the scorecard's: a large plan's export is seen and downloaded only by the person who ordered it.
    "benefits:export_job": everyone_signed_in(404) | {EXECUTIVE: 200},
    "benefits:export_file": everyone_signed_in(404),
    "benefits:import_job": everyone_signed_in(404) | {EXECUTIVE: 200},
    "benefits:import_retry": everyone_signed_in(405),
    "benefits:benefit_import": everyone_signed_in(403)
    | dict.fromkeys((ADMINISTRATOR, EXECUTIVE, PROGRAMME_LEADER), 200),
    # As the scorecard's: a gains file kept while its uploader (the Kommunedirektør here) chooses its
    # columns is seen by nobody else; its preview waits for that choice.
    "benefits:upload_columns": everyone_signed_in(404) | {EXECUTIVE: 200},
    "benefits:upload_preview": everyone_signed_in(404) | {EXECUTIVE: 302},
    "benefits:targets_edit": everyone_signed_in(403) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "benefits:project_benefits": everyone_signed_in(200),
    "benefits:benefit_create": project_editors_only(),
    "benefits:benefit_edit": project_editors_only(),
    "benefits:benefit_delete": everyone_signed_in(405),
    # The benefit map (issue 18): edited as the project's benefits are; removing a line and setting a
    # benefit's goals are POSTs; which goals the gains serve is read by everyone.
    "benefits:project_map": project_editors_only(),
    "benefits:map_change_edit": project_editors_only(),
    "benefits:map_change_delete": everyone_signed_in(405),
    "benefits:map_benefit_goals": everyone_signed_in(405),
    "benefits:programme_goals": everyone_signed_in(200),
    # A non-financial benefit's measurements: everyone reads them; whoever may enter realised figures (or
    # owns the benefit) records them; its target and scorecard indicator are set by the project's editors.
    "benefits:indicator_measurements": everyone_signed_in(200),
    "benefits:indicator_measurement_edit": project_editors_only(),
    "benefits:indicator_measurement_delete": project_editors_only(),
    "benefits:indicator_settings": project_editors_only(),
    # Portfolio (portfolio/rules.py): the board, overview, criteria and project pages are read by everyone
    # (no controls for those who may not prioritise); capacity, scenarios and the optimiser are for the
    # Kommunedirektør and Administrator; a criterion is changed by Administrator; the rest are POSTs.
    "portfolio:board": everyone_signed_in(200),
    "portfolio:reorder": everyone_signed_in(405),
    "portfolio:move": everyone_signed_in(405),
    # Re-ranking asks first on a page of its own; undoing it is a POST.
    "portfolio:rank_by_priority": everyone_signed_in(403) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "portfolio:undo_rank": everyone_signed_in(405),
    "portfolio:capacity": everyone_signed_in(403) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "portfolio:overview": everyone_signed_in(200),
    "portfolio:overview_export": everyone_signed_in(200),
    "portfolio:project": everyone_signed_in(200),
    "portfolio:assess": everyone_signed_in(405),
    "portfolio:decide": everyone_signed_in(405),
    "portfolio:scenario_create": everyone_signed_in(405),
    "portfolio:scenario_suggest": everyone_signed_in(403) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "portfolio:scenario": everyone_signed_in(403) | dict.fromkeys((ADMINISTRATOR, EXECUTIVE), 200),
    "portfolio:criteria": everyone_signed_in(200),
    "portfolio:criterion_edit": everyone_signed_in(403) | {ADMINISTRATOR: 200},
    # Help (config/help.py): /hjelp/ sends each role to its own page; every role may read every page.
    "help": everyone_signed_in(302),
    "help_project_leader": everyone_signed_in(200),
    "help_programme_leader": everyone_signed_in(200),
    "help_executive": everyone_signed_in(200),
    "help_politician": everyone_signed_in(200),
    "help_administrator": everyone_signed_in(200),
    # «Varsler»: every signed-in user chooses their own e-mail.
    "notifications:preferences": everyone_signed_in(200),
}

# URL keyword argument -> the name of the object in the `world` fixture whose pk fills it.
KWARG_OBJECTS = {
    "programme_id": "programme",
    "project_id": "project",
    "milestone_id": "milestone",
    "risk_id": "risk",
    "decision_point_id": "decision_point",
    "goal_id": "goal",
    "scorecard_id": "scorecard",
    "indicator_id": "indicator",
    "link_id": "project_goal",
    "report_id": "report",
    "sub_programme_id": "sub_programme",
    "benefit_id": "benefit",
    "scenario_id": "scenario",
    "criterion_id": "criterion",
    "export_id": "scorecard_export",
    "plan_export_id": "benefit_plan_export",
    "import_id": "scorecard_import",
    "plan_import_id": "benefit_plan_import",
    "upload_id": "scorecard_upload",
    "gains_upload_id": "benefit_upload",
    "change_id": "project_change",
    "measurement_id": "benefit_measurement",
}


def url_patterns(patterns=None, namespace: str = "", kwargs: tuple[str, ...] = ()):
    """(url name, kwarg names) of every pattern, with includes and namespaces followed."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        entry_kwargs = (*kwargs, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                # The admin site has its own staff check (is_staff, then model permissions); it is
                # Django's, and test_non_staff_roles_are_turned_away_from_the_admin_site covers the door.
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, inner, entry_kwargs)
        elif isinstance(entry, URLPattern):
            if entry.callback is serve and not entry.name:
                # The DEBUG-only pattern that serves uploaded media from disk in development; in
                # production the files are not served by Django at all, so it is no page of the product.
                continue
            assert entry.name, f"URL pattern {entry.pattern} has no name; name it and add it to EXPECTED"
            yield f"{namespace}{entry.name}", entry_kwargs


def all_url_names() -> set[str]:
    return {name for name, _kwargs in url_patterns()}


def draft_report(*, programme, ordered_by):
    """A finished PDF status report that is not published (portfolio.reports), without its file."""
    from portfolio.reports.models import Report, ReportStatus

    return Report.objects.create(
        scope="programme",
        programme=programme,
        scope_key=f"programme:{programme.pk}",
        period_key="2026-T2",
        period_label="2. tertial 2026",
        title="Statusrapport 2. tertial 2026",
        status=ReportStatus.DONE,
        progress=100,
        ordered_by=ordered_by,
    )


@pytest.fixture
def world(role_user, media_root):
    """One programme with a sub-programme led by the Programleder and a project led by the Prosjektleder."""
    users = {
        # In the group, not a superuser: the rules are tested, not Django's superuser shortcut.
        ADMINISTRATOR: role_user(roles.ADMINISTRATOR, username="admin", is_staff=True),
        EXECUTIVE: role_user(roles.EXECUTIVE, username="direktor"),
        PROGRAMME_LEADER: role_user(roles.PROGRAMME_LEADER, username="programleder"),
        PROJECT_LEADER: role_user(roles.PROJECT_LEADER, username="prosjektleder"),
        OTHER_PROJECT_LEADER: role_user(roles.PROJECT_LEADER, username="prosjektleder2"),
        POLITICIAN: role_user(roles.POLITICIAN, username="politiker"),
    }
    programme = ProgrammeFactory()
    ProgrammeFactory(name="Et annet program")  # so that the programme list is a list, not a redirect
    sub_programme = SubProgrammeFactory(programme=programme, leader=users[PROGRAMME_LEADER])
    # The owner is a line leader whose role gives no right to edit (only Programleder and Prosjektleder
    # owners may), so the Prosjektleder's right here comes from leading the project.
    owner = role_user(roles.EXECUTIVE, username="eier")
    project = ProjectFactory(sub_programme=sub_programme, leader=users[PROJECT_LEADER], owner=owner)
    # The other project leader leads and owns a project in another sub-programme (led by someone else).
    ProjectFactory(
        sub_programme=SubProgrammeFactory(programme=programme),
        leader=users[OTHER_PROJECT_LEADER],
        owner=users[OTHER_PROJECT_LEADER],
    )
    StatusReportFactory(project=project)
    objects = {
        "programme": programme,
        "sub_programme": sub_programme,
        "project": project,
        "milestone": MilestoneFactory(project=project, title="Pilot i drift"),
        "risk": RiskFactory(project=project, title="Leverandøren blir forsinket"),
        "decision_point": DecisionPoint.objects.create(
            project=project, from_phase=project.phase, to_phase=NEXT_PHASE[project.phase], need="Behov"
        ),
        "report": draft_report(programme=programme, ordered_by=users[EXECUTIVE]),
        **(scorecards := scorecard_world(project=project, owner=users[EXECUTIVE])),
        "scorecard_export": ScorecardExport.objects.create(
            scorecard=scorecards["scorecard"], requested_by=users[EXECUTIVE], file_format="xlsx"
        ),
        "scorecard_import": ScorecardImport.objects.create(
            scorecard=scorecards["scorecard"], requested_by=users[EXECUTIVE], file_name="m.xlsx"
        ),
        "scorecard_upload": scorecard_upload(scorecards["scorecard"], users[EXECUTIVE]),
        "benefit_upload": benefit_upload(programme, users[EXECUTIVE]),
        "benefit_plan_import": BenefitPlanImport.objects.create(
            programme=programme, requested_by=users[EXECUTIVE], file_name="gevinster.xlsx"
        ),
        "benefit": (
            benefit := BenefitFactory(project=project, title="Færre telefonhenvendelser", kind="quality")
        ),
        "benefit_measurement": BenefitMeasurement.objects.create(
            benefit=benefit, measured_on=datetime.date(2025, 6, 30), value=Decimal(410)
        ),
        "benefit_plan_export": BenefitPlanExport.objects.create(
            programme=programme, requested_by=users[EXECUTIVE], file_format="xlsx"
        ),
        **portfolio_world(programme=programme, executive=users[EXECUTIVE]),
    }
    objects["project_change"] = ProjectChange.objects.create(
        project=project, deliverable="Chatbot", change="Svar hele døgnet"
    )
    return users, objects


def scorecard_upload(scorecard, user) -> ScorecardUpload:
    """A published scorecard uploaded by `user` whose columns are not chosen yet."""
    upload = ScorecardUpload(scorecard=scorecard, uploaded_by=user, file_name=ADOLFSEN.name)
    upload.file.save("malekort.xlsx", ContentFile(ADOLFSEN.read_bytes()))
    return upload


def benefit_upload(programme, user) -> BenefitUpload:
    """A published savings table uploaded by `user` whose columns are not chosen yet."""
    upload = BenefitUpload(programme=programme, uploaded_by=user, file_name=SAVINGS.name)
    upload.file.save("gevinster.xlsx", ContentFile(SAVINGS.read_bytes()))
    return upload


def portfolio_world(*, programme, executive) -> dict:
    """A draft what-if scenario of the programme and the first seeded criterion (portfolio)."""
    from portfolio.models import Criterion, Scenario

    return {
        "scenario": Scenario.objects.create(programme=programme, created_by=executive),
        "criterion": Criterion.objects.order_by("position").first(),
    }


def build_url(name: str, kwarg_names, objects) -> str:
    unknown = [kwarg for kwarg in kwarg_names if kwarg not in KWARG_OBJECTS]
    if unknown:
        pytest.fail(
            f"URL {name!r} takes {unknown}, which this test cannot fill: add the kwarg to KWARG_OBJECTS "
            "(and the object to the world fixture)",
            pytrace=False,
        )
    return reverse(name, kwargs={kwarg: objects[KWARG_OBJECTS[kwarg]].pk for kwarg in kwarg_names})


def url_kwargs(name: str) -> tuple[str, ...]:
    return next(kwargs for url_name, kwargs in url_patterns() if url_name == name)


def is_login_redirect(response, next_url: str) -> bool:
    location = urlsplit(response["Location"])
    return location.path == reverse("login") and parse_qs(location.query).get("next") == [next_url]


def test_every_url_pattern_has_an_entry_in_the_permission_table():
    names = all_url_names()
    missing = sorted(names - EXPECTED.keys())
    assert not missing, f"URLs without an entry in EXPECTED (decide who may see them): {missing}"
    stale = sorted(EXPECTED.keys() - names)
    assert not stale, f"EXPECTED has entries for URLs that no longer exist: {stale}"


def test_every_entry_of_the_permission_table_names_every_role():
    incomplete = {name: set(ROLES) - statuses.keys() for name, statuses in EXPECTED.items()}
    assert not {name: missing for name, missing in incomplete.items() if missing}


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_permission_table_says(client, world, role):
    users, objects = world
    if role != ANONYMOUS:
        client.force_login(users[role])
    mismatches = []
    for name, kwarg_names in url_patterns():
        if name not in EXPECTED:
            mismatches.append(f"{name}: no entry in EXPECTED")
            continue
        url = build_url(name, kwarg_names, objects)
        expected = EXPECTED[name][role]
        response = client.get(url)
        if response.status_code != expected:
            mismatches.append(
                f"GET {url} ({name}) as {role}: expected {expected}, got {response.status_code}"
            )
        elif expected == 302 and role == ANONYMOUS and name != "login":
            if not is_login_redirect(response, url):
                mismatches.append(f"GET {url} ({name}) as {role}: redirected to {response['Location']}")
        elif expected == 302 and urlsplit(response["Location"]).path == reverse("login"):
            mismatches.append(f"GET {url} ({name}) as {role}: sent to the login page though signed in")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize(
    ("role", "template"),
    [
        (ADMINISTRATOR, "front/executive.html"),
        (EXECUTIVE, "front/executive.html"),
        (PROGRAMME_LEADER, "front/sub_programme.html"),
        (PROJECT_LEADER, "front/project_leader.html"),
        (OTHER_PROJECT_LEADER, "front/project_leader.html"),
        (POLITICIAN, "front/politician.html"),
    ],
)
def test_landing_page_is_the_front_page_of_the_role(client, world, role, template):
    users, _objects = world
    client.force_login(users[role])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.templates[0].name == template


@pytest.mark.parametrize("role", [role for role in SIGNED_IN if role != ADMINISTRATOR])
def test_non_staff_roles_are_turned_away_from_the_admin_site(client, world, role):
    users, _objects = world
    client.force_login(users[role])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("admin:login")


def test_anonymous_user_is_sent_to_the_admin_login_page_from_the_admin_site(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("admin:login")


def test_staff_administrator_reaches_the_admin_site(client, world):
    users, _objects = world
    client.force_login(users[ADMINISTRATOR])
    assert client.get("/admin/").status_code == 200


PROJECT_EDIT_PAGES = [name for name, statuses in EXPECTED.items() if statuses == project_editors_only()]


def test_project_leader_who_owns_but_does_not_lead_the_project_may_open_every_edit_page(
    client, world, role_user
):
    _users, objects = world
    owner = role_user(roles.PROJECT_LEADER, username="eier2")
    Project.objects.filter(pk=objects["project"].pk).update(owner=owner)
    client.force_login(owner)
    statuses = {
        name: client.get(build_url(name, url_kwargs(name), objects)).status_code
        for name in PROJECT_EDIT_PAGES
    }
    assert statuses == dict.fromkeys(PROJECT_EDIT_PAGES, 200)


def test_programme_leader_of_another_sub_programme_gets_403_on_every_edit_page(client, world, role_user):
    _users, objects = world
    other_leader = role_user(roles.PROGRAMME_LEADER, username="programleder2")
    SubProgrammeFactory(programme=objects["programme"], leader=other_leader)
    client.force_login(other_leader)
    statuses = {
        name: client.get(build_url(name, url_kwargs(name), objects)).status_code
        for name in PROJECT_EDIT_PAGES
    }
    assert statuses == dict.fromkeys(PROJECT_EDIT_PAGES, 403)


# --- POST: the pages that change data -------------------------------------------------------------------


def post_data(name: str, objects, users) -> dict:
    project = objects["project"]
    if name == "programmes:project_edit":
        return project_form_data(project, name="Omdøpt prosjekt")
    if name == "programmes:project_create":
        leader = users[PROJECT_LEADER].pk
        data = project_form_data(project, name="Nytt forslag", owner=leader, leader=leader)
        del data["phase"], data["version"]
        return data
    if name == "programmes:status_report_create":
        scheme = project.sub_programme.programme.reporting_scheme
        ratings = dict.fromkeys(("overall", "schedule", "cost", "scope", "gains"), "green")
        return {
            "period_key": Period.containing(timezone.localdate(), scheme).key,
            **ratings,
            "achieved": "Ny",
        }
    if name in ("programmes:milestone_create", "programmes:milestone_edit"):
        return {
            "milestone-title": "Ny milepæl",
            "milestone-planned_date": "2027-03-01",
            "milestone-version": objects["milestone"].version,
        }
    if name in ("programmes:risk_create", "programmes:risk_edit"):
        return {
            "risk-title": "Ny risiko",
            "risk-probability": "2",
            "risk-consequence": "5",
            "risk-status": "open",
            "risk-version": objects["risk"].version,
        }
    if name in ("programmes:milestone_delete", "programmes:risk_delete"):
        return {}
    if name == "programmes:decision_prepare":
        return {"need": "Nytt behov", "goals": "Mål", "gains": "Gevinst", "cost": "Kostnad"}
    if name == "programmes:decision_decide":
        return {"decision-outcome": "go", "decision-reason": "Godt grunnlag."}
    raise AssertionError(f"no POST data for {name}")


DATA_CHANGING = (
    "programmes:project_create",
    "programmes:project_edit",
    "programmes:status_report_create",
    "programmes:milestone_create",
    "programmes:milestone_edit",
    "programmes:risk_create",
    "programmes:risk_edit",
    "programmes:milestone_delete",
    "programmes:risk_delete",
    "programmes:decision_prepare",
    "programmes:decision_decide",
)


def database_state(objects) -> dict:
    project = Project.objects.get(pk=objects["project"].pk)
    return {
        "projects": Project.objects.count(),
        "project": (project.name, project.version, project.cost_estimate, project.resource_need),
        "project history": Project.history.count(),
        "status reports": StatusReport.objects.count(),
        "milestones": list(Milestone.objects.values_list("pk", "title", "planned_date")),
        "risks": list(Risk.objects.values_list("pk", "title", "probability", "consequence")),
        "milestone history": Milestone.history.count(),
        "risk history": Risk.history.count(),
        "groups": Group.objects.count(),
        "decision points": list(DecisionPoint.objects.values_list("pk", "need", "outcome", "prepared_at")),
        "decision point history": DecisionPoint.history.count(),
    }


def post_cases(*, allowed: bool) -> list:
    return [
        pytest.param(name, role, id=f"{name}-{role}")
        for name in DATA_CHANGING
        for role in SIGNED_IN
        if (EXPECTED[name][role] == 200) is allowed
    ]


@pytest.mark.parametrize(("name", "role"), post_cases(allowed=False))
def test_role_that_may_not_change_data_gets_403_on_post_and_nothing_changes(client, world, name, role):
    users, objects = world
    client.force_login(users[role])
    url = build_url(name, url_kwargs(name), objects)
    before = database_state(objects)
    response = client.post(url, post_data(name, objects, users))
    assert response.status_code == 403
    assert database_state(objects) == before


@pytest.mark.parametrize("name", DATA_CHANGING)
def test_anonymous_post_is_sent_to_the_login_page_and_nothing_changes(client, world, name):
    users, objects = world
    url = build_url(name, url_kwargs(name), objects)
    before = database_state(objects)
    response = client.post(url, post_data(name, objects, users))
    assert response.status_code == 302
    assert is_login_redirect(response, url)
    assert database_state(objects) == before


@pytest.mark.parametrize(("name", "role"), post_cases(allowed=True))
def test_same_post_by_a_role_that_may_change_data_does_change_it(client, world, name, role):
    """The control for the 403 tests: their POST data would really have changed something."""
    users, objects = world
    client.force_login(users[role])
    url = build_url(name, url_kwargs(name), objects)
    before = database_state(objects)
    response = client.post(url, post_data(name, objects, users))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert database_state(objects) != before
