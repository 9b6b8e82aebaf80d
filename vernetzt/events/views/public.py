"""The public event pages: the list, an event, its calendar file."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from vernetzt.core.roles import is_staff
from vernetzt.events import ical, selectors
from vernetzt.events.services.registration import refusal


@require_GET
def event_list(request):
    upcoming, past = selectors.event_lists(request.user)
    return render(
        request,
        "events/public/list.html",
        {"upcoming": upcoming, "past": past, "can_manage": is_staff(request.user)},
    )


@require_GET
def event_detail(request, slug):
    event = selectors.event_for_page(request.user, slug)
    return render(
        request,
        "events/public/detail.html",
        {
            "event": event,
            "refusal": refusal(request.user, event),
            "can_manage": is_staff(request.user),
        },
    )


@require_GET
def event_ical(request, slug):
    event = selectors.event_for_page(request.user, slug)
    return ical.response(ical.event_calendar(event), name=event.slug)
