import pytest
from django.utils import timezone

from tests.factories import OrganisationFactory, StaffFactory
from vernetzt.events.demo import CONFERENCE_SLUG, OPEN_SPACE_SLUG, seed_events
from vernetzt.events.models import Event, Registration

pytestmark = pytest.mark.django_db
S = Registration.Status


def test_the_demo_has_an_upcoming_full_conference_and_a_past_open_space_once():
    StaffFactory(username="buero")
    OrganisationFactory.create_batch(8)

    made = seed_events(seed=3)
    again = seed_events(seed=3)

    assert (made.events, again.events) == (2, 0)
    conference = Event.objects.get(slug=CONFERENCE_SLUG)
    open_space = Event.objects.get(slug=OPEN_SPACE_SLUG)
    assert conference.starts_at > timezone.now() > open_space.ends_at
    assert conference.kind == "conference" and open_space.kind == "open_space"
    assert conference.registrations.holding_places().count() == conference.capacity
    waiting = list(conference.registrations.waiting())
    assert len(waiting) == 6 and [r.waitlist_position() for r in waiting] == [1, 2, 3, 4, 5, 6]
    assert conference.slots.count() == 5 and conference.rooms.filter(childcare_corner=True).exists()
    assert open_space.registrations.filter(status=S.CHECKED_IN).count() == 49
    assert all(r.consent_id for r in Registration.objects.all())
    assert conference.organisers.count() == 3
