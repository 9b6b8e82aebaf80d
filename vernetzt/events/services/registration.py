"""Registration: places, the waiting list and its promotions. Every write is audited.

Places are counted, never stored: a registration holds a place while it is confirmed, offered
or checked in (``Registration.HOLDS_A_PLACE``). Every function that gives or frees a place
first locks its event (``_lock_event``) and only then counts, so two writers never both see
the same free place:

- PostgreSQL: ``SELECT … FOR UPDATE`` on the event's row; writers of the same event queue
  behind it, writers of other events do not wait.
- SQLite: the database has one writer, and vernetzt opens every transaction with
  ``BEGIN IMMEDIATE`` (``transaction_mode`` in the settings), which takes that write lock
  before the first read; ``_lock_event`` also writes to the event's row first thing, so the lock
  is taken before counting even where a transaction was begun ``DEFERRED``.

Transactions stay short (a count, a few rows, the audit entries); e-mails are enqueued when
they commit (``notifications``). When a place frees (a cancellation, an offer that expired,
more places), ``_fill_places`` offers it to the first person waiting, under the same lock: each
freed place is offered exactly once, however many cancellations arrive at the same moment.
"""

import functools
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, OperationalError, models, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.services import SystemActor, diff, record, snapshot
from vernetzt.core.roles import is_staff
from vernetzt.directory.models import Consent, Organisation
from vernetzt.events import notifications
from vernetzt.events.models import Event, Registration

SYSTEM = SystemActor("events: waiting list")
ANSWER_FIELDS = [
    "name",
    "email",
    "organisation_name",
    "interpreting_needed",
    "interpreting_language",
    "childcare_needed",
    "children",
    "dietary",
    "dietary_notes",
    "accessibility_needs",
]
AUDITED = [*ANSWER_FIELDS, "status", "offer_expires_at", "organisation"]

CONSENT_PURPOSE = _(
    "The organisers store your name, e-mail address and answers to plan the event (places, "
    "interpreting, childcare, food, accessibility) and to write to you about it. Only the "
    "integration office sees them. They are deleted when the event and its documentation no "
    "longer need them, and at any time on request."
)


class RegistrationRefused(Exception):
    """Registration is not possible (closed, not invited, already registered); ``message``
    is a translated sentence for the person."""

    def __init__(self, message, *, registration=None):
        super().__init__(str(message))
        self.message = message
        self.registration = registration


class OfferExpired(Exception):
    """The offered place was not accepted before its deadline."""


# --- Rules -----------------------------------------------------------------------------------


def may_register(user, event):
    """Who may register for ``event``: everyone for a public event, staff and the invited for
    one by invitation."""
    user = user or AnonymousUser()
    if event.is_public or is_staff(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False) and event.invited.filter(pk=user.pk).exists()
    )


def refusal(user, event, *, now=None):
    """Why ``user`` cannot register for ``event`` now (a translated sentence), or None."""
    state = event.registration_state(now)
    if state == "not_yet":
        return _("Registration has not opened yet.")
    if state == "closed":
        return _("Registration for this event is closed.")
    if not may_register(user, event):
        return _("This event is by invitation only.")
    return None


# --- Locking and places ----------------------------------------------------------------------

LOCK_ATTEMPTS = 5


def retried_when_locked(service):
    """SQLite makes a writer wait for its one write lock up to the busy timeout, then answers
    "database is locked". The transaction has rolled back by then (nothing written, no e-mail
    enqueued), so a burst of registrations is tried again rather than shown an error. Not inside
    an outer transaction: that one has to be repeated as a whole."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        for attempt in range(1, LOCK_ATTEMPTS + 1):
            try:
                return service(*args, **kwargs)
            except OperationalError as error:
                outer = transaction.get_connection().in_atomic_block
                if "locked" not in str(error) or outer or attempt == LOCK_ATTEMPTS:
                    raise

    return wrapper


def _lock_event(event_id):
    """Lock ``event_id`` for this transaction (see the module's docstring); the event as
    stored now."""
    Event.objects.filter(pk=event_id).update(updated_at=models.F("updated_at"))
    return Event.objects.select_for_update().get(pk=event_id)


def places_taken(event):
    return event.registrations.holding_places().count()


def _place(event, registration, *, now):
    """Give ``registration`` a place if one is free, else put it on the waiting list."""
    _fill_places(event, now=now)  # never jump the queue: those waiting come first
    if places_taken(event) < event.capacity:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
    else:
        registration.status = Registration.Status.WAITLISTED
        registration.waitlisted_at = now


def _fill_places(event, *, now):
    """Offer each free place to the next person waiting; the offered (a list)."""
    if event.has_started(now) or event.waitlist_closed_at:
        return []
    free = event.capacity - places_taken(event)
    if free <= 0:
        return []
    deadline = min(now + timedelta(hours=event.offer_hours), event.starts_at)
    offered = list(event.registrations.waiting()[:free])
    for registration in offered:
        registration.status = Registration.Status.OFFERED
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offer_expires_at"])
        record(
            actor=SYSTEM,
            action="promote",
            obj=registration,
            changes={
                "status": [Registration.Status.WAITLISTED, Registration.Status.OFFERED],
                "offer_expires_at": [None, deadline.isoformat()],
            },
        )
        notifications.registration_changed(registration, "offered")
    return offered


# --- Registering -----------------------------------------------------------------------------


def _organisation_named(name):
    name = (name or "").strip()
    if not name:
        return None
    return Organisation.objects.publicly_visible().filter(name__iexact=name).first()


@retried_when_locked
def register(*, actor, event, data, language=None):
    """Register for ``event``. ``data``: the answers (``ANSWER_FIELDS``).

    With an account (``actor`` logged in) the place is given at once. Without one, the
    registration waits for the e-mail address to be confirmed (``confirm_email``) and the
    person gets the link. Raises ``RegistrationRefused``."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    language = (language or get_language() or "")[:10]
    # Everything that needs no lock is prepared before the transaction: validation, the
    # organisation's name, translated texts (loading a catalogue must not hold the lock).
    registration = Registration(
        event=event,
        user=user,
        language=language,
        status=Registration.Status.PENDING,
        organisation=_organisation_named(data.get("organisation_name")),
        **{name: data.get(name) for name in ANSWER_FIELDS if name in data},
    )
    registration.name = (registration.name or "").strip()
    registration.email = (registration.email or "").strip()
    if not registration.interpreting_needed:
        registration.interpreting_language = None
    if not registration.childcare_needed:
        registration.children = 0
    registration.full_clean(
        exclude=["email_key", "consent"], validate_unique=False, validate_constraints=False
    )
    consent = Consent(
        subject=registration.name,
        purpose=str(CONSENT_PURPOSE),
        method=Consent.Method.WEB_FORM,
        recorded_by=user,
    )
    note = str(_("registration for %(event)s") % {"event": event.title})
    already = RegistrationRefused(
        _(
            "This e-mail address is already registered for this event. The e-mail we sent has a "
            "link to your registration."
        )
    )
    try:
        with transaction.atomic():
            now = timezone.now()
            event = _lock_event(event.pk)
            reason = refusal(actor, event, now=now)
            if reason:
                raise RegistrationRefused(reason)
            email_key = registration.email.strip().casefold()
            if (
                event.registrations.exclude(status=Registration.Status.CANCELLED)
                .filter(email_key=email_key)
                .exists()
            ):
                raise already
            consent.save()
            registration.event = event
            registration.consent = consent
            if user is not None:
                registration.email_confirmed_at = now
                _place(event, registration, now=now)
            registration.save()
            record(
                actor=actor,
                action="create",
                obj=registration,
                changes=diff({}, snapshot(registration, AUDITED)),
                note=note,
            )
            if registration.status == Registration.Status.PENDING:
                notifications.registration_changed(registration, "confirm_email")
            else:
                notifications.registration_changed(registration, registration.status)
            return registration
    except IntegrityError:
        # The same address twice at the same moment: the unique constraint decided.
        raise already from None


@retried_when_locked
def confirm_email(*, token, actor=None):
    """The person followed the link in the first e-mail: now they get a place or a place on
    the waiting list. Confirming twice changes nothing."""
    with transaction.atomic():
        now = timezone.now()
        registration = Registration.objects.select_related("event").get(token=token)
        event = _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            return registration
        if event.has_started(now):
            raise RegistrationRefused(_("Registration for this event is closed."))
        registration.email_confirmed_at = now
        _place(event, registration, now=now)
        registration.save()
        record(
            actor=actor,
            action="confirm_email",
            obj=registration,
            changes={"status": [Registration.Status.PENDING, registration.status]},
        )
        notifications.registration_changed(registration, registration.status)
        return registration


@retried_when_locked
def accept_offer(*, registration, actor=None):
    """Accept the place offered from the waiting list, before its deadline."""
    with transaction.atomic():
        now = timezone.now()
        _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CONFIRMED:
            return current
        if current.status != Registration.Status.OFFERED:
            raise OfferExpired
        if current.offer_expires_at and current.offer_expires_at <= now:
            raise OfferExpired
        current.status = Registration.Status.CONFIRMED
        current.confirmed_at = now
        current.save(update_fields=["status", "confirmed_at"])
        record(
            actor=actor,
            action="accept_offer",
            obj=current,
            changes={"status": [Registration.Status.OFFERED, Registration.Status.CONFIRMED]},
        )
        notifications.registration_changed(current, "confirmed")
        return current


@retried_when_locked
def cancel(*, registration, actor=None, because=Registration.CancelledBecause.PERSON):
    """Cancel a registration (by its link, by the person logged in, or by staff). A place it
    held goes to the next person waiting. True if this call cancelled it."""
    note = str(Registration.CancelledBecause(because).label)
    with transaction.atomic():
        now = timezone.now()
        event = _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status in (Registration.Status.CANCELLED, Registration.Status.CHECKED_IN):
            return False
        before = current.status
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = now
        current.cancelled_because = because
        current.offer_expires_at = None
        current.save(
            update_fields=["status", "cancelled_at", "cancelled_because", "offer_expires_at"]
        )
        record(
            actor=actor,
            action="cancel",
            obj=current,
            changes={"status": [before, current.status]},
            note=note,
        )
        notifications.registration_changed(
            current,
            "offer_expired"
            if because == Registration.CancelledBecause.OFFER_EXPIRED
            else "cancelled",
        )
        if before in Registration.HOLDS_A_PLACE:
            _fill_places(event, now=now)
        registration.status = current.status
        return True


@retried_when_locked
def check_in(*, actor, registration):
    """At the door: a person with a place is checked in (once). True if this call did it."""
    with transaction.atomic():
        now = timezone.now()
        changed = Registration.objects.filter(
            pk=registration.pk,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.OFFERED],
        ).update(status=Registration.Status.CHECKED_IN, checked_in_at=now)
        if changed:
            record(
                actor=actor,
                action="check_in",
                obj=registration,
                changes={"status": [registration.status, Registration.Status.CHECKED_IN]},
            )
            registration.status = Registration.Status.CHECKED_IN
            registration.checked_in_at = now
        return bool(changed)


def capacity_changed(event):
    """After staff changed the places: offer the new free places (inside their transaction)."""
    locked = _lock_event(event.pk)
    return _fill_places(locked, now=timezone.now())


# --- Housekeeping (``manage.py events_housekeeping``, the task ``housekeeping``) -------------


def expire_offers(*, now=None):
    """Offers past their deadline are withdrawn and passed on to the next person waiting."""
    now = now or timezone.now()
    expired = 0
    overdue = Registration.objects.filter(
        status=Registration.Status.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(overdue):
        registration = Registration.objects.get(pk=pk)
        if cancel(
            registration=registration,
            actor=SYSTEM,
            because=Registration.CancelledBecause.OFFER_EXPIRED,
        ):
            expired += 1
    return expired


def close_waitlists(*, now=None):
    """When an event starts, everyone still waiting hears that it is full for good (once)."""
    now = now or timezone.now()
    told = 0
    for event_id in list(
        Event.objects.filter(starts_at__lte=now, waitlist_closed_at__isnull=True).values_list(
            "pk", flat=True
        )
    ):
        with transaction.atomic():
            event = _lock_event(event_id)
            if event.waitlist_closed_at:
                continue
            event.waitlist_closed_at = now
            event.save(update_fields=["waitlist_closed_at"])
            waiting = list(event.registrations.waiting())
            for registration in waiting:
                notifications.registration_changed(registration, "full")
            if waiting:
                record(
                    actor=SYSTEM,
                    action="waitlist_closed",
                    obj=event,
                    note=f"{len(waiting)} waiting",
                )
            told += len(waiting)
    return told


REMINDER_BEFORE = timedelta(hours=48)


def send_reminders(*, now=None, before=REMINDER_BEFORE):
    """One reminder per person with a place, within ``before`` of the event's start. Safe to
    run from several workers at once: each reminder is claimed by one conditional update."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status__in=[Registration.Status.CONFIRMED, Registration.Status.OFFERED],
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + before,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            if Registration.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                notifications.registration_changed(Registration(pk=pk), "reminder")
                sent += 1
    return sent


def housekeeping(*, now=None):
    return {
        "expired_offers": expire_offers(now=now),
        "full_notices": close_waitlists(now=now),
        "reminders": send_reminders(now=now),
    }
