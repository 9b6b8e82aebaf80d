"""Sessions end after SESSION_COOKIE_AGE seconds without a request (an idle timeout)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.accounts.helpers import logged_in_user_id
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("accounts:profile")


def stored_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_sessions_are_an_idle_timeout_of_eight_hours_by_default():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_an_expired_session_is_logged_out(client):
    client.force_login(UserFactory())
    session = stored_session(client)
    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()

    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert logged_in_user_id(client) is None


def test_every_request_extends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    session = stored_session(client)
    session.expire_date = timezone.now() + timedelta(minutes=1)
    session.save()

    response = client.get(PROFILE_URL)

    assert response.status_code == 200
    remaining = stored_session(client).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert logged_in_user_id(client) == str(user.pk)
