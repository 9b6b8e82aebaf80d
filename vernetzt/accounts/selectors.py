from django.urls import reverse

from vernetzt.core.access import is_allowed
from vernetzt.core.roles import ROLE_LABELS, Role


def roles_of(*, user):
    """The roles a user holds, as (role, label) pairs."""
    if not user.is_authenticated:
        return [(Role.ANONYMOUS, ROLE_LABELS[Role.ANONYMOUS])]
    roles = [Role.PARTICIPANT]
    if user.edited_organisations.exists():
        roles.append(Role.EDITOR)
    if user.is_council_member:
        roles.append(Role.COUNCIL)
    if user.is_staff:
        roles.append(Role.STAFF)
    return [(role, ROLE_LABELS[role]) for role in roles]


def landing_page(*, user):
    """Where a user starts after logging in without a ``next`` page.

    The office and the council on the overview (whoever may open it), editors on their
    organisations, everyone else at home.
    """
    if is_allowed(user, "directory:dashboard"):
        return reverse("directory:dashboard")
    if user.is_authenticated and user.edited_organisations.exists():
        return reverse("directory:my_organisations")
    return reverse("core:home")
