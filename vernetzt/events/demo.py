"""Events of the demo town: an upcoming integration conference (workshops as time slots, full,
with a waiting list) and a past Open Space. Called by ``seed_demo_town`` after the directory.

Written in bulk like the directory's demo (one transaction, audited with ``record_many``);
dates are relative to the day the demo is made, so the conference is always ahead.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from vernetzt.accounts.models import User
from vernetzt.audit.services import record_many
from vernetzt.directory.demo.people import FIRST_NAMES, SURNAMES
from vernetzt.directory.models import Consent, Language, Organisation
from vernetzt.events.models import Event, Registration, Room, TimeSlot
from vernetzt.events.services.registration import CONSENT_PURPOSE

AUDIT_NOTE = "demo data: events"
CONFERENCE_SLUG = "integrationskonferenz-nordstadt"
OPEN_SPACE_SLUG = "open-space-gemeinsam-ankommen"
S = Registration.Status


@dataclass(frozen=True)
class DemoEvents:
    events: int
    registrations: int


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _language(code, name):
    return Language.objects.get_or_create(code=code, defaults={"name": name})[0]


def _people(rng, count):
    seen, people = set(), []
    while len(people) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name in seen:
            continue
        seen.add(name)
        slug = name.lower().replace(" ", ".").encode("ascii", "ignore").decode() or "person"
        people.append((name, f"{slug}.{len(people)}@example.org"))
    return people


def _answers(rng, languages, organisations):
    answers = {}
    if rng.random() < 0.3:
        answers["interpreting_needed"] = True
        answers["interpreting_language"] = rng.choice(languages)
    if rng.random() < 0.2:
        answers["childcare_needed"] = True
        answers["children"] = rng.randint(1, 3)
    answers["dietary"] = rng.choice(["", "", "", "vegetarian", "vegan", "halal"])
    if rng.random() < 0.1:
        answers["accessibility_needs"] = rng.choice(
            ["Rollstuhl, bitte stufenloser Raum", "Höranlage", "Leichte Sprache", "Ruhiger Platz"]
        )
    if organisations and rng.random() < 0.6:
        answers["organisation_name"] = rng.choice(organisations).name
    return answers


def _registrations(rng, event, people, statuses, languages, organisations, *, at):
    rows = []
    for number, ((name, email), status) in enumerate(zip(people, statuses, strict=True)):
        moment = at + timedelta(minutes=7 * number)
        registration = Registration(
            event=event,
            name=name,
            email=email,
            language=rng.choice(["de", "de", "de", "ar", "uk", "tr"]),
            status=status,
            email_confirmed_at=moment,
            **_answers(rng, languages, organisations),
        )
        registration.email_key = email.casefold()
        if status in (S.CONFIRMED, S.CHECKED_IN):
            registration.confirmed_at = moment
        if status == S.WAITLISTED:
            registration.waitlisted_at = moment
        if status == S.CHECKED_IN:
            registration.checked_in_at = event.starts_at + timedelta(minutes=rng.randint(-20, 40))
        if status == S.CANCELLED:
            registration.cancelled_at = moment + timedelta(days=2)
            registration.cancelled_because = Registration.CancelledBecause.PERSON
        rows.append(registration)
    return rows


def _rooms(event, rooms):
    return [Room(event=event, **room) for room in rooms]


def _slots(event, day, slots):
    return [
        TimeSlot(event=event, starts_at=_at(day, *start), ends_at=_at(day, *end), label=label)
        for start, end, label in slots
    ]


@transaction.atomic
def seed_events(*, seed=1):
    """Create the two demo events unless they exist; what was made."""
    if Event.objects.filter(slug__in=[CONFERENCE_SLUG, OPEN_SPACE_SLUG]).exists():
        return DemoEvents(events=0, registrations=0)
    rng = random.Random(seed)
    office = User.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
    organisations = list(Organisation.objects.publicly_visible().order_by("name")[:40])
    languages = [
        _language("ar", "Arabisch"),
        _language("uk", "Ukrainisch"),
        _language("tr", "Türkisch"),
        _language("fa", "Persisch"),
        _language("ru", "Russisch"),
    ]
    today = timezone.localdate()

    conference_day = today + timedelta(days=24)
    conference = Event.objects.create(
        slug=CONFERENCE_SLUG,
        kind=Event.Kind.CONFERENCE,
        created_by=office,
        title="Integrationskonferenz Nordstadt",
        theme_question="Wie gestalten wir das Ankommen im Stadtteil gemeinsam?",
        description=(
            "Die Stadtteilkonferenz bringt Vereine, Migrantenorganisationen, Schulen, "
            "Beratungsstellen und Verwaltung zusammen. Am Vormittag und am Nachmittag arbeiten "
            "wir in Workshops; am Ende stehen Vorschläge für den Integrationsrat und Verabredungen "
            "für gemeinsame Projekte.\n\nDolmetschen (Arabisch, Ukrainisch, Türkisch, Persisch) und "
            "Kinderbetreuung bitte bei der Anmeldung angeben."
        ),
        starts_at=_at(conference_day, 9, 30),
        ends_at=_at(conference_day, 16, 30),
        venue_name="Bürgerhaus Nordstadt",
        venue_address="Marktplatz 3, 12345 Musterstadt",
        capacity=40,
        registration_closes_at=_at(conference_day - timedelta(days=3), 23, 59),
    )
    Room.objects.bulk_create(
        _rooms(
            conference,
            [
                {"name": "Großer Saal", "capacity": 120, "step_free": True, "projector": True},
                {"name": "Werkstatt 1", "capacity": 25, "step_free": True, "projector": True},
                {"name": "Werkstatt 2", "capacity": 20, "kitchen": True},
                {"name": "Kinderraum", "capacity": 15, "step_free": True, "childcare_corner": True},
            ],
        )
    )
    TimeSlot.objects.bulk_create(
        _slots(
            conference,
            conference_day,
            [
                ((9, 30), (10, 15), "Ankommen, Begrüßung, Ziele des Tages"),
                (
                    (10, 15),
                    (12, 0),
                    "Workshops I: Sprache und Arbeit · Schule und Eltern · Ehrenamt",
                ),
                ((12, 0), (13, 0), "Mittagessen"),
                ((13, 0), (14, 45), "Workshops II: Wohnen und Nachbarschaft · Gesundheit · Sport"),
                ((14, 45), (16, 30), "Ergebnisse, nächste Schritte, Arbeitsgruppen"),
            ],
        )
    )

    open_space_day = today - timedelta(days=62)
    open_space = Event.objects.create(
        slug=OPEN_SPACE_SLUG,
        kind=Event.Kind.OPEN_SPACE,
        created_by=office,
        title="Open Space: Gemeinsam ankommen",
        theme_question="Was brauchen wir, damit Neuzugewanderte und Engagierte gut zusammenarbeiten?",
        description=(
            "Ein Tag ohne festes Programm: Wer ein Anliegen hat, bietet eine Session an. "
            "Haupt- und Ehrenamtliche vereinbaren Kooperationen und gründen Arbeitsgruppen."
        ),
        starts_at=_at(open_space_day, 10),
        ends_at=_at(open_space_day, 16),
        venue_name="Rathaus Musterstadt, Ratssaal und Foyer",
        venue_address="Rathausplatz 1, 12345 Musterstadt",
        capacity=60,
        waitlist_closed_at=_at(open_space_day, 10),
    )
    Room.objects.bulk_create(
        _rooms(
            open_space,
            [
                {"name": "Ratssaal", "capacity": 80, "step_free": True, "projector": True},
                {"name": "Foyer", "capacity": 30, "step_free": True},
                {"name": "Sitzungszimmer A", "capacity": 15, "projector": True},
                {"name": "Sitzungszimmer B", "capacity": 15},
                {
                    "name": "Familienzimmer",
                    "capacity": 12,
                    "step_free": True,
                    "childcare_corner": True,
                },
            ],
        )
    )
    TimeSlot.objects.bulk_create(
        _slots(
            open_space,
            open_space_day,
            [
                ((10, 0), (10, 45), "Eröffnungskreis und Marktplatz der Themen"),
                ((11, 0), (12, 0), "Session-Runde 1"),
                ((13, 0), (14, 0), "Session-Runde 2"),
                ((14, 15), (15, 15), "Session-Runde 3"),
                ((15, 15), (16, 0), "Abschlusskreis"),
            ],
        )
    )
    for event, organisers in [(conference, organisations[:3]), (open_space, organisations[3:6])]:
        event.organisers.set(organisers)
    conference.further_languages.set(languages[:4])
    open_space.further_languages.set(languages[:2])

    people = _people(rng, 46 + 58)
    conference_rows = _registrations(
        rng,
        conference,
        people[:46],
        [S.CONFIRMED] * 40 + [S.WAITLISTED] * 6,
        languages,
        organisations,
        at=timezone.now() - timedelta(days=12),
    )
    open_space_rows = _registrations(
        rng,
        open_space,
        people[46:],
        [S.CHECKED_IN] * 49 + [S.CONFIRMED] * 5 + [S.CANCELLED] * 4,
        languages,
        organisations,
        at=open_space.starts_at - timedelta(days=30),
    )
    participant = User.objects.filter(username="teilnehmer").first()
    if participant is not None:  # the demo participant holds one of the conference's places
        conference_rows[0].user = participant
        conference_rows[0].name = participant.get_full_name() or participant.username
    rows = conference_rows + open_space_rows
    consents = Consent.objects.bulk_create(
        [
            Consent(
                subject=row.name,
                purpose=str(CONSENT_PURPOSE),
                method=Consent.Method.WEB_FORM,
                given_at=row.email_confirmed_at,
            )
            for row in rows
        ]
    )
    for row, consent in zip(rows, consents, strict=True):
        row.consent = consent
    registrations = Registration.objects.bulk_create(rows)
    record_many(
        actor=office,
        action="create",
        note=AUDIT_NOTE,
        objects=[(obj, {}) for obj in [conference, open_space, *registrations]],
    )
    return DemoEvents(events=2, registrations=len(registrations))
