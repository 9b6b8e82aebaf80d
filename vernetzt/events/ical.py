"""iCalendar files (RFC 5545): an event with its time slots, and a person's registration."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from vernetzt.directory.notifications import absolute_url

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _host():
    return settings.BASE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "vernetzt"


def _calendar():
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME} {settings.TOWN_NAME}//events//DE")
    calendar.add("version", "2.0")
    return calendar


def _entry(*, uid, summary, starts_at, ends_at, event, description="", status="CONFIRMED"):
    entry = CalendarEvent()
    entry.add("uid", f"{uid}@{_host()}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", starts_at)
    entry.add("dtend", ends_at)
    entry.add("summary", summary)
    location = ", ".join(part for part in [event.venue_name, event.venue_address] if part)
    if location:
        entry.add("location", location)
    url = absolute_url(reverse("events:event_detail", kwargs={"slug": event.slug}))
    entry.add("url", url)
    entry.add("description", "\n\n".join(part for part in [description, url] if part))
    entry.add("status", status)
    return entry


def event_calendar(event):
    calendar = _calendar()
    calendar.add_component(
        _entry(
            uid=f"event-{event.pk}",
            summary=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            event=event,
            description=event.theme_question,
        )
    )
    for slot in event.slots.all():
        calendar.add_component(
            _entry(
                uid=f"event-{event.pk}-slot-{slot.pk}",
                summary=f"{event.title}: {slot.label}" if slot.label else event.title,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                event=event,
            )
        )
    return calendar


def registration_calendar(registration, *, note):
    """The event in the person's calendar: confirmed with a place, tentative while waiting."""
    event = registration.event
    calendar = _calendar()
    link = absolute_url(reverse("events:registration", kwargs={"token": registration.token}))
    calendar.add_component(
        _entry(
            uid=f"registration-{registration.pk}",
            summary=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            event=event,
            description=f"{note}\n{link}",
            status="CONFIRMED" if registration.holds_a_place else "TENTATIVE",
        )
    )
    return calendar


def response(calendar, *, name):
    result = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    result["Content-Disposition"] = f'attachment; filename="{slugify(name) or "event"}.ics"'
    return result
