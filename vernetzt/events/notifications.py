"""E-mails to the people who register, sent through the task queue in their language.

The services call ``registration_changed(registration, kind)`` inside their transaction; the
task is enqueued when it commits and reads the registration again, so a write that rolls back
sends nothing and an e-mail never says what is no longer true (an offer already withdrawn is
not announced). Every e-mail links to the person's registration page and its cancel page.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from vernetzt.directory.notifications import absolute_url, recipient_language
from vernetzt.events.models import Registration

TEMPLATES = "events/emails"
S = Registration.Status
# kind → the statuses in which that e-mail is still true when the worker sends it.
STILL_TRUE = {
    "confirm_email": {S.PENDING},
    "confirmed": {S.CONFIRMED},
    "waitlisted": {S.WAITLISTED},
    "offered": {S.OFFERED},
    "offer_expired": {S.CANCELLED},
    "cancelled": {S.CANCELLED},
    "full": {S.WAITLISTED},
    "reminder": {S.CONFIRMED, S.OFFERED},
}


def links(registration):
    token = {"token": registration.token}
    return {
        "registration_url": absolute_url(reverse("events:registration", kwargs=token)),
        "cancel_url": absolute_url(reverse("events:registration_cancel", kwargs=token)),
        "confirm_url": absolute_url(reverse("events:registration_confirm", kwargs=token)),
        "event_url": absolute_url(
            reverse("events:event_detail", kwargs={"slug": registration.event.slug})
        ),
    }


@task()
def send_registration_mail(registration_id, kind):
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.status not in STILL_TRUE[kind]:
        return 0
    language = recipient_language(registration.language)
    context = {
        "registration": registration,
        "event": registration.event,
        "position": registration.waitlist_position(),
        "site_name": settings.SITE_NAME,
        "town_name": settings.TOWN_NAME,
        **links(registration),
    }
    with translation.override(language):
        subject = render_to_string(f"{TEMPLATES}/{kind}_subject.txt", context)
        body = render_to_string(f"{TEMPLATES}/{kind}.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        to=[registration.email],
        headers={"Content-Language": language},
    )
    return message.send()


def registration_changed(registration, kind):
    """Tell the person about ``kind`` once the current transaction commits."""
    assert kind in STILL_TRUE, kind
    transaction.on_commit(lambda: send_registration_mail.enqueue(registration.pk, kind))


@task()
def housekeeping():
    """Expire offers, send full-for-good notices and reminders (``events_housekeeping``)."""
    from vernetzt.events.services.registration import housekeeping as run

    return run()
