"""Login throttling by django-axes: AXES_FAILURE_LIMIT failures lock username + address."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.helpers import PASSWORD, in_german, logged_in_user_id
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
LOCKOUT_STATUSES = {403, 429}


def fail_to_log_in(client, username, times):
    for _attempt in range(times):
        response = client.post(LOGIN_URL, {"username": username, "password": "wrong guess"})
    return response


def log_in(client, username):
    return client.post(LOGIN_URL, {"username": username, "password": PASSWORD})


def test_the_failure_limit_is_five_by_default():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_attempts_below_the_limit_only_show_the_form_error(client):
    UserFactory(username="amira")

    response = fail_to_log_in(client, "amira", settings.AXES_FAILURE_LIMIT - 1)

    assert response.status_code == 200


def test_after_the_limit_even_the_right_password_is_refused_with_the_lockout_page(client):
    UserFactory(username="amira")
    fail_to_log_in(client, "amira", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "amira")

    assert response.status_code in LOCKOUT_STATUSES
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    assert in_german("Too many attempts") in response.text
    assert logged_in_user_id(client) is None


def test_the_lock_applies_to_the_username_only_not_to_other_accounts(client):
    UserFactory(username="amira")
    other = UserFactory(username="jonas")
    fail_to_log_in(client, "amira", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "jonas")

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(other.pk)


def test_a_successful_login_resets_the_failure_count(client):
    user = UserFactory(username="amira")
    fail_to_log_in(client, "amira", settings.AXES_FAILURE_LIMIT - 1)
    log_in(client, "amira")
    client.post(reverse("accounts:logout"))
    fail_to_log_in(client, "amira", settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, "amira")

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(user.pk)
