"""core.access: the one way views and services ask a named permission and fetch an object for a user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404

from core import access, roles
from programmes.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_leader(role_user):
    return role_user(roles.PROJECT_LEADER, username="kari")


@pytest.fixture
def politician(role_user):
    return role_user(roles.POLITICIAN, username="politiker")


def test_a_user_who_may_gets_the_object(project_leader):
    project = ProjectFactory(leader=project_leader)
    fetched = access.get_for_user(project_leader, Project, "programmes.change_project", pk=project.pk)
    assert fetched == project


def test_a_missing_object_is_404_even_for_a_user_who_may_edit_every_project(role_user):
    administrator = role_user(roles.ADMINISTRATOR)
    with pytest.raises(Http404):
        access.get_for_user(administrator, Project, "programmes.change_project", pk=404_404)


def test_a_user_who_may_not_is_refused_with_403(project_leader):
    project = ProjectFactory()  # led by someone else
    with pytest.raises(PermissionDenied):
        access.get_for_user(project_leader, Project, "programmes.change_project", pk=project.pk)


def test_a_hidden_object_is_404_to_a_user_who_may_not_so_they_do_not_learn_it_exists(project_leader):
    project = ProjectFactory()
    with pytest.raises(Http404):
        access.get_for_user(project_leader, Project, "programmes.change_project", hidden=True, pk=project.pk)


def test_the_lookup_goes_through_the_given_queryset(project_leader):
    project = ProjectFactory(leader=project_leader)
    other_projects = Project.objects.exclude(pk=project.pk)
    with pytest.raises(Http404):
        access.get_for_user(project_leader, other_projects, "programmes.change_project", pk=project.pk)


def test_require_perm_refuses_a_user_without_the_permission_and_lets_one_with_it_pass(
    project_leader, politician
):
    access.require_perm(project_leader, "programmes.add_project")
    with pytest.raises(PermissionDenied):
        access.require_perm(politician, "programmes.add_project")


def test_anonymous_users_may_do_nothing():
    assert not access.has_perm(AnonymousUser(), "programmes.view_project")


def test_a_superuser_may_do_everything_as_with_django(django_user_model):
    superuser = django_user_model.objects.create_superuser(username="root", password="demo")
    assert access.has_perm(superuser, "reports.publish_report", None)


def test_a_misspelt_permission_is_an_error_not_a_silent_refusal(project_leader):
    with pytest.raises(ImproperlyConfigured, match=r"programmes\.chnage_project"):
        access.has_perm(project_leader, "programmes.chnage_project", ProjectFactory(leader=project_leader))


def test_a_refusal_asks_only_the_roles_not_djangos_permission_tables(politician, django_assert_num_queries):
    # One query for the user's role groups (then cached on the user); Django's model backend would add
    # two more for the user's and the groups' permissions on every "no".
    with django_assert_num_queries(1):
        assert not access.has_perm(politician, "programmes.add_project")
    with django_assert_num_queries(0):
        assert not access.has_perm(politician, "scorecards.add_scorecard")
