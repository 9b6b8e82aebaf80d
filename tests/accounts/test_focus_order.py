"""Account forms leave focus where it starts, so the skip link stays the first stop."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "logged_in"),
    [
        ("accounts:login", False),
        ("accounts:password_reset", False),
        ("accounts:password_change", True),
    ],
)
def test_account_forms_do_not_autofocus_a_field(client, url_name, logged_in):
    if logged_in:
        client.force_login(UserFactory())

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert "<form" in response.text
    assert "autofocus" not in response.text
