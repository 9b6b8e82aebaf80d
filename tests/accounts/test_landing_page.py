"""After logging in without a ``next`` page, each role starts where its work is."""

import pytest
from django.urls import reverse

from tests.accounts.helpers import PASSWORD
from tests.factories import CouncilMemberFactory, OrganisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def log_in(client, user, **extra):
    return client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD, **extra}
    )


def test_office_staff_land_on_the_dashboard(client):
    response = log_in(client, StaffFactory())
    assert response["Location"] == reverse("directory:dashboard")


def test_council_members_land_on_the_dashboard(client):
    response = log_in(client, CouncilMemberFactory())
    assert response["Location"] == reverse("directory:dashboard")


def test_editors_land_on_their_organisations(client):
    editor = UserFactory()
    OrganisationFactory(editors=[editor])
    response = log_in(client, editor)
    assert response["Location"] == reverse("directory:my_organisations")


def test_other_users_land_at_home(client):
    response = log_in(client, UserFactory())
    assert response["Location"] == reverse("core:home")


def test_a_next_page_still_wins(client):
    response = log_in(client, StaffFactory(), next=reverse("accounts:profile"))
    assert response["Location"] == reverse("accounts:profile")


def test_a_logged_in_editor_opening_the_login_page_is_sent_to_their_organisations(client):
    editor = UserFactory()
    OrganisationFactory(editors=[editor])
    client.force_login(editor)
    response = client.get(reverse("accounts:login"))
    assert response["Location"] == reverse("directory:my_organisations")
