from tests.access import EVERYONE, LOGGED_IN, STAFF_ONLY, Expect


def world_objects(world):
    from tests.events.factories import (
        EventFactory,
        RegistrationFactory,
        RoomFactory,
        TimeSlotFactory,
    )
    from vernetzt.directory.models import Language

    event = EventFactory(slug="integrationskonferenz", title="Integrationskonferenz Nordstadt")
    room = RoomFactory(event=event, name="Saal", step_free=True, projector=True)
    slot = TimeSlotFactory(event=event)
    registration = RegistrationFactory(
        event=event,
        name="Amal Haddad",
        interpreting_needed=True,
        interpreting_language=Language.objects.get_or_create(
            code="ar", defaults={"name": "Arabisch"}
        )[0],
        childcare_needed=True,
        children=2,
    )
    return {
        "event": event,
        "event_room": room,
        "event_slot": slot,
        "event_registration": registration,
    }


def event(world):
    return {"slug": world.event.slug}


def token(world):
    return {"token": world.event_registration.token}


EXPECTED = {
    "events:event_list": Expect(EVERYONE),
    "events:event_detail": Expect(EVERYONE, event),
    "events:event_ical": Expect(EVERYONE, event),
    "events:register": Expect(EVERYONE, event),
    "events:registration_sent": Expect(EVERYONE, event),
    "events:registration": Expect(EVERYONE, token),
    "events:registration_confirm": Expect(EVERYONE, token),
    "events:registration_accept": Expect(EVERYONE, token),
    "events:registration_cancel": Expect(EVERYONE, token),
    "events:registration_ical": Expect(EVERYONE, token),
    "events:my_registrations": Expect(LOGGED_IN),
    "events:event_create": Expect(STAFF_ONLY),
    "events:event_edit": Expect(STAFF_ONLY, event),
    "events:programme": Expect(STAFF_ONLY, event),
    "events:room_edit": Expect(
        STAFF_ONLY, lambda world: {"slug": world.event.slug, "pk": world.event_room.pk}
    ),
    "events:room_delete": Expect(
        STAFF_ONLY, lambda world: {"slug": world.event.slug, "pk": world.event_room.pk}
    ),
    "events:slot_edit": Expect(
        STAFF_ONLY, lambda world: {"slug": world.event.slug, "pk": world.event_slot.pk}
    ),
    "events:slot_delete": Expect(
        STAFF_ONLY, lambda world: {"slug": world.event.slug, "pk": world.event_slot.pk}
    ),
    "events:participants": Expect(STAFF_ONLY, event),
    "events:participants_export": Expect(
        STAFF_ONLY, lambda world: {"slug": world.event.slug, "fmt": "xlsx"}
    ),
    "events:checkin": Expect(STAFF_ONLY, event),
    "events:checkin_person": Expect(
        STAFF_ONLY, lambda world: {"slug": world.event.slug, "pk": world.event_registration.pk}
    ),
}
