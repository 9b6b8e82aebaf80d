"""Who may open which events URL. The one place for the events app's access rules.

Registration pages reached by their token (``anmeldung/<token>/``) are open to everyone: the
token, sent only to the person's e-mail address, is the key. An unknown token is a 404.
"""

from vernetzt.core.access import AUTHENTICATED, PUBLIC, STAFF, Rule
from vernetzt.events.models import Event


def may_see_event(user, slug):
    """Public events: everyone; by invitation: staff, the invited and those registered."""
    return Event.objects.visible_to(user).filter(slug=slug).exists()


def _sees_event(user, kwargs):
    # An unknown address is let through so that the view answers 404, not a login page.
    slug = kwargs.get("slug")
    if not Event.objects.filter(slug=slug).exists():
        return True
    return may_see_event(user, slug)


EVENT_AUDIENCE = Rule(
    "everyone for public events; staff, invited and registered people for events by invitation",
    _sees_event,
)

RULES = {
    "events:event_list": PUBLIC,
    "events:event_detail": EVENT_AUDIENCE,
    "events:event_ical": EVENT_AUDIENCE,
    "events:register": EVENT_AUDIENCE,
    "events:registration_sent": EVENT_AUDIENCE,
    # By token (the link in the person's e-mail).
    "events:registration": PUBLIC,
    "events:registration_confirm": PUBLIC,
    "events:registration_accept": PUBLIC,
    "events:registration_cancel": PUBLIC,
    "events:registration_ical": PUBLIC,
    "events:my_registrations": AUTHENTICATED,
    # Integration office.
    "events:event_create": STAFF,
    "events:event_edit": STAFF,
    "events:programme": STAFF,
    "events:room_edit": STAFF,
    "events:room_delete": STAFF,
    "events:slot_edit": STAFF,
    "events:slot_delete": STAFF,
    "events:participants": STAFF,
    "events:participants_export": STAFF,
    "events:checkin": STAFF,
    "events:checkin_person": STAFF,
}
