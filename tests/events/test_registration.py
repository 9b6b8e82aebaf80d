"""Registration services: with and without an account, the waiting list, promotion with a
deadline, expiry, cancellation, the full-for-good notice and reminders; e-mails and audit."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.directory.models import Language
from vernetzt.events.models import Registration
from vernetzt.events.services import registration as services

# Committed for real: the e-mails are enqueued when the transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)
S = Registration.Status


def answers(**extra):
    return {"name": "Amal Haddad", "email": "amal@example.org", "dietary": "", **extra}


def audit_actions(registration):
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id=str(registration.pk),
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_with_an_account_the_place_is_given_at_once_and_confirmed_by_e_mail():
    event = EventFactory(capacity=3)
    user = UserFactory(email="amal@example.org", language="ar")

    registration = services.register(actor=user, event=event, data=answers(), language="ar")

    assert registration.status == S.CONFIRMED
    assert registration.user == user
    assert registration.consent is not None and registration.consent.subject == "Amal Haddad"
    assert audit_actions(registration) == ["create"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amal@example.org"]
    assert message.extra_headers["Content-Language"] == "ar"
    assert f"/veranstaltungen/anmeldung/{registration.token}/absagen/" in message.body


def test_without_an_account_the_e_mail_address_is_confirmed_first():
    event = EventFactory(capacity=3)

    registration = services.register(actor=None, event=event, data=answers(), language="de")

    assert registration.status == S.PENDING
    assert event.registrations.holding_places().count() == 0
    assert len(mail.outbox) == 1
    assert f"/anmeldung/{registration.token}/bestaetigen/" in mail.outbox[0].body

    confirmed = services.confirm_email(token=registration.token)
    again = services.confirm_email(token=registration.token)

    assert confirmed.status == again.status == S.CONFIRMED
    assert confirmed.email_confirmed_at is not None
    assert audit_actions(registration) == ["create", "confirm_email"]
    assert len(mail.outbox) == 2


def test_the_same_address_cannot_register_twice_unless_cancelled():
    event = EventFactory(capacity=3)
    first = services.register(actor=None, event=event, data=answers())

    with pytest.raises(services.RegistrationRefused):
        services.register(actor=None, event=event, data=answers(email="AMAL@Example.org"))

    services.cancel(registration=first)
    second = services.register(actor=None, event=event, data=answers())
    assert second.pk != first.pk


def test_the_waiting_list_is_a_line_and_positions_move_up():
    event = EventFactory(capacity=2)
    users = [UserFactory(email=f"p{n}@example.org") for n in range(5)]
    made = [
        services.register(actor=user, event=event, data=answers(email=user.email, name=f"P{n}"))
        for n, user in enumerate(users)
    ]

    assert [r.status for r in made] == [S.CONFIRMED] * 2 + [S.WAITLISTED] * 3
    assert [r.waitlist_position() for r in made] == [None, None, 1, 2, 3]

    services.cancel(registration=made[3])  # the second in line leaves the waiting list

    made[4].refresh_from_db()
    assert made[4].waitlist_position() == 2
    assert made[2].waitlist_position() == 1
    assert Registration.objects.get(pk=made[2].pk).status == S.WAITLISTED  # no place freed


def test_a_freed_place_is_offered_to_the_first_waiting_with_a_deadline():
    event = EventFactory(capacity=1, offer_hours=24)
    holder = RegistrationFactory(event=event, status=S.CONFIRMED)
    first = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())
    second = RegistrationFactory(
        event=event, status=S.WAITLISTED, waitlisted_at=timezone.now() + timedelta(seconds=1)
    )
    before = timezone.now()

    assert services.cancel(registration=holder) is True
    assert services.cancel(registration=holder) is False  # twice: nothing more happens

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.OFFERED
    assert (
        before + timedelta(hours=24)
        <= first.offer_expires_at
        <= timezone.now() + timedelta(hours=24)
    )
    assert second.status == S.WAITLISTED and second.waitlist_position() == 1
    offered_mail = [m for m in mail.outbox if m.to == [first.email]]
    assert len(offered_mail) == 1 and "/anmeldung/" in offered_mail[0].body
    assert audit_actions(first) == ["promote"]

    accepted = services.accept_offer(registration=first)
    assert accepted.status == S.CONFIRMED


def test_the_deadline_is_never_after_the_start_of_the_event():
    event = EventFactory(
        capacity=1,
        offer_hours=48,
        starts_at=timezone.now() + timedelta(hours=5),
    )
    holder = RegistrationFactory(event=event, status=S.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())

    services.cancel(registration=holder)

    waiting.refresh_from_db()
    assert waiting.offer_expires_at == event.starts_at


def test_an_expired_offer_moves_on_to_the_next_person():
    event = EventFactory(capacity=1)
    late = RegistrationFactory(
        event=event, status=S.OFFERED, offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    nxt = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())

    assert services.expire_offers() == 1
    assert services.expire_offers() == 0

    late.refresh_from_db()
    nxt.refresh_from_db()
    assert (late.status, late.cancelled_because) == (S.CANCELLED, "offer_expired")
    assert nxt.status == S.OFFERED
    with pytest.raises(services.OfferExpired):
        services.accept_offer(registration=late)
    assert [m.to for m in mail.outbox] == [[late.email], [nxt.email]]


def test_an_offer_accepted_after_its_deadline_is_refused():
    event = EventFactory(capacity=1)
    offered = RegistrationFactory(
        event=event, status=S.OFFERED, offer_expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(services.OfferExpired):
        services.accept_offer(registration=offered)


def test_when_the_event_starts_those_waiting_hear_it_is_full_for_good_once():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=S.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())
    later = event.starts_at + timedelta(minutes=1)

    assert services.close_waitlists(now=event.starts_at - timedelta(minutes=1)) == 0
    assert services.close_waitlists(now=later) == 1
    assert services.close_waitlists(now=later) == 0

    assert [m.to for m in mail.outbox] == [[waiting.email]]
    event.refresh_from_db()
    assert event.waitlist_closed_at == later
    # After the start nobody is promoted any more.
    services.cancel(registration=event.registrations.get(status=S.CONFIRMED))
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED


def test_reminders_go_once_to_those_with_a_place_shortly_before_the_event():
    soon = EventFactory(starts_at=timezone.now() + timedelta(hours=20))
    far = EventFactory(starts_at=timezone.now() + timedelta(days=10))
    coming = RegistrationFactory(event=soon, status=S.CONFIRMED)
    RegistrationFactory(event=soon, status=S.WAITLISTED, waitlisted_at=timezone.now())
    RegistrationFactory(event=soon, status=S.CANCELLED)
    RegistrationFactory(event=far, status=S.CONFIRMED)

    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert [m.to for m in mail.outbox] == [[coming.email]]
    assert "/absagen/" in mail.outbox[0].body


def test_more_places_go_to_those_waiting():
    from vernetzt.events.services.events import save_event

    staff = UserFactory(is_staff=True)
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=S.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())

    save_event(actor=staff, event=event, data={"capacity": 2})

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED


def test_a_new_registration_never_jumps_the_queue():
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event, status=S.CONFIRMED)
    # An inconsistent state (someone waits though a place is free) is repaired first.
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())

    newcomer = services.register(
        actor=UserFactory(email="neu@example.org"),
        event=event,
        data=answers(email="neu@example.org"),
    )

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    assert newcomer.status == S.WAITLISTED


def test_registration_is_refused_outside_its_window_and_for_the_uninvited():
    now = timezone.now()
    not_yet = EventFactory(registration_opens_at=now + timedelta(days=1))
    closed = EventFactory(
        registration_closes_at=now - timedelta(minutes=1),
        registration_opens_at=now - timedelta(days=3),
    )
    private = EventFactory(visibility="invitation")
    guest = UserFactory(email="guest@example.org")
    private.invited.add(guest)

    for event in (not_yet, closed, private):
        with pytest.raises(services.RegistrationRefused):
            services.register(actor=None, event=event, data=answers())
    assert (
        services.register(actor=guest, event=private, data=answers(email=guest.email)).status
        == S.CONFIRMED
    )
    assert not Registration.objects.filter(event__in=[not_yet, closed]).exists()


def test_answers_are_tidied_and_limits_are_enforced_by_the_service():
    event = EventFactory()
    arabic = Language.objects.get_or_create(code="ar", defaults={"name": "Arabisch"})[0]
    registration = services.register(
        actor=None,
        event=event,
        data=answers(
            interpreting_needed=False,
            interpreting_language=arabic,
            childcare_needed=False,
            children=3,
        ),
    )
    assert registration.interpreting_language is None and registration.children == 0

    too_long = {
        "name": "x" * 201,
        "email": "a" * 250 + "@example.org",
        "organisation_name": "o" * 201,
        "dietary_notes": "d" * 201,
        "accessibility_needs": "z" * 501,
    }
    for field, value in too_long.items():
        with pytest.raises(ValidationError) as raised:
            services.register(
                actor=None,
                event=event,
                data={**answers(email=f"{field}@example.org"), field: value},
            )
        assert field in raised.value.message_dict
    with pytest.raises(ValidationError):
        services.register(
            actor=None,
            event=event,
            data=answers(childcare_needed=True, children=11, email="kids@example.org"),
        )


def test_check_in_happens_once_and_only_with_a_place():
    staff = UserFactory(is_staff=True)
    event = EventFactory()
    coming = RegistrationFactory(event=event, status=S.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())

    assert services.check_in(actor=staff, registration=coming) is True
    assert services.check_in(actor=staff, registration=coming) is False
    assert services.check_in(actor=staff, registration=waiting) is False
    coming.refresh_from_db()
    assert coming.status == S.CHECKED_IN and coming.checked_in_at is not None
    assert services.cancel(registration=coming) is False  # who is here cannot be cancelled
    assert audit_actions(coming) == ["check_in"]


def test_an_e_mail_that_is_no_longer_true_is_not_sent():
    from vernetzt.events.notifications import send_registration_mail

    registration = RegistrationFactory(status=S.CANCELLED)
    assert send_registration_mail.call(registration.pk, "offered") == 0
    assert send_registration_mail.call(999999, "confirmed") == 0
    assert mail.outbox == []


def test_the_housekeeping_command_does_all_three_and_is_idempotent():
    from io import StringIO

    from django.core.management import call_command

    event = EventFactory(capacity=1, starts_at=timezone.now() + timedelta(hours=10))
    RegistrationFactory(
        event=event, status=S.OFFERED, offer_expires_at=timezone.now() - timedelta(minutes=5)
    )
    nxt = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())
    out = StringIO()

    call_command("events_housekeeping", stdout=out)
    call_command("events_housekeeping", stdout=out)

    nxt.refresh_from_db()
    assert nxt.status == S.OFFERED and nxt.reminded_at is not None  # offered, then reminded
    assert out.getvalue().splitlines() == [
        "expired offers: 1, full notices: 0, reminders: 1",
        "expired offers: 0, full notices: 0, reminders: 0",
    ]


def test_the_admin_writes_through_the_services(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=S.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED, waitlisted_at=timezone.now())
    from django.urls import reverse

    page = client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: "" if form.initial.get(name) is None else form.initial[name]
        for name in form.fields
        if name not in ("organisers", "invited", "further_languages")
    }
    data.update(
        {
            "starts_at_0": event.starts_at.strftime("%d.%m.%Y"),
            "starts_at_1": timezone.localtime(event.starts_at).strftime("%H:%M:%S"),
            "ends_at_0": event.ends_at.strftime("%d.%m.%Y"),
            "ends_at_1": timezone.localtime(event.ends_at).strftime("%H:%M:%S"),
            "registration_opens_at_0": "",
            "registration_opens_at_1": "",
            "registration_closes_at_0": "",
            "registration_closes_at_1": "",
            "capacity": "2",
            "offer_hours": "48",
            "rooms-TOTAL_FORMS": "0",
            "rooms-INITIAL_FORMS": "0",
            "slots-TOTAL_FORMS": "0",
            "slots-INITIAL_FORMS": "0",
        }
    )
    response = client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    assert AuditEntry.objects.filter(action="update", object_id=str(event.pk)).exists()
