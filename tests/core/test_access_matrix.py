"""Every URL × every role: a URL without a rule or without an expectation fails the suite."""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import ALL_ROLES, access_matrix_modules, build_world
from tests.factories import OrganisationFactory
from vernetzt.core.access import SELF_GUARDED_NAMESPACES, rules
from vernetzt.core.roles import Role


def view_names(patterns=None, namespace=""):
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= view_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def guarded_view_names():
    return {name for name in view_names() if name.split(":")[0] not in SELF_GUARDED_NAMESPACES}


def expected_matrix():
    expected = {}
    for module in access_matrix_modules():
        duplicated = expected.keys() & module.EXPECTED.keys()
        assert not duplicated, f"declared twice in the matrix: {sorted(duplicated)}"
        expected.update(module.EXPECTED)
    return expected


def test_every_url_has_an_access_rule():
    missing = guarded_view_names() - rules().keys()
    assert not missing, f"URLs without an access rule in any permissions.py: {sorted(missing)}"


def test_every_rule_belongs_to_an_existing_url():
    stale = rules().keys() - guarded_view_names()
    assert not stale, f"access rules for URLs that do not exist: {sorted(stale)}"


def test_every_url_is_in_the_matrix():
    expected = expected_matrix()
    missing = guarded_view_names() - expected.keys()
    assert not missing, f"URLs missing from the access matrix: {sorted(missing)}"
    stale = expected.keys() - guarded_view_names()
    assert not stale, f"matrix entries for URLs that do not exist: {sorted(stale)}"


@pytest.fixture
def world(edited_organisation):
    return build_world(organisation=edited_organisation)


def was_denied(response):
    if response.status_code == 403:
        return True
    login_url = reverse(settings.LOGIN_URL)
    return response.status_code == 302 and response["Location"].startswith(login_url)


@pytest.mark.django_db
def test_access_matrix(client_as, role_users, world):
    failures = []
    for view_name, expect in sorted(expected_matrix().items()):
        url = reverse(view_name, kwargs=expect.kwargs(world))
        for role in sorted(ALL_ROLES):
            response = client_as(role_users[role]).get(url)
            allowed = not was_denied(response)
            if allowed != (role in expect.allowed):
                failures.append(
                    f"{view_name} as {role}: {'allowed' if allowed else 'denied'} "
                    f"(status {response.status_code}), expected "
                    f"{'allowed' if role in expect.allowed else 'denied'}"
                )
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_editor_cannot_reach_an_organisation_they_do_not_edit(client_as, editor_user):
    other = OrganisationFactory(slug="fremder-verein")
    client = client_as(editor_user)
    assert (
        client.get(reverse("directory:organisation_edit", kwargs={"slug": other.slug})).status_code
        == 403
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ANONYMOUS, Role.PARTICIPANT, Role.EDITOR, Role.COUNCIL])
def test_admin_is_for_staff_only(client_as, role_users, role):
    response = client_as(role_users[role]).get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_admin_opens_for_staff(client_as, staff_user):
    client = client_as(staff_user)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:directory_organisation_changelist")).status_code == 200
