import pytest
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.html import escape

from tests.accounts.helpers import PASSWORD, in_german, logged_in_user_id
from tests.factories import UserFactory
from vernetzt.accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
LOGOUT_URL = reverse("accounts:logout")


def log_in(client, username, password, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra})


def test_login_page_shows_the_form(client):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    assert 'name="username"' in response.text
    assert 'name="password"' in response.text


def test_login_with_the_right_password_starts_a_session_and_goes_home(client):
    user = UserFactory(username="amira")

    response = log_in(client, "amira", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert logged_in_user_id(client) == str(user.pk)


def test_login_follows_a_local_next_address(client):
    UserFactory(username="amira")

    response = log_in(client, "amira", PASSWORD, next=reverse("accounts:profile"))

    assert response["Location"] == reverse("accounts:profile")


def test_login_ignores_a_next_address_on_another_site(client):
    UserFactory(username="amira")

    response = log_in(client, "amira", PASSWORD, next="https://evil.example/")

    assert response["Location"] == reverse("core:home")


def test_wrong_password_shows_a_translated_error_and_keeps_the_username(client):
    UserFactory(username="amira")

    response = log_in(client, "amira", "not the password")

    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    expected = in_german(
        AuthenticationForm.error_messages["invalid_login"],
        username=in_german(User._meta.get_field("username").verbose_name),
    )
    assert expected != AuthenticationForm.error_messages["invalid_login"]
    assert escape(expected) in response.text
    assert 'value="amira"' in response.text
    assert 'class="form-errors" role="alert"' in response.text


def test_a_logged_in_user_is_sent_on_from_the_login_page(client):
    client.force_login(UserFactory())

    response = client.get(LOGIN_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_logout_by_post_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert logged_in_user_id(client) is None


def test_logout_by_get_is_refused_and_keeps_the_session(client):
    user = UserFactory()
    client.force_login(user)

    response = client.get(LOGOUT_URL)

    assert response.status_code == 405
    assert logged_in_user_id(client) == str(user.pk)
