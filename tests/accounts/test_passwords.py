"""Password reset by e-mail and password change, both held to the password validators."""

import re

import pytest
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.accounts.helpers import PASSWORD, in_german, logged_in_user_id
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lindenblüte am Marktplatz 7"
TOO_SHORT = "Kurz7!x"
TOO_COMMON = "password1234"
LINK = re.compile(r"https?://[^/\s]+(/konto/passwort/neu/\S+/)")


def too_short_message():
    validator = MinimumLengthValidator(min_length=10)
    with translation.override("de"):
        return validator.get_error_message()


def assert_rejected_with(response, message):
    assert response.status_code == 200
    assert escape(message) in response.text
    assert 'aria-invalid="true"' in response.text


def request_reset(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def reset_link(email):
    match = LINK.search(email.body)
    assert match, f"no reset link in:\n{email.body}"
    return match.group(1)


def open_reset_form(client, user):
    request_reset(client, user.email)
    response = client.get(reset_link(mail.outbox[-1]))
    assert response.status_code == 302, "the link should hide its token behind a redirect"
    return response["Location"]


def choose(client, url, password, confirmation=None):
    return client.post(url, {"new_password1": password, "new_password2": confirmation or password})


def test_password_reset_sends_one_email_with_a_link_to_the_account(client):
    user = UserFactory(username="amira", email="amira@example.org")

    response = request_reset(client, "amira@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["amira@example.org"]
    assert "amira" in email.body
    assert reset_link(email).startswith("/konto/passwort/neu/")
    assert user.username in email.body


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = request_reset(client, "nobody@example.org")

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_the_reset_link_lets_the_user_choose_a_new_password(client):
    user = UserFactory(username="amira")
    form_url = open_reset_form(client, user)

    assert client.get(form_url).status_code == 200
    response = choose(client, form_url, NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_reset_link_works_only_once(client):
    user = UserFactory(username="amira")
    request_reset(client, user.email)
    link = reset_link(mail.outbox[-1])
    form_url = client.get(link)["Location"]
    choose(client, form_url, NEW_PASSWORD)

    response = client.get(link, follow=True)

    assert response.context["validlink"] is False


@pytest.mark.parametrize(
    ("password", "message"),
    [
        (TOO_SHORT, too_short_message),
        (TOO_COMMON, lambda: in_german("This password is too common.")),
    ],
)
def test_the_new_password_must_pass_the_validators(client, password, message):
    user = UserFactory(username="amira")
    form_url = open_reset_form(client, user)

    response = choose(client, form_url, password)

    assert_rejected_with(response, message())
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_validator_messages_are_translated():
    assert too_short_message().startswith("Dieses Passwort ist zu kurz")
    assert in_german("This password is too common.") != "This password is too common."


def test_password_change_needs_the_old_password(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert_rejected_with(
        response,
        in_german("Your old password was entered incorrectly. Please enter it again."),
    )
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_rejects_a_too_short_password(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": TOO_SHORT, "new_password2": TOO_SHORT},
    )

    assert_rejected_with(response, too_short_message())


def test_password_change_saves_the_new_password_and_keeps_the_user_logged_in(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_user_id(client) == str(user.pk)
    assert client.get(reverse("accounts:password_change_done")).status_code == 200
