"""Issue 13, defect 1 for gains: a stale save is merged field by field (a field is one grid cell, or one
field of the benefit form). What only the colleague changed is kept, what only this user changed is saved,
and a field both changed is shown side by side for the user to choose; nothing is lost without a choice."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from benefits.models import Benefit, BenefitPlanYear

from .conftest import add_benefit

pytestmark = pytest.mark.django_db


def grid_url(project):
    return reverse("benefits:project_benefits", args=[project.pk])


def names(benefit, year, field):
    key = f"{benefit.pk}-{year}-{field}"
    return f"cell-{key}", f"orig-{key}", f"conflict-{key}", f"choice-{key}"


def planned(benefit, year):
    return BenefitPlanYear.objects.get(benefit=benefit, year=year).planned


def test_a_cell_only_the_colleague_changed_keeps_their_value_and_the_page_says_so(client, project, people):
    benefit = add_benefit(project, title="Færre nattilsyn", planned=[1_000_000, 2_000_000])
    colleague = Client()
    colleague.force_login(people["programme_leader"])
    people["programme_leader"].first_name, people["programme_leader"].last_name = "Per", "Hansen"
    people["programme_leader"].save()
    cell_2027, orig_2027, *_ = names(benefit, 2027, "planned")
    cell_2026, orig_2026, *_ = names(benefit, 2026, "planned")
    colleague.post(grid_url(project), {cell_2027: "2 500 000", orig_2027: "2 000 000"})

    # This user's stale page still shows 2 000 000 for 2027 and changes only 2026.
    client.force_login(people["leader"])
    response = client.post(
        grid_url(project),
        {cell_2026: "1 100 000", orig_2026: "1 000 000", cell_2027: "2 000 000", orig_2027: "2 000 000"},
        follow=True,
    )
    assert (planned(benefit, 2026), planned(benefit, 2027)) == (Decimal(1_100_000), Decimal(2_500_000))
    assert (
        "Endringene dine er lagret. Per Hansen hadde også endret Færre nattilsyn: planlagt 2027 – de "
        "endringene er beholdt." in response.content.decode()
    )


def test_a_cell_both_changed_saves_nothing_until_the_user_chooses(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000])
    colleague = Client()
    colleague.force_login(people["programme_leader"])
    cell_2026, orig_2026, conflict_2026, choice_2026 = names(benefit, 2026, "planned")
    cell_2027, orig_2027, *_ = names(benefit, 2027, "planned")
    colleague.post(grid_url(project), {cell_2026: "1 500 000", orig_2026: "1 000 000"})

    client.force_login(people["leader"])
    mine = {cell_2026: "1 200 000", orig_2026: "1 000 000", cell_2027: "3 000 000", orig_2027: "2 000 000"}
    response = client.post(grid_url(project), mine, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 422
    assert "Noen andre lagret mens du redigerte" in body
    assert "Både du og programleder har endret feltene under." in body
    assert f'name="{choice_2026}" value="mine" required' in body
    assert f'name="{choice_2026}" value="theirs" required' in body
    # Nothing is saved, not even the cell only this user changed.
    assert (planned(benefit, 2026), planned(benefit, 2027)) == (Decimal(1_500_000), Decimal(2_000_000))

    # A third save in between: «keep my value» was chosen against a value that is no longer current, so
    # the user is asked again.
    colleague.post(grid_url(project), {cell_2026: "1 600 000", orig_2026: "1 500 000"})
    chosen = mine | {orig_2026: "1 500 000", conflict_2026: "1", choice_2026: "mine"}
    response = client.post(grid_url(project), chosen, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert f'id="orig-cell-{benefit.pk}-2026-planned" value="1\xa0600\xa0000"' in response.content.decode()
    assert (planned(benefit, 2026), planned(benefit, 2027)) == (Decimal(1_600_000), Decimal(2_000_000))

    # Choosing the colleague's current value keeps it and saves the user's other cell.
    chosen = mine | {orig_2026: "1 600 000", conflict_2026: "1", choice_2026: "theirs"}
    response = client.post(grid_url(project), chosen, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert (planned(benefit, 2026), planned(benefit, 2027)) == (Decimal(1_600_000), Decimal(3_000_000))
    assert f'id="cell-{benefit.pk}-2026-planned" value="1\xa0600\xa0000"' in response.content.decode()


# --- Two sessions with random overlapping changes --------------------------------------------------------


CELLS = [(2026, "planned"), (2027, "planned"), (2026, "realised"), (2028, "planned")]
amount = st.sampled_from(["", "0", "100", "200", "300"])
edits = st.dictionaries(st.sampled_from(CELLS), amount, max_size=4)


def stored(benefit) -> dict:
    years = {py.year: py for py in BenefitPlanYear.objects.filter(benefit=benefit)}
    return {(y, f): getattr(years.get(y), f, None) for y, f in CELLS}


def _decimal(text):
    return None if text == "" else Decimal(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theirs=edits, mine=edits, choose_mine=st.booleans())
def test_two_sessions_never_lose_a_change_without_a_choice(project, people, theirs, mine, choose_mine):
    Benefit.objects.filter(project=project).delete()
    benefit = add_benefit(project, title="A", planned=[100, 100, 100], realised=[100])
    start = stored(benefit)

    def shown(value):
        return "" if value is None else str(int(value))

    def form(edit, base):
        data = {}
        for year, field in CELLS:
            cell, orig, *_ = names(benefit, year, field)
            data[cell] = edit.get((year, field), shown(base[(year, field)]))
            data[orig] = shown(base[(year, field)])
        return data

    colleague, me = Client(), Client()
    colleague.force_login(people["programme_leader"])
    me.force_login(people["leader"])
    # Both open the page at `start`; the colleague saves first.
    colleague.post(grid_url(project), form(theirs, start))
    after_theirs = stored(benefit)
    response = me.post(grid_url(project), form(mine, start))

    conflicts = [
        c
        for c in CELLS
        if c in mine
        and c in theirs
        and _decimal(mine[c]) != start[c]
        and after_theirs[c] != start[c]
        and _decimal(mine[c]) != after_theirs[c]
    ]
    if conflicts:
        # Nothing of mine is saved; the colleague's values stand.
        assert stored(benefit) == after_theirs
        body = response.content.decode()
        for year, field in conflicts:
            assert f'name="choice-{benefit.pk}-{year}-{field}" value="mine" required' in body
        # The user answers on the page as it was sent back: its inputs as they are, plus a choice per conflict.
        choice = "mine" if choose_mine else "theirs"
        data = dict(
            re.findall(r'<input type="(?:text|hidden)"[^>]* name="([^"]+)"[^>]* value="([^"]*)"', body)
        )
        data.pop("csrfmiddlewaretoken", None)
        for year, field in conflicts:
            data[names(benefit, year, field)[3]] = choice
        me.post(grid_url(project), data)
    final = stored(benefit)
    for c in CELLS:
        mine_changed = c in mine and _decimal(mine[c]) != start[c]
        if c in conflicts:
            expected = _decimal(mine[c]) if choose_mine else after_theirs[c]
        elif mine_changed:
            expected = _decimal(mine[c])
        else:
            expected = after_theirs[c]  # the colleague's change (or nobody's) stands
        assert final[c] == expected, (c, start[c], after_theirs[c], mine.get(c), final[c])


# --- The benefit form ------------------------------------------------------------------------------------


def open_form(client, project, benefit) -> dict:
    """The form as the browser would send it back unchanged: its initial values."""
    url = reverse("benefits:benefit_edit", args=[project.pk, benefit.pk])
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = (
            "" if value is None else field.prepare_value(value) if hasattr(field, "prepare_value") else value
        )
    return data


def test_benefit_form_saved_on_a_stale_version_keeps_the_colleagues_other_changes(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000], unit="Hjemmetjenesten")
    client.force_login(people["leader"])
    url = reverse("benefits:benefit_edit", args=[project.pk, benefit.pk])
    stale = open_form(client, project, benefit)
    # The colleague saves the 2027 plan in the grid and the unit in the form.
    colleague = Client()
    colleague.force_login(people["programme_leader"])
    colleague.post(
        grid_url(project),
        {f"cell-{benefit.pk}-2027-planned": "2 500 000", f"orig-{benefit.pk}-2027-planned": "2 000 000"},
    )
    theirs = open_form(colleague, project, benefit)
    colleague.post(url, theirs | {"unit": "Sykehjemmene"})

    response = client.post(url, stale | {"title": "A (nytt navn)"}, follow=True)
    benefit.refresh_from_db()
    assert (benefit.title, benefit.unit) == ("A (nytt navn)", "Sykehjemmene")
    assert planned(benefit, 2027) == Decimal(2_500_000)
    body = response.content.decode()
    assert "Endringene dine er lagret. programleder hadde også endret" in body
    assert "de endringene er beholdt." in body


def test_benefit_form_conflict_shows_both_values_and_needs_a_choice(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000], unit="Hjemmetjenesten")
    client.force_login(people["leader"])
    url = reverse("benefits:benefit_edit", args=[project.pk, benefit.pk])
    stale = open_form(client, project, benefit)
    colleague = Client()
    colleague.force_login(people["programme_leader"])
    colleague.post(
        url, open_form(colleague, project, benefit) | {"unit": "Sykehjemmene", "plan_2027": "3 000 000"}
    )

    response = client.post(url, stale | {"unit": "Legevakten", "title": "B"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Noen andre lagret mens du redigerte" in body
    assert "Både du og programleder har endret feltene under." in body
    assert "Behold min verdi: <strong>Legevakten</strong>" in body
    assert "Bruk verdien til programleder: <strong>Sykehjemmene</strong>" in body
    assert 'name="choice_unit" value="mine" required' in body
    assert 'value="B"' in body  # the user's input is kept
    assert 'value="3\xa0000\xa0000"' in body  # the colleague's other change is applied
    benefit.refresh_from_db()
    assert (benefit.title, benefit.unit) == ("A", "Sykehjemmene")

    # Saving the re-rendered form without a choice saves nothing; with one, it saves.
    again = response.context["form"].data.copy()
    response = client.post(url, again)
    assert "Velg hvilken verdi som skal gjelde." in response.content.decode()
    assert Benefit.objects.get(pk=benefit.pk).title == "A"
    again = response.context["form"].data.copy()
    again["choice_unit"] = "theirs"
    assert client.post(url, again).status_code == 302
    benefit.refresh_from_db()
    assert (benefit.title, benefit.unit) == ("B", "Sykehjemmene")
    assert planned(benefit, 2027) == Decimal(3_000_000)


def test_a_change_that_did_not_bump_the_version_is_not_reverted_by_a_stale_form(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000], unit="Hjemmetjenesten")
    client.force_login(people["leader"])
    url = reverse("benefits:benefit_edit", args=[project.pk, benefit.pk])
    stale = open_form(client, project, benefit)
    Benefit.objects.filter(pk=benefit.pk).update(unit="Sykehjemmene")  # a bulk update, version unchanged
    assert client.post(url, stale | {"title": "B"}).status_code == 302
    benefit.refresh_from_db()
    assert (benefit.title, benefit.unit) == ("B", "Sykehjemmene")


def test_an_admin_change_bumps_the_version(client, project, people):
    benefit = add_benefit(project, title="A", planned=[1_000_000])
    people["admin"].is_staff = people["admin"].is_superuser = True
    people["admin"].save()
    client.force_login(people["admin"])
    url = reverse("admin:benefits_benefit_change", args=[benefit.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: "" if value is None else value for name, value in form.initial.items() if name in form.fields
    }
    data |= {"title": "A (admin)", "project": project.pk}
    data = {k: v for k, v in data.items() if v is not False}
    data |= {
        "plan_years-TOTAL_FORMS": "0",
        "plan_years-INITIAL_FORMS": "0",
        "plan_years-MIN_NUM_FORMS": "0",
        "plan_years-MAX_NUM_FORMS": "1000",
    }
    version = benefit.version
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    benefit.refresh_from_db()
    assert (benefit.title, benefit.version) == ("A (admin)", version + 1)


FORM_FIELDS = ["title", "unit", "measurement", "plan_2026", "realised_2026", "comment_2027"]
# Every value differs from the benefit's start (A, Hjemmetjenesten, no measurement, 100 planned, nothing
# realised, no comment), so a drawn field is a change and two sessions often change the same one.
form_values = {
    "title": st.sampled_from(["B", "C"]),
    "unit": st.sampled_from(["Sykehjemmene", "Legevakten"]),
    "measurement": st.sampled_from(["Timer", "Kroner"]),
    "plan_2026": st.sampled_from(["", "200"]),
    "realised_2026": st.sampled_from(["0", "50"]),
    "comment_2027": st.sampled_from(["Usikkert", "Avklart"]),
}
form_edits = st.fixed_dictionaries({}, optional=form_values)


def _form_state(benefit) -> dict:
    from benefits.services import benefit_values, canonical

    benefit = Benefit.objects.get(pk=benefit.pk)
    values = benefit_values(benefit, list(benefit.plan_years.all()), [2026, 2027])
    return {name: canonical(values[name]) for name in FORM_FIELDS}


def _canonical_input(name, text):
    return str(int(text)) if name.startswith(("plan_", "realised_")) and text else text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theirs=form_edits, mine=form_edits, choose_mine=st.booleans())
def test_two_sessions_on_the_benefit_form_never_lose_a_change_without_a_choice(
    project, people, theirs, mine, choose_mine
):
    Benefit.objects.filter(project=project).delete()
    benefit = add_benefit(project, title="A", planned=[100], unit="Hjemmetjenesten")
    url = reverse("benefits:benefit_edit", args=[project.pk, benefit.pk])
    colleague, me = Client(), Client()
    colleague.force_login(people["programme_leader"])
    me.force_login(people["leader"])
    theirs_form, my_form = open_form(colleague, project, benefit), open_form(me, project, benefit)
    start = _form_state(benefit)
    assert colleague.post(url, theirs_form | theirs).status_code == 302
    after_theirs = _form_state(benefit)
    response = me.post(url, my_form | mine)

    def changed(edit, name):
        return name in edit and _canonical_input(name, edit[name]) != start[name]

    conflicts = [
        n
        for n in FORM_FIELDS
        if changed(mine, n)
        and after_theirs[n] != start[n]
        and _canonical_input(n, mine[n]) != after_theirs[n]
    ]
    event("conflict" if conflicts else "clean merge")
    if conflicts:
        assert response.status_code == 200
        assert _form_state(benefit) == after_theirs  # nothing saved
        data = response.context["form"].data.copy()
        for name in conflicts:
            data[f"choice_{name}"] = "mine" if choose_mine else "theirs"
        assert me.post(url, data).status_code == 302
    else:
        assert response.status_code == 302
    final = _form_state(benefit)
    for name in FORM_FIELDS:
        if name in conflicts:
            expected = _canonical_input(name, mine[name]) if choose_mine else after_theirs[name]
        elif changed(mine, name):
            expected = _canonical_input(name, mine[name])
        else:
            expected = after_theirs[name]
        assert final[name] == expected, (name, start[name], after_theirs[name], mine.get(name), final[name])
