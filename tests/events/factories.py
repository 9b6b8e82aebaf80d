"""Factories for the events app (kept beside its tests; tests/factories.py is shared)."""

from datetime import timedelta

import factory
from django.utils import timezone

from vernetzt.events.models import Event, Registration, Room, TimeSlot


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.CONFERENCE
    title = factory.Sequence(lambda n: f"Integrationskonferenz {n}")
    slug = factory.Sequence(lambda n: f"konferenz-{n}")
    theme_question = "Wie gestalten wir Ankommen im Stadtteil gemeinsam?"
    description = "Workshops, Austausch und Vernetzung."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=7))
    venue_name = "Bürgerhaus Nordstadt"
    venue_address = "Marktplatz 1, 12345 Musterstadt"
    capacity = 50


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Raum {n}")
    capacity = 20


class TimeSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeSlot

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda slot: slot.event.starts_at + timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda slot: slot.starts_at + timedelta(hours=1, minutes=30))
    label = "Workshops, erste Runde"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Teilnehmerin {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    status = Registration.Status.CONFIRMED
    language = "de"
