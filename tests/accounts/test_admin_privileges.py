"""Only superusers grant staff or superuser rights, groups and permissions in the admin."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def user_form(user, **overrides):
    """What the admin's change form posts for ``user``, with every privilege asked for."""
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "is_council_member": "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    return {**data, **overrides}


def test_office_staff_cannot_make_themselves_superuser(client_as, staff_user):
    client = client_as(staff_user)

    page = client.get(change_url(staff_user))
    assert 'name="is_superuser"' not in page.text
    assert 'name="groups"' not in page.text
    response = client.post(change_url(staff_user), user_form(staff_user))

    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert not staff_user.is_superuser


def test_office_staff_cannot_grant_staff_rights(client_as, staff_user):
    volunteer = UserFactory(username="volunteer")

    client_as(staff_user).post(change_url(volunteer), user_form(volunteer))

    volunteer.refresh_from_db()
    assert not volunteer.is_staff and not volunteer.is_superuser


def test_office_staff_may_still_change_ordinary_accounts(client_as, staff_user):
    volunteer = UserFactory(username="volunteer")

    client_as(staff_user).post(change_url(volunteer), user_form(volunteer, first_name="Amira"))

    volunteer.refresh_from_db()
    assert volunteer.first_name == "Amira"


def test_office_staff_cannot_change_or_delete_a_superuser(client_as, staff_user):
    admin_account = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = client_as(staff_user)

    client.post(change_url(admin_account), user_form(admin_account, email="mine@example.org"))
    client.post(
        reverse("admin:auth_user_password_change", args=[admin_account.pk]),
        {"password1": "taken-over-123", "password2": "taken-over-123"},
    )
    client.post(reverse("admin:accounts_user_delete", args=[admin_account.pk]), {"post": "yes"})

    admin_account.refresh_from_db()
    assert admin_account.email == "root@example.org"
    assert not admin_account.check_password("taken-over-123")


def test_a_superuser_grants_staff_and_superuser_rights(client_as):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    colleague = StaffFactory(username="colleague")

    client_as(root).post(change_url(colleague), user_form(colleague))

    colleague.refresh_from_db()
    assert colleague.is_staff and colleague.is_superuser
