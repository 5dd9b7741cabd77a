"""Decision points between phases: the project leader prepares, the owner or the kommunedirektør decides,
the decision and its basis are frozen, and only the administrator moves a phase without one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core import roles
from programmes import services
from programmes.models import DecisionChecklistItem, DecisionOutcome, DecisionPoint, Phase, Project, Risk
from tests.factories import ProjectFactory, SubProgrammeFactory, UserFactory, project_form_data

pytestmark = pytest.mark.django_db

CHECKLIST = [
    {"text": "Flere løsninger er vurdert.", "done": True, "comment": "Tre alternativer"},
    {"text": "Gevinstene er anslått.", "done": False, "comment": ""},
]
BASIS = {"need": "Behov", "goals": "Mål", "gains": "2 mill. kr", "cost": "1 mill. kr", "risk": "Leverandør"}


@pytest.fixture
def owner(role_user):
    return role_user(roles.PROJECT_LEADER, username="eier", first_name="Randi", last_name="Eier")


@pytest.fixture
def project(leader, owner):
    return ProjectFactory(name="Min side", leader=leader, owner=owner, phase=Phase.CONCEPT)


@pytest.fixture
def admin(role_user):
    return role_user(roles.ADMINISTRATOR, username="admin", first_name="Ingrid", last_name="Admin")


def prepare(project, user, checklist=CHECKLIST, **basis):
    return services.decision_point_prepare(
        project_id=project.pk, user=user, basis={**BASIS, **basis}, checklist=checklist
    )


def decide(point, user, outcome=DecisionOutcome.GO, reason="Godt begrunnet.", conditions=""):
    return services.decision_point_decide(
        decision_point_id=point.pk, user=user, outcome=outcome, reason=reason, conditions=conditions
    )


# --- Services ---------------------------------------------------------------------------------------------


def test_prepared_decision_point_waits_for_a_decision_from_the_current_to_the_next_phase(project, leader):
    point = prepare(project, leader)
    assert (point.from_phase, point.to_phase, point.pending) == (Phase.CONCEPT, Phase.PLANNING, True)
    assert point.checklist == CHECKLIST
    assert point.prepared_by == leader
    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT


def test_preparing_again_updates_the_one_pending_decision_point(project, leader):
    first = prepare(project, leader)
    second = prepare(project, leader, need="Nytt behov")
    assert first.pk == second.pk
    assert DecisionPoint.objects.get().need == "Nytt behov"


def test_database_refuses_a_second_pending_decision_point(project, leader):
    prepare(project, leader)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionPoint.objects.create(project=project, from_phase=Phase.CONCEPT, to_phase=Phase.PLANNING)


def test_go_moves_the_project_to_the_next_phase(project, leader, owner):
    point = decide(prepare(project, leader), owner)
    project.refresh_from_db()
    assert project.phase == Phase.PLANNING
    assert (point.outcome, point.decided_by, point.pending) == (DecisionOutcome.GO, owner, False)
    assert project.needs_status_reports  # the phase-dependent duties follow the decision


def test_go_with_conditions_needs_the_conditions_and_keeps_them(project, leader, owner):
    point = prepare(project, leader)
    with pytest.raises(ValidationError) as refused:
        decide(point, owner, DecisionOutcome.GO_WITH_CONDITIONS, conditions="  ")
    assert "conditions" in refused.value.message_dict
    decide(point, owner, DecisionOutcome.GO_WITH_CONDITIONS, conditions="Avklar personvern før oppstart.")
    point.refresh_from_db()
    assert point.conditions == "Avklar personvern før oppstart."
    assert Project.objects.get(pk=project.pk).phase == Phase.PLANNING


def test_conditions_on_a_plain_go_are_refused_rather_than_dropped(project, leader, owner):
    with pytest.raises(ValidationError) as refused:
        decide(prepare(project, leader), owner, DecisionOutcome.GO, conditions="Et vilkår")
    assert "conditions" in refused.value.message_dict


def test_a_decision_without_a_reason_is_refused_and_nothing_changes(project, leader, owner):
    point = prepare(project, leader)
    with pytest.raises(ValidationError) as refused:
        decide(point, owner, reason="   ")
    assert "reason" in refused.value.message_dict
    point.refresh_from_db()
    project.refresh_from_db()
    assert point.pending and project.phase == Phase.CONCEPT


def test_database_refuses_a_decided_point_without_reason(project, leader):
    point = prepare(project, leader)
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionPoint.objects.filter(pk=point.pk).update(outcome=DecisionOutcome.GO, reason="")


def test_a_decision_point_cannot_be_decided_twice(project, leader, owner, executive):
    point = decide(prepare(project, leader), owner)
    with pytest.raises(ValidationError, match="allerede besluttet"):
        decide(point, executive, DecisionOutcome.STOP)
    project.refresh_from_db()
    assert project.phase == Phase.PLANNING
    assert DecisionPoint.objects.get().outcome == DecisionOutcome.GO


def test_back_for_rework_keeps_the_phase_and_a_new_basis_can_be_prepared(project, leader, owner):
    decide(prepare(project, leader), owner, DecisionOutcome.REWORK, reason="Gevinstene må anslås.")
    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT
    again = prepare(project, leader, gains="3 mill. kr per år")
    assert again.pending and again.from_phase == Phase.CONCEPT
    assert DecisionPoint.objects.count() == 2


def test_stop_closes_the_project(project, leader, executive):
    decide(prepare(project, leader), executive, DecisionOutcome.STOP, reason="Ikke lønnsomt.")
    project.refresh_from_db()
    assert project.phase == Phase.CLOSED
    assert not project.needs_status_reports
    with pytest.raises(ValidationError, match="avsluttet prosjekt"):
        prepare(project, leader)


def test_the_basis_and_checklist_are_frozen_when_the_checklist_is_edited_later(project, leader, owner):
    item = DecisionChecklistItem.objects.filter(from_phase=Phase.CONCEPT).first()
    checklist = [{"text": item.text, "done": True, "comment": "OK"}]
    point = decide(prepare(project, leader, checklist=checklist), owner)
    item.text = "Et helt annet spørsmål"
    item.save()
    Project.objects.filter(pk=project.pk).update(need="Endret behov")
    point.refresh_from_db()
    assert point.checklist[0]["text"] != "Et helt annet spørsmål"
    assert point.need == BASIS["need"]


def test_the_seeded_checklists_cover_every_decision_point():
    phases = set(DecisionChecklistItem.objects.values_list("from_phase", flat=True))
    assert phases == {Phase.IDEA, Phase.CONCEPT, Phase.PLANNING, Phase.EXECUTION, Phase.REALISATION}


def test_project_leader_cannot_skip_a_decision_point_through_the_service(project, leader):
    with pytest.raises(ValidationError, match="Bare administratoren"):
        services.project_update(
            project_id=project.pk,
            user=leader,
            data={"phase": Phase.EXECUTION},
            expected_version=project.version,
            phase_reason="Haster",
        )
    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT
    assert not DecisionPoint.objects.exists()


def test_administrator_skip_is_recorded_as_a_skipped_decision_point_with_the_reason(project, leader, admin):
    prepare(project, leader)
    services.project_update(
        project_id=project.pk,
        user=admin,
        data={"phase": Phase.EXECUTION},
        expected_version=project.version,
        phase_reason="Vedtatt i kommunestyret.",
    )
    project.refresh_from_db()
    assert project.phase == Phase.EXECUTION
    point = DecisionPoint.objects.get()  # the pending one became the record of the skip
    assert (point.outcome, point.from_phase, point.to_phase) == (
        DecisionOutcome.SKIPPED,
        Phase.CONCEPT,
        Phase.EXECUTION,
    )
    assert (point.reason, point.decided_by, point.need) == ("Vedtatt i kommunestyret.", admin, BASIS["need"])


def test_administrator_skip_needs_a_reason(project, admin):
    with pytest.raises(ValidationError):
        services.project_update(
            project_id=project.pk,
            user=admin,
            data={"phase": Phase.PLANNING},
            expected_version=project.version,
        )
    assert Project.objects.get(pk=project.pk).phase == Phase.CONCEPT


# --- Access -----------------------------------------------------------------------------------------------


def prepare_url(project):
    return reverse("programmes:decision_prepare", args=[project.pk])


def decide_url(point):
    return reverse("programmes:decision_decide", args=[point.project_id, point.pk])


def prepare_post(**changes):
    data = {**BASIS, "check_0_done": "on", "check_0_comment": "Vurdert tre alternativer"}
    data.update(changes)
    return data


def test_project_leader_prepares_on_the_page_with_the_basis_filled_in_from_the_project(
    client, project, leader
):
    project.goal = "Færre henvendelser"
    project.save()
    Risk.objects.create(project=project, title="Leverandøren blir forsinket", probability=4, consequence=4)
    client.force_login(leader)
    html = client.get(prepare_url(project)).content.decode()
    assert "Færre henvendelser" in html
    assert "Leverandøren blir forsinket (4 × 4 = 16)" in html
    first_question = (
        DecisionChecklistItem.objects.filter(from_phase=Phase.CONCEPT).order_by("position").first()
    )
    assert first_question.text in html
    response = client.post(prepare_url(project), prepare_post())
    assert response.status_code == 302
    point = DecisionPoint.objects.get()
    assert point.checklist[0] == {
        "text": first_question.text,
        "done": True,
        "comment": "Vurdert tre alternativer",
    }
    assert all(not item["done"] for item in point.checklist[1:])


def test_a_basis_without_need_is_refused_with_the_input_kept(client, project, leader):
    client.force_login(leader)
    response = client.post(prepare_url(project), prepare_post(need="", goals="Beholdt mål"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Beholdt mål" in html and 'aria-invalid="true"' in html
    assert not DecisionPoint.objects.exists()


@pytest.mark.parametrize("who", ["politician", "other_leader", "executive"])
def test_only_the_projects_editors_prepare(client, project, who, role_user, politician, executive):
    user = {
        "politician": politician,
        "other_leader": role_user(roles.PROJECT_LEADER, username="ola"),
        "executive": executive,
    }[who]
    client.force_login(user)
    assert client.post(prepare_url(project), prepare_post()).status_code == 403
    assert not DecisionPoint.objects.exists()


def test_project_leader_cannot_decide_even_by_posting(client, project, leader):
    point = prepare(project, leader)
    client.force_login(leader)
    data = {"decision-outcome": "go", "decision-reason": "Jeg bestemmer selv"}
    assert client.post(decide_url(point), data).status_code == 403
    point.refresh_from_db()
    assert point.pending
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Venter på beslutning" in html
    assert "decision-outcome" not in html  # no decider's form for the project leader


@pytest.mark.parametrize("decider", ["owner", "executive"])
def test_owner_or_executive_decides_on_the_project_page(client, project, leader, owner, executive, decider):
    point = prepare(project, leader)
    user = {"owner": owner, "executive": executive}[decider]
    client.force_login(user)
    assert 'name="decision-outcome"' in client.get(project.get_absolute_url()).content.decode()
    data = {
        "decision-outcome": "conditions",
        "decision-conditions": "Personvern avklares.",
        "decision-reason": "God nytte.",
    }
    response = client.post(decide_url(point), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.phase == Phase.PLANNING
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Personvern avklares." in html and "God nytte." in html
    history = html[html.index('id="history"') :]
    assert "Beslutningspunkt «Konsept → Planlegging»" in history
    assert "Fase: <del>Konsept</del> → <ins>Planlegging</ins>" in history


def test_a_decision_without_reason_comes_back_in_the_section_for_htmx(client, project, leader, owner):
    point = prepare(project, leader)
    client.force_login(owner)
    response = client.post(
        decide_url(point), {"decision-outcome": "go", "decision-reason": ""}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="decision"')
    assert "Skriv begrunnelsen for beslutningen." in html
    point.refresh_from_db()
    assert point.pending


def test_a_decision_recorded_through_htmx_reloads_the_project_page(client, project, leader, owner):
    point = prepare(project, leader)
    client.force_login(owner)
    response = client.post(
        decide_url(point),
        {"decision-outcome": "rework", "decision-reason": "Mer om gevinstene."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    point.refresh_from_db()
    assert point.outcome == DecisionOutcome.REWORK


def test_a_decision_without_reason_without_javascript_gets_the_decide_page(client, project, leader, owner):
    point = prepare(project, leader)
    client.force_login(owner)
    response = client.post(decide_url(point), {"decision-outcome": "conditions", "decision-reason": "Ok"})
    assert response.status_code == 422
    assert "Skriv vilkårene for å gå videre." in response.content.decode()


def test_a_decided_point_is_not_decided_again_through_the_page(client, project, leader, owner):
    point = decide(prepare(project, leader), owner)
    client.force_login(owner)
    response = client.post(decide_url(point), {"decision-outcome": "stop", "decision-reason": "Likevel"})
    assert response.status_code == 302
    assert DecisionPoint.objects.get().outcome == DecisionOutcome.GO
    assert Project.objects.get(pk=project.pk).phase == Phase.PLANNING


# --- The project form: only the administrator changes the phase ---------------------------------------------


def test_project_leader_has_no_phase_field_and_a_posted_phase_is_ignored(client, project, leader):
    client.force_login(leader)
    url = reverse("programmes:project_edit", args=[project.pk])
    assert 'name="phase"' not in client.get(url).content.decode()
    response = client.post(url, project_form_data(project, phase=Phase.EXECUTION, name="Nytt navn"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.phase) == ("Nytt navn", Phase.CONCEPT)
    assert not DecisionPoint.objects.exists()


def test_administrator_changes_the_phase_in_the_form_with_a_reason(client, project, admin):
    client.force_login(admin)
    url = reverse("programmes:project_edit", args=[project.pk])
    response = client.post(url, project_form_data(project, phase=Phase.PLANNING))
    assert response.status_code == 200
    assert "Skriv hvorfor fasen endres uten beslutning." in response.content.decode()
    assert Project.objects.get(pk=project.pk).phase == Phase.CONCEPT
    data = project_form_data(project, phase=Phase.PLANNING, phase_reason="Flyttet etter styringsgruppemøte.")
    assert client.post(url, data).status_code == 302
    assert Project.objects.get(pk=project.pk).phase == Phase.PLANNING
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Hoppet over (ingen beslutning)" in html
    assert "Flyttet etter styringsgruppemøte." in html


# --- The register ---------------------------------------------------------------------------------------


def test_register_marks_and_filters_projects_waiting_for_a_decision_and_stopped_ones(
    client, project, leader, owner, executive
):
    prepare(project, leader)
    stopped = ProjectFactory(name="Stoppet prosjekt", phase=Phase.CONCEPT, owner=owner)
    decide(prepare(stopped, leader), owner, DecisionOutcome.STOP, reason="Nei")
    ProjectFactory(name="Annet prosjekt")
    client.force_login(executive)
    url = reverse("programmes:project_list")
    html = client.get(url, {"decision_point": "waiting"}).content.decode()
    assert "Min side" in html and "Stoppet prosjekt" not in html and "Annet prosjekt" not in html
    assert "venter på beslutning" in html
    html = client.get(url, {"decision_point": "stopped"}).content.decode()
    assert "Stoppet prosjekt" in html and "Min side" not in html
    assert "stoppet" in html


@pytest.mark.parametrize("n", [2, 10])
def test_register_with_decision_marks_runs_a_fixed_number_of_queries(
    client, executive, leader, n, django_assert_num_queries
):
    sub = SubProgrammeFactory()
    for i in range(n):
        p = ProjectFactory(
            sub_programme=sub, name=f"P{i}", phase=Phase.CONCEPT, leader=leader, owner=UserFactory()
        )
        prepare(p, leader)
    client.force_login(executive)
    url = reverse("programmes:project_list")
    client.get(url)  # warm the session
    with django_assert_num_queries(7):
        response = client.get(url, {"decision_point": "waiting"})
    assert response.content.decode().count("venter på beslutning") == n


@pytest.mark.parametrize("n", [1, 6])
def test_project_page_with_decisions_runs_a_fixed_number_of_queries(
    client, project, leader, owner, n, django_assert_num_queries
):
    for _i in range(n):
        decide(prepare(project, leader), owner, DecisionOutcome.REWORK, reason="Mer arbeid")
    prepare(project, leader)
    client.force_login(owner)
    client.get(project.get_absolute_url())
    # The project page's queries (tests/programmes/test_project_page.py) with decision points: their
    # history records, the people those records name (one query), and the decision points themselves; with the status trend and
    # the benefit map (tests/programmes/test_project_page.py) six more.
    with django_assert_num_queries(24):
        response = client.get(project.get_absolute_url())
    assert response.content.decode().count("Tilbake til bearbeiding") >= n


def test_executive_front_page_counts_the_projects_waiting_for_a_decision(client, project, leader, executive):
    prepare(project, leader)
    ProjectFactory(sub_programme=project.sub_programme, phase=Phase.CONCEPT)
    client.force_login(executive)
    response = client.get(reverse("home"))
    assert response.context["decision_points_waiting"] == 1
    html = response.content.decode()
    assert "prosjekt venter på beslutning om å gå over til neste fase" in html
    assert 'href="/prosjekter/?decision_point=waiting"' in html


def test_administrator_edits_a_checklist_question_in_the_admin_and_only_new_preparations_ask_it(
    client, project, leader, owner, django_user_model
):
    decided = decide(prepare(project, leader, checklist=[]), owner, DecisionOutcome.REWORK, reason="Mer")
    old = prepare(project, leader, checklist=[{"text": "Gammelt spørsmål", "done": True}])
    item = DecisionChecklistItem.objects.filter(from_phase=Phase.CONCEPT).order_by("position").first()
    superuser = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(superuser)
    url = reverse("admin:programmes_decisionchecklistitem_change", args=[item.pk])
    data = {"from_phase": "concept", "text": "Nullalternativet er beskrevet.", "guidance": "", "position": 1}
    data["active"] = "on"
    assert client.post(url, data).status_code == 302
    old.refresh_from_db()
    assert old.checklist[0]["text"] == "Gammelt spørsmål"
    client.force_login(leader)
    html = client.get(prepare_url(project)).content.decode()
    assert "Nullalternativet er beskrevet." in html
    decided.refresh_from_db()
    assert decided.checklist == []


def test_the_phase_is_read_only_in_the_projects_admin(client, project, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    html = client.get(reverse("admin:programmes_project_change", args=[project.pk])).content.decode()
    assert 'name="phase"' not in html


def test_a_basis_written_for_a_phase_the_project_has_left_is_refused(client, project, leader, owner):
    client.force_login(leader)
    opened = client.get(prepare_url(project)).content.decode()
    assert 'name="from_phase" value="concept"' in opened
    decide(prepare(project, leader), owner)  # decided meanwhile: the project is in planning now
    response = client.post(prepare_url(project), prepare_post(from_phase="concept"))
    assert response.status_code == 422
    assert "Prosjektet har gått over i en annen fase" in response.content.decode()
    assert not DecisionPoint.objects.filter(outcome="").exists()


def test_the_demo_has_a_decision_waiting_and_one_made_and_a_reset_keeps_the_checklists(demo):
    waiting = DecisionPoint.objects.get(outcome="")
    assert waiting.project.name == "Felles responssenter for trygghetsalarmer"
    assert (
        waiting.checklist[0]["text"]
        == DecisionChecklistItem.objects.filter(from_phase=Phase.CONCEPT).order_by("position").first().text
    )
    made = DecisionPoint.objects.exclude(outcome="").get()
    assert (made.outcome, made.project.phase) == (DecisionOutcome.GO_WITH_CONDITIONS, Phase.PLANNING)
    checklists = DecisionChecklistItem.objects.count()
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", "--reset", "--no-input", stdout=StringIO())
    assert DecisionChecklistItem.objects.count() == checklists
    assert DecisionPoint.objects.count() == 2
