"""Shared bits of the account flow tests."""

from django.utils import translation

PASSWORD = "correct horse battery staple"  # what tests.factories.UserFactory sets


def in_german(message, **params):
    """``message`` as a German visitor sees it (the site's default language)."""
    with translation.override("de"):
        text = translation.gettext(message) if isinstance(message, str) else str(message)
    return text % params if params else text


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")
