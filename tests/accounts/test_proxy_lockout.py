"""The login lock behind the recommended reverse proxy: keyed on the forwarded client
address (the rightmost X-Forwarded-For entry, one trusted hop), and per address for unknown
usernames, so five bad passwords do not lock an account for everyone."""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tests.accounts.helpers import PASSWORD, logged_in_user_id
from tests.factories import UserFactory
from vernetzt.core.client import client_address

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
PROXY = "10.0.0.2"  # every request connects from the proxy


def attempt(client, username, password, *, client_ip):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def address(forwarded=None, remote="192.0.2.1"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_rightmost_forwarded_address_is_the_client():
    assert address("198.51.100.7") == "198.51.100.7"
    # A client may send its own header; the proxy appends the address it saw, on the right.
    assert address("6.6.6.6, 198.51.100.7") == "198.51.100.7"
    assert address("2001:db8::1") == "2001:db8::1"


@override_settings(BEHIND_PROXY=True)
def test_a_missing_or_malformed_forwarded_address_falls_back_to_the_connection():
    assert address() == "192.0.2.1"
    assert address("not-an-address") == "192.0.2.1"
    assert address("198.51.100.7, ") == "192.0.2.1"


@override_settings(BEHIND_PROXY=False)
def test_without_a_proxy_the_forwarded_header_is_ignored():
    assert address("198.51.100.7") == "192.0.2.1"


@override_settings(BEHIND_PROXY=True)
def test_an_attacker_behind_the_proxy_does_not_lock_the_account_for_others(client):
    amira = UserFactory(username="amira")
    for _guess in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "amira", "wrong guess", client_ip="203.0.113.66")

    locked = attempt(client, "amira", PASSWORD, client_ip="203.0.113.66")
    assert locked.status_code in {403, 429}

    response = attempt(client, "amira", PASSWORD, client_ip="198.51.100.7")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(amira.pk)


@override_settings(BEHIND_PROXY=True)
def test_a_forged_left_entry_does_not_escape_the_lock(client):
    UserFactory(username="amira")
    for number in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "amira", "wrong guess", client_ip=f"10.9.9.{number}, 203.0.113.66")

    response = attempt(client, "amira", PASSWORD, client_ip="10.9.9.99, 203.0.113.66")
    assert response.status_code in {403, 429}


def test_guessing_unknown_usernames_locks_the_guessing_address(client):
    amira = UserFactory(username="amira")
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"username": f"nobody{number}", "password": "x"})

    assert client.post(LOGIN_URL, {"username": "nobody99", "password": "x"}).status_code in {
        403, 429,
    }
    # A real account from another address is unaffected.
    other = client.post(
        LOGIN_URL, {"username": "amira", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert other.status_code == 302
    assert logged_in_user_id(client) == str(amira.pk)
