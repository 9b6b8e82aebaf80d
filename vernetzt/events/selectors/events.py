"""Events as the public and the office see them."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from vernetzt.directory.models import Organisation
from vernetzt.events.models import Event, Registration


def _with_places(queryset):
    return queryset.annotate(
        places_taken=Count(
            "registrations", filter=Q(registrations__status__in=Registration.HOLDS_A_PLACE)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
        ),
    )


def event_lists(user, *, now=None):
    """(upcoming, past) events ``user`` may see, with their places taken."""
    now = now or timezone.now()
    visible = _with_places(Event.objects.visible_to(user))
    return list(visible.upcoming(now)), list(visible.past(now)[:20])


def event_for_page(user, slug):
    """The event with its programme, organisers and ``user``'s own registration, or 404."""
    organisers = Organisation.objects.publicly_visible().order_by("name")
    event = (
        _with_places(Event.objects.visible_to(user))
        .prefetch_related(
            "rooms",
            "slots",
            "further_languages",
            Prefetch("organisers", queryset=organisers, to_attr="public_organisers"),
        )
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise Http404
    event.places_left = max(event.capacity - event.places_taken, 0)
    event.own_registration = None
    if user.is_authenticated:
        event.own_registration = (
            event.registrations.filter(user=user)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
    return event
