"""The roles vernetzt knows, derived from a user; one definition for rules, tests and docs."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    PARTICIPANT = "participant"
    EDITOR = "editor"
    COUNCIL = "council"
    STAFF = "staff"


ROLE_LABELS = {
    Role.ANONYMOUS: _("Public (not logged in)"),
    Role.PARTICIPANT: _("Registered participant"),
    Role.EDITOR: _("Organisation editor"),
    Role.COUNCIL: _("Council member"),
    Role.STAFF: _("Integration office staff"),
}


def is_staff(user):
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_council_or_staff(user):
    return is_staff(user) or bool(
        user.is_authenticated and user.is_active and getattr(user, "is_council_member", False)
    )
