"""Who may see which organisation. The rules themselves live on the models
(``OrganisationQuerySet.publicly_visible``/``visible_to``/``editable_by``); these are the reads
views and the API ask."""

from vernetzt.core.roles import is_council_or_staff
from vernetzt.directory.models import Organisation, may_edit

__all__ = ["is_privileged", "may_edit", "open_data_organisations", "public_organisations"]


def is_privileged(user):
    """Council and staff: they see internal organisations and every status."""
    return user is not None and is_council_or_staff(user)


def public_organisations(*, user, statuses=None):
    """The organisations ``user`` may see in the directory (``None``: the public)."""
    return Organisation.objects.visible_to(user, statuses=statuses)


def open_data_organisations():
    """What the open-data API and anonymous visitors see, whoever asks."""
    return Organisation.objects.publicly_visible()
