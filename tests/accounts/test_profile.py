import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.accounts.helpers import in_german
from vernetzt.core.roles import ROLE_LABELS, Role

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("accounts:profile")


def role_names_on_profile(client, user):
    client.force_login(user)
    response = client.get(PROFILE_URL)
    assert response.status_code == 200
    return {
        role for role, label in ROLE_LABELS.items() if escape(in_german(label)) in response.text
    }


def test_the_profile_needs_a_login(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_participant_sees_only_the_participant_role(client, participant_user):
    assert role_names_on_profile(client, participant_user) == {Role.PARTICIPANT}


def test_an_editor_sees_the_editor_role(client, editor_user, edited_organisation):
    assert role_names_on_profile(client, editor_user) == {Role.PARTICIPANT, Role.EDITOR}


def test_a_council_member_sees_the_council_role(client, council_user):
    assert role_names_on_profile(client, council_user) == {Role.PARTICIPANT, Role.COUNCIL}


def test_office_staff_see_the_staff_role(client, staff_user):
    assert role_names_on_profile(client, staff_user) == {Role.PARTICIPANT, Role.STAFF}


def test_the_profile_shows_the_username_and_links_to_the_password_change(client, staff_user):
    client.force_login(staff_user)

    response = client.get(PROFILE_URL)

    assert staff_user.username in response.text
    assert reverse("accounts:password_change") in response.text
